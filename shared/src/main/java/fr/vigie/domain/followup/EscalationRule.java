package fr.vigie.domain.followup;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a CRITICAL that nobody acknowledged goes up (issue 22): to the region's operators
 * {@code regional} after it opened (default 12 h, or the watch-list entry's own delay), then to the
 * national operators {@code national} after that (default 24 h). An acknowledged alert never
 * escalates; each tier is reached once (the store records the tier with a condition, so concurrent
 * or retried runs escalate once).
 */
public record EscalationRule(Duration regional, Duration national) {

    public static final EscalationRule DEFAULT = new EscalationRule(Duration.ofHours(12), Duration.ofHours(24));

    public EscalationRule {
        if (regional.isNegative() || regional.isZero() || national.isNegative() || national.isZero()) {
            throw new IllegalArgumentException("escalation delays must be positive");
        }
    }

    /** The same rule with the regional delay of a watch-list entry, when it sets one (hours, > 0). */
    public EscalationRule withRegionalHours(Integer hours) {
        return hours == null ? this : new EscalationRule(Duration.ofHours(hours), national);
    }

    /**
     * The tier a CRITICAL opened at {@code criticalSince}, escalated so far to {@code reached}, is due
     * for at {@code now}; empty when nothing is due (acknowledged, too early, or already national).
     */
    public Optional<EscalationTier> due(Instant criticalSince, boolean acknowledged, EscalationTier reached, Instant now) {
        if (acknowledged) {
            return Optional.empty();
        }
        Duration open = Duration.between(criticalSince, now);
        if (reached == EscalationTier.NONE && open.compareTo(regional) >= 0) {
            return Optional.of(EscalationTier.REGIONAL);
        }
        if (reached == EscalationTier.REGIONAL && open.compareTo(regional.plus(national)) >= 0) {
            return Optional.of(EscalationTier.NATIONAL);
        }
        return Optional.empty();
    }
}
