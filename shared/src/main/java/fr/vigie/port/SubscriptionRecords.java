package fr.vigie.port;

import fr.vigie.domain.AlertSubscription;

import java.time.Instant;
import java.util.Optional;

/**
 * What the subscriptions API keeps besides the subscriptions themselves (which hold the addresses):
 * who created each subscription (to cap them per operator), how many changes each caller made in
 * the current window (to rate-limit them), and the SMS confirmation codes awaiting their number's
 * answer. No address nor number is kept here: only subscription ids, callers' subjects and hashes.
 */
public interface SubscriptionRecords {

    /**
     * The code of an SMS subscription held under token {@code hold} (written before the subscription,
     * so that a held subscription without its code is one whose code expired): {@code codeHash} is the
     * SHA-256 (hex) of the token, a colon and the code; {@code subscription} is what it receives once
     * confirmed (endpoint masked).
     */
    record PendingCode(String hold, String codeHash, String owner, Instant expiresAt, int failedAttempts,
                       AlertSubscription subscription) {
    }

    /** Notes that {@code owner} (a caller's subject) created subscription {@code id}. */
    void recordOwner(String id, String owner);

    /** How many subscriptions {@code owner} created that still exist. */
    int countOwnedBy(String owner);

    /** Forgets subscription {@code id} (removed): its owner record. */
    void forget(String id);

    /**
     * Counts one change of {@code caller} in the window starting at {@code windowStart} (kept until
     * {@code expiresAt}); false, counting nothing, when {@code limit} changes were already made in it.
     */
    boolean tryChange(String caller, Instant windowStart, Instant expiresAt, int limit);

    void savePending(PendingCode pending);

    Optional<PendingCode> pending(String hold);

    /** One more wrong code for the subscription held under {@code hold}; returns how many wrong codes it has now. */
    int failedAttempt(String hold);

    void deletePending(String hold);
}
