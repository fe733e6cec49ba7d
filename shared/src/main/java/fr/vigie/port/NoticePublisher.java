package fr.vigie.port;

import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.notice.MatchedNotice;
import fr.vigie.domain.notice.SupplyNoticeEvent;

/** Tells people of manufacturers' notices: operators of every change, hospitals of each status change. */
public interface NoticePublisher {

    /** The operators' event (spec section 5), on their subscriptions and in the replay's JSON Lines. */
    void publish(SupplyNoticeEvent event);

    /** One French email/SMS to a facility that receives {@code device}, which the record concerns. */
    void tellFacility(String facilityId, WatchlistEntry device, MatchedNotice record);
}
