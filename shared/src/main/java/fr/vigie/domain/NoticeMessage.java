package fr.vigie.domain;

import fr.vigie.domain.notice.MatchedNotice;
import fr.vigie.domain.notice.SupplyNoticeEvent;

import java.time.Instant;

/**
 * A message of a manufacturer's notice record waiting in the outbox (spec section 5): the operators'
 * SUPPLY_NOTICE {@code event} when {@code facilityId} is null (then {@code record} and {@code deviceId}
 * are null too), else the French message of {@code record} to a facility that receives {@code deviceId}.
 * A function without SNS (the notices file drop) records them; the outbox dispatcher sends them, and
 * retries them, as it does the alerts.
 */
public record NoticeMessage(SupplyNoticeEvent event, MatchedNotice record, String facilityId, String deviceId)
        implements OutgoingEvent {

    public static NoticeMessage forOperators(SupplyNoticeEvent event) {
        return new NoticeMessage(event, null, null, null);
    }

    public static NoticeMessage forFacility(MatchedNotice record, String facilityId, String deviceId) {
        return new NoticeMessage(SupplyNoticeEvent.of(record), record, facilityId, deviceId);
    }

    public boolean operators() {
        return facilityId == null;
    }

    /** The start of the publication day (UTC), the SUPPLY_NOTICE event's {@code at}. */
    @Override
    public Instant at() {
        return event.at();
    }
}
