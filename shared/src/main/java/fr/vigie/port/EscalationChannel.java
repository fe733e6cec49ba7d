package fr.vigie.port;

import fr.vigie.domain.followup.EscalationTier;

import java.time.Duration;

/**
 * Where an unacknowledged CRITICAL goes up (issue 22): on the alert topic, marked with the tier it
 * reached ({@code escalated} = REGIONAL or NATIONAL) for the operators' subscriptions to filter on.
 * Throws when the message could not be sent, so that the tier's claim is released and retried.
 */
public interface EscalationChannel {

    /** @param unacknowledgedFor how long the CRITICAL has been open without acknowledgement */
    void escalate(AlertChannels.Notice critical, EscalationTier tier, Duration unacknowledgedFor);
}
