package fr.vigie.port;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.WatchlistEntry;

import java.util.List;

/**
 * The messages people and machines receive for facility alerts (SNS in the cloud): each alert's own
 * message (the spec's JSON event for machines, its SMS, and its email unless a digest carries it), the
 * digest email of several alerts of one facility and level, and the reminder of an alert still open.
 * Each call throws when the message could not be sent.
 */
public interface AlertChannels {

    record Notice(AlertEvent event, WatchlistEntry device) {
    }

    /** One alert's own message; {@code withEmail} false when its email goes in a digest. */
    void alert(Notice notice, boolean withEmail);

    /** One email listing alerts of one facility raised at one level by one batch (two or more). */
    void digest(List<Notice> notices);

    /** The open alert's text again, marked as a reminder; never a new alert event. */
    void reminder(Notice open, java.time.Instant now);
}
