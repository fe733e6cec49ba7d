package fr.vigie.domain.forecast;

import fr.vigie.domain.DisruptionKind;

/**
 * A weak signal read in one facility's snapshot: a promised delivery that is overdue
 * ({@link DisruptionKind#DELAY}, {@code delayDays} so far) or that came short
 * ({@link DisruptionKind#ALLOCATION}, {@code deliveredFraction} of what was on order).
 */
public record SupplySignal(DisruptionKind kind, Integer delayDays, Double deliveredFraction) {
}
