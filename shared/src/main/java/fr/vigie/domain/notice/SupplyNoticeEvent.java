package fr.vigie.domain.notice;

import fr.vigie.domain.DisruptionKind;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A change of a notice's state told to operators (spec section 5, {@code type} SUPPLY_NOTICE):
 * {@code at} is the start of the publication day (UTC), {@code deviceIds} the entries matched
 * (empty when none, {@code matchedBy} NONE), {@code expectedEnd} null when the record has none.
 */
public record SupplyNoticeEvent(
        String noticeId,
        NoticeStatus status,
        DisruptionKind kind,
        Instant at,
        LocalDate publishedAt,
        List<String> deviceIds,
        MatchedBy matchedBy,
        LocalDate expectedEnd) {

    public static final String TYPE = "SUPPLY_NOTICE";

    public SupplyNoticeEvent {
        deviceIds = List.copyOf(deviceIds);
    }

    public static SupplyNoticeEvent of(MatchedNotice m) {
        SupplyNotice n = m.notice();
        return new SupplyNoticeEvent(n.noticeId(), n.status(), n.kind(), n.publishedAt().atStartOfDay(ZoneOffset.UTC).toInstant(),
                n.publishedAt(), m.match().deviceIds(), m.match().matchedBy(), n.expectedEnd());
    }
}
