package fr.vigie.domain.followup;

/** Who an unacknowledged CRITICAL has been escalated to, in order: nobody yet, the region's operators, the national operators. */
public enum EscalationTier {
    NONE, REGIONAL, NATIONAL
}
