package fr.vigie.domain.forecast;

import fr.vigie.domain.Reason;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * What the projection says of one facility/device at one snapshot: the use to come (a point and a
 * band), the days the stock lasts counting deliveries still expected, the first day it runs dry
 * ({@code null} beyond the horizon), the weak signals seen, and {@code signal} when this snapshot
 * reveals an overdue or short delivery, and whether it saw a delivery arrive on time; the days the
 * stock on hand alone lasts at the use to come ({@code shelfDays}, fractional, at most the
 * projection's horizon), whether the wave is {@code rising} ({@link UseForecast#rising}) and whether
 * the use to come is held from before days without news ({@code useStale}, {@link UseForecast#stale}:
 * just out of a stock-out, what the hospital now needs is not seen yet).
 */
public record Assessment(
        String deviceId,
        Instant at,
        long onHand,
        double dailyUseForecast,
        double dailyUseLow,
        double dailyUseHigh,
        double coverageDays,
        LocalDate projectedStockout,
        Set<Reason> signals,
        SupplySignal signal,
        boolean deliveredOnTime,
        double shelfDays,
        boolean rising,
        boolean useStale) {

    public Assessment {
        signals = Set.copyOf(signals);
    }

    /** True when this snapshot shows the supplier failing: a delivery overdue, an order or a delivery cut. */
    public boolean supplyFailing() {
        return signal != null || signals.contains(Reason.DELIVERY_OVERDUE) || signals.contains(Reason.SHORT_DELIVERY);
    }
}
