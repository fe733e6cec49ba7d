package fr.vigie.domain.forecast;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.Reason;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.WatchlistEntry;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates the latest snapshot of one facility/device: forecasts its use, reads its orders and
 * deliveries, projects coverage, and moves the alert level. The single place where projection and
 * level machine meet, used by the coverage-evaluator function, {@code ./vigie} and the tests.
 */
public final class SeriesEvaluator {

    /** How much history an evaluation reads: enough for trend and reorder rhythm, bounded in cost. */
    public static final int HISTORY_DAYS = 56;

    /**
     * @param history  this series' snapshots, oldest first, one per timestamp, ending with the one
     *                 evaluated, reaching back at most {@link #HISTORY_DAYS} days
     * @param previous the state left by the previous evaluation ({@link AlertState#CALM} at first)
     * @param outlook  the device's national supply situation
     */
    public Evaluation evaluate(WatchlistEntry entry, List<Snapshot> history, AlertState previous, SupplyOutlook outlook) {
        Snapshot latest = history.get(history.size() - 1);
        Assessment a = assess(history, outlook);
        LevelMachine.Step step = LevelMachine.next(previous, a, entry.thresholds(), latest.timestamp());
        if (step.announced() == null) {
            return new Evaluation(a, step.state(), Optional.empty());
        }
        AlertLevel before = previous.level().isOpen() ? previous.level() : null;
        Assessment told = step.announced().isOpen() ? onHandView(a, entry) : a;
        AlertEvent event = new AlertEvent(
                AlertEvent.alertId(latest.facilityId(), latest.deviceId(), latest.timestamp()),
                latest.facilityId(), latest.deviceId(), step.announced(), before,
                latest.timestamp(), round1(told.coverageDays()), told.projectedStockout(), latest.onHand(),
                round1(a.dailyUseForecast()), reasons(step.announced(), a), noticeIds(a, outlook));
        return new Evaluation(a, step.state(), Optional.of(event));
    }

    /**
     * An alert opened because the stock on hand alone lasts less than the critical threshold, while
     * the projection counting deliveries looks fine, tells the hospital the days its shelf lasts
     * without them: a warning that said "120 days of coverage" would read as a mistake.
     */
    private static Assessment onHandView(Assessment a, WatchlistEntry entry) {
        double use = a.dailyUseForecast();
        if (use <= 0 || a.coverageDays() < entry.thresholds().warningDays()) {
            return a;
        }
        double shelfDays = a.onHand() / use;
        LocalDate runsDry = LocalDate.ofInstant(a.at(), ZoneOffset.UTC).plusDays((long) Math.floor(shelfDays) + 1);
        return new Assessment(a.deviceId(), a.at(), a.onHand(), use, a.dailyUseLow(), a.dailyUseHigh(), shelfDays, runsDry,
                a.signals(), a.signal(), a.deliveredOnTime());
    }

    Assessment assess(List<Snapshot> history, SupplyOutlook outlook) {
        Snapshot latest = history.get(history.size() - 1);
        UseForecast use = UseForecast.fit(history);
        SupplyPicture supply = DeliveryTracker.read(history);
        Set<Reason> signals = EnumSet.noneOf(Reason.class);
        SupplyPicture projected = supply;
        if (outlook.notices() != null && outlook.notices().concerns(history, supply)) {
            // the signals stay what the facility's own record shows; only the projection takes the notices' word
            projected = outlook.notices().applyTo(supply, outlook.disruption());
            signals.add(Reason.SUPPLY_NOTICE);
        }
        if (supply.overdueDays() > 0) {
            signals.add(Reason.DELIVERY_OVERDUE);
        }
        if (supply.rationed()) {
            signals.add(Reason.SHORT_DELIVERY);
        }
        if (outlook.disruption() != null) {
            signals.add(Reason.SUPPLY_DISRUPTION);
        }
        if (latest.onHand() == 0) {
            signals.add(Reason.STOCK_OUT);
        }
        CoverageProjection.Result coverage = CoverageProjection.project(latest.onHand(), use, projected);
        return new Assessment(latest.deviceId(), latest.timestamp(), latest.onHand(), use.at(1), use.low(), use.high(),
                coverage.coverageDays(), coverage.stockout(), signals, DeliveryTracker.signal(supply),
                supply.deliveredOnTime());
    }

    private static List<Reason> reasons(AlertLevel level, Assessment a) {
        List<Reason> reasons = new ArrayList<>();
        switch (level) {
            case CRITICAL -> reasons.add(Reason.COVERAGE_BELOW_CRITICAL);
            case WARNING -> reasons.add(Reason.COVERAGE_BELOW_WARNING);
            default -> reasons.add(Reason.COVERAGE_RESTORED);
        }
        a.signals().stream().sorted().forEach(reasons::add);
        return reasons;
    }

    /** The notices behind a SUPPLY_NOTICE reason, for the alert's {@code notices} (spec section 3). */
    private static List<String> noticeIds(Assessment a, SupplyOutlook outlook) {
        return a.signals().contains(Reason.SUPPLY_NOTICE) ? outlook.notices().noticeIds() : List.of();
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
