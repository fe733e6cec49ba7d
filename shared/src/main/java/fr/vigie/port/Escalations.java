package fr.vigie.port;

import fr.vigie.domain.followup.EscalationTier;

import java.time.Instant;

/**
 * How far each unacknowledged CRITICAL has been escalated. A tier is claimed by a conditional write
 * before its message is sent, so that retries and concurrent runs escalate once; a claim whose
 * message could not be sent is released for the next run.
 */
public interface Escalations {

    /** The tier the alert has reached ({@link EscalationTier#NONE} when never escalated). */
    EscalationTier reached(String alertId);

    /** Moves the alert from {@code from} to {@code to} at {@code at}; false, writing nothing, when it is no longer at {@code from}. */
    boolean claim(String alertId, EscalationTier from, EscalationTier to, Instant at);

    /** Puts the alert back at {@code previous} if it is still at {@code claimed} (its message failed). */
    void release(String alertId, EscalationTier claimed, EscalationTier previous);
}
