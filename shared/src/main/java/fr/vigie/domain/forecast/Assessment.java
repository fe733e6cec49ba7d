package fr.vigie.domain.forecast;

import fr.vigie.domain.Reason;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * What the projection says of one facility/device at one snapshot: the use to come (a point and a
 * band), the days the stock lasts counting deliveries still expected, the first day it runs dry
 * ({@code null} beyond the horizon), the weak signals seen, and {@code signal} when this snapshot
 * reveals an overdue or short delivery, and whether it saw a delivery arrive on time; {@code shelfDays}
 * the days the shelf lasts at the forecast use: the stock on hand, plus the delivery due by tomorrow
 * when its supplier keeps its promises (issue 19: an hourly snapshot taken before the van must not
 * see a shorter shelf than the daily row that reports the day, delivery included).
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
        double shelfDays) {

    public Assessment {
        signals = Set.copyOf(signals);
    }

    /** An assessment whose shelf lasts {@code onHand / dailyUseForecast} days (no delivery due by tomorrow). */
    public Assessment(String deviceId, Instant at, long onHand, double dailyUseForecast, double dailyUseLow,
                      double dailyUseHigh, double coverageDays, LocalDate projectedStockout, Set<Reason> signals,
                      SupplySignal signal, boolean deliveredOnTime) {
        this(deviceId, at, onHand, dailyUseForecast, dailyUseLow, dailyUseHigh, coverageDays, projectedStockout, signals,
                signal, deliveredOnTime, shelfDays(onHand, dailyUseForecast));
    }

    /** Days {@code stock} lasts at {@code use} a day, {@link CoverageProjection#HORIZON_DAYS} when nothing is used. */
    static double shelfDays(double stock, double use) {
        return use > 0 ? stock / use : CoverageProjection.HORIZON_DAYS;
    }

    /** True when this snapshot shows the supplier failing: a delivery overdue, an order or a delivery cut. */
    public boolean supplyFailing() {
        return signal != null || signals.contains(Reason.DELIVERY_OVERDUE) || signals.contains(Reason.SHORT_DELIVERY);
    }
}
