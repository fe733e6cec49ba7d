package fr.vigie.port;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.OutgoingEvent;

import java.time.Instant;
import java.util.List;

/**
 * The events recorded and not yet fully sent (facility alerts and national disruptions), as the
 * dispatcher and its retry see them: an event stays pending until its own message (machines and SMS)
 * went out; {@code emailSent} tells that an alert's email already went in a digest, so that a retry
 * does not mail it twice. {@code retryAfter} and {@code attempts} pace the retries (null and 0 until
 * a retry first saw the event). This port alone clears an event's pending mark.
 */
public interface AlertOutbox {

    record Pending(OutgoingEvent event, boolean emailSent, int attempts, Instant retryAfter) {
    }

    /** Every pending event, oldest first. */
    List<Pending> pending();

    /**
     * Takes a pending event for a retry: sets {@code retryAfter = until} (and counts an attempt when
     * {@code attempt}) only if it is still pending and nobody moved its {@code retryAfter} since it was
     * read. False when another run took it or it was sent meanwhile: leave it alone.
     */
    boolean claim(Pending pending, Instant until, boolean attempt);

    /**
     * Its email went (in a digest) and its own message did not: a later retry sends only its own message.
     * (A digest's alerts whose messages went are only marked published: one write each, not two. A run that
     * dies between the digest and the messages mails them again on the retry: at least once.)
     */
    void markEmailed(AlertEvent event);

    /** Everything went: no longer pending (an event never recorded is left alone, never created). */
    void markPublished(OutgoingEvent event);
}
