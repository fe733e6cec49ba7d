package fr.vigie.domain.forecast;

import fr.vigie.domain.LocalDays;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.WatchlistEntry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * What the console draws after a series' last snapshot: the projection the evaluator makes of it
 * (coverage in days, projected stock-out date, use per day and its band, from
 * {@link SeriesEvaluator}) and, day by day, the stock on hand that use leaves: the central line
 * spends {@link UseForecast#at(int)}, the band's edges one spread less and more per day (the band of
 * {@link UseForecast#low()}/{@link UseForecast#high()}), the delivery the hospital expects
 * ({@code onOrder} on {@code expectedDelivery}) added on its day. Routine reorders the projection
 * also counts are not drawn: the line is the shelf without new orders, and {@code shelfDays} the days
 * it lasts (null beyond the days drawn), while {@code coverageDays} is the evaluator's figure, routine
 * reorders included. Units: the device's unit; days are UTC calendar days.
 */
public record StockOutlook(LocalDate from, double dailyUse, double dailyUseLow, double dailyUseHigh,
                           double coverageDays, LocalDate projectedStockout, Double shelfDays, List<Day> days) {

    /** Days drawn ahead at most, and at least (a curve that ends the next day says little). */
    static final int MAX_DAYS = 42;
    static final int MIN_DAYS = 14;

    /** One projected day: stock left at the forecast use, and at the band's busier and quieter use. */
    public record Day(LocalDate date, double stock, double stockLow, double stockHigh) {
    }

    public StockOutlook {
        days = List.copyOf(days);
    }

    /**
     * @param history the series' snapshots, oldest first, the last being "now" (at least one); only
     *                the last {@link SeriesEvaluator#HISTORY_DAYS} days are used, as the evaluator does
     */
    public static StockOutlook of(WatchlistEntry entry, List<Snapshot> history) {
        Snapshot last = history.get(history.size() - 1);
        List<Snapshot> window = history.stream()
                .filter(s -> !s.timestamp().isBefore(last.timestamp().minus(java.time.Duration.ofDays(SeriesEvaluator.HISTORY_DAYS))))
                .toList();
        Assessment a = new SeriesEvaluator().evaluate(entry, window, AlertState.CALM, SupplyOutlook.NORMAL).assessment();
        java.time.ZoneId zone = SeriesEvaluator.zoneOf(last.facilityId());
        UseForecast use = UseForecast.fit(window, zone);
        LocalDate today = LocalDays.of(last.timestamp(), zone);
        double central = last.onHand();
        double busy = central;
        double quiet = central;
        Double shelfDays = null;
        List<Day> days = new ArrayList<>();
        for (int d = 1; d <= MAX_DAYS && (d <= MIN_DAYS || central > 0); d++) {
            LocalDate date = today.plusDays(d);
            double delivered = date.equals(last.expectedDelivery()) ? last.onOrderOrZero() : 0;
            if (shelfDays == null && use.at(d) > 0 && central + delivered <= use.at(d)) {
                shelfDays = d - 1 + (central + delivered) / use.at(d);
            }
            central = Math.max(0, central + delivered - use.at(d));
            busy = Math.max(0, busy + delivered - use.at(d) - use.spread());
            quiet = Math.max(0, quiet + delivered - Math.max(0, use.at(d) - use.spread()));
            days.add(new Day(date, central, busy, quiet));
        }
        return new StockOutlook(today, a.dailyUseForecast(), a.dailyUseLow(), a.dailyUseHigh(), a.coverageDays(),
                a.projectedStockout(), shelfDays, days);
    }
}
