package fr.vigie.port;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The messages people and machines receive (SNS in the cloud; locally also the replay's JSON Lines
 * file and the demo's table): each facility alert's own message (the spec's JSON event for machines,
 * its SMS, and its email unless a digest carries it), the digest email of several alerts of one
 * facility and level, the reminder of an alert still open, and the operators' national events.
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

    /** A national supply disruption, for operators. */
    void national(SupplyDisruptionEvent event);

    /**
     * Channels that take the spec's events only (spec section 3: a facility alert, in or out of a
     * digest, and a national disruption), each handed to its consumer; digests and reminders, which
     * are not events, leave nothing. What a JSON Lines file, a counter or a test capture needs.
     */
    static AlertChannels eventsOnly(Consumer<AlertEvent> alerts, Consumer<SupplyDisruptionEvent> nationals) {
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
            public void national(SupplyDisruptionEvent event) {
                nationals.accept(event);
            }
        };
    }
}
