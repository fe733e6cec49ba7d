package fr.vigie.domain.notice;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One notice of a season beside what facilities saw (issue 20, "where tension is" and the RETEX):
 * when it was first published, its status and devices at the latest record, the first overdue or
 * short delivery of those devices at any facility ({@code null} when none was seen), and the lead the
 * notice gave in days: positive when it came before the facilities' first signal, negative after,
 * {@code null} without a signal.
 */
public record NoticeLead(String noticeId, LocalDate firstPublished, NoticeStatus status, List<String> deviceIds,
                         MatchedBy matchedBy, Instant firstSignal, Integer leadDays) {

    public NoticeLead {
        deviceIds = List.copyOf(deviceIds);
    }

    /**
     * @param records     the season's records, any order
     * @param firstSignal the first overdue or short delivery of a device at any facility, if any
     */
    public static List<NoticeLead> of(List<MatchedNotice> records, Function<String, Optional<Instant>> firstSignal) {
        Map<String, List<MatchedNotice>> byNotice = new LinkedHashMap<>();
        new NoticeBook(records).records().forEach(m -> byNotice.computeIfAbsent(m.notice().noticeId(), k -> new ArrayList<>()).add(m));
        List<NoticeLead> out = new ArrayList<>();
        byNotice.forEach((id, recs) -> {
            MatchedNotice first = recs.get(0);
            MatchedNotice last = recs.get(recs.size() - 1);
            Instant signal = last.match().deviceIds().stream().map(firstSignal).flatMap(Optional::stream)
                    .min(Instant::compareTo).orElse(null);
            LocalDate published = first.notice().publishedAt();
            Integer lead = signal == null ? null
                    : (int) ChronoUnit.DAYS.between(published, LocalDate.ofInstant(signal, ZoneOffset.UTC));
            out.add(new NoticeLead(id, published, last.notice().status(), last.match().deviceIds(), last.match().matchedBy(), signal, lead));
        });
        return out;
    }
}
