package fr.vigie.port;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.StaleDataEvent;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.notice.MatchedNotice;
import fr.vigie.domain.notice.SupplyNoticeEvent;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The messages people and machines receive (SNS in the cloud; locally also the replay's JSON Lines
 * file and the demo's table): each facility alert's own message (the spec's JSON event for machines,
 * its SMS, and its email unless a digest carries it), the digest email of several alerts of one
 * facility and level, the reminder of an alert still open, the operators' national events, and
 * manufacturers' supply notices (operators' event, a receiving hospital's French message).
 * Each call throws when the message could not be sent, so that the event stays pending.
 */
public interface AlertChannels {

    record Notice(AlertEvent event, WatchlistEntry device) {
    }

    /** One alert's own message; {@code withEmail} false when its email goes in a digest. */
    void alert(Notice notice, boolean withEmail);

    /** One email listing alerts of one facility raised at one level by one batch (two or more). */
    void digest(List<Notice> notices);

    /** The open alert's text again, marked as a reminder; never a new alert event. */
    void reminder(Notice open, Instant now);

    /**
     * The open alert of a series that stopped reporting, reminded by the silence check (issue 22): its
     * text again, marked as a reminder, saying the last data came on {@code lastSeen}'s day and that
     * the alert stays open; never an alert event.
     */
    void silentReminder(Notice open, Instant now, Instant lastSeen);

    /** A national supply disruption, for operators. */
    void national(SupplyDisruptionEvent event);

    /**
     * A facility, or one of its devices, fell silent or reports again (spec section 3, STALE_DATA), for the
     * facility and its region's operators; {@code device} is the device's watch-list entry, null when the
     * whole facility is concerned (or the device left the list).
     */
    void staleData(StaleDataEvent event, WatchlistEntry device);

    /** A manufacturer's notice record that changes the notice's state, for operators (spec section 5). */
    void supplyNotice(SupplyNoticeEvent event);

    /** One French email/SMS to a facility that receives {@code device}, of a change of status of a notice on it. */
    void facilityNotice(String facilityId, WatchlistEntry device, MatchedNotice record);

    /**
     * Channels that take the spec's events only (spec sections 3 and 5: a facility alert, in or out
     * of a digest, a national disruption, a supply notice, a silence), each handed to its consumer; digests,
     * reminders and a hospital's notice message, which are not events, leave nothing. What a JSON
     * Lines file, a counter or a test capture needs.
     */
    static AlertChannels eventsOnly(Consumer<AlertEvent> alerts, Consumer<SupplyDisruptionEvent> nationals,
                                    Consumer<SupplyNoticeEvent> notices, Consumer<StaleDataEvent> silences) {
        return new AlertChannels() {
            @Override
            public void alert(Notice notice, boolean withEmail) {
                alerts.accept(notice.event());
            }

            @Override
            public void digest(List<Notice> notices) {
                // each alert of a digest comes through its own message
            }

            @Override
            public void reminder(Notice open, Instant now) {
                // not an alert event
            }

            @Override
            public void silentReminder(Notice open, Instant now, Instant lastSeen) {
                // not an alert event
            }

            @Override
            public void national(SupplyDisruptionEvent event) {
                nationals.accept(event);
            }

            @Override
            public void supplyNotice(SupplyNoticeEvent event) {
                notices.accept(event);
            }

            @Override
            public void staleData(StaleDataEvent event, WatchlistEntry device) {
                silences.accept(event);
            }

            @Override
            public void facilityNotice(String facilityId, WatchlistEntry device, MatchedNotice record) {
                // a hospital's message, not an event
            }
        };
    }
}
