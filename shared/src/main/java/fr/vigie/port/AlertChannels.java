package fr.vigie.port;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;

import java.time.Instant;
import java.util.List;

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
}
