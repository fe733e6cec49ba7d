package fr.vigie.domain.forecast;

import fr.vigie.domain.LocalDays;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.Reason;
import fr.vigie.domain.Region;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.WatchlistEntry;

import java.time.LocalDate;
import java.time.ZoneId;
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
     * Days are the facility's local calendar days, in the zone of the region its identifier names
     * ({@link Region#fromFacilityId}), Europe/Paris otherwise. Levels move only when the snapshot
     * evaluated is the history's first of its day ({@link LevelMachine}).
     */
    public Evaluation evaluate(WatchlistEntry entry, List<Snapshot> history, AlertState previous, SupplyOutlook outlook) {
        return evaluate(entry, history, previous, outlook, zoneOf(history.get(history.size() - 1).facilityId()));
    }

    /** As {@link #evaluate(WatchlistEntry, List, AlertState, SupplyOutlook)}, days counted in the facility's {@code zone}. */
    public Evaluation evaluate(WatchlistEntry entry, List<Snapshot> history, AlertState previous, SupplyOutlook outlook,
                               ZoneId zone) {
        return evaluate(entry, history, previous, outlook, zone, EpidemicTrend.NONE);
    }

    /**
     * As above, the use forecast led by the region's epidemic signal ({@link EpidemicTrend#lead};
     * {@link EpidemicTrend#NONE}: exactly the evaluation without it).
     */
    public Evaluation evaluate(WatchlistEntry entry, List<Snapshot> history, AlertState previous, SupplyOutlook outlook,
                               ZoneId zone, EpidemicTrend epidemic) {
        Snapshot latest = history.get(history.size() - 1);
        boolean opensDay = LevelMachine.opensDay(history.size() < 2 ? null : history.get(history.size() - 2).timestamp(),
                latest.timestamp(), zone);
        return decide(entry, latest, assess(history, outlook, zone, epidemic), previous, zone, opensDay,
                outlook.notices() == null ? List.of() : outlook.notices().noticeIds());
    }

    /**
     * The zone whose calendar days the alerts of a facility count: the region its identifier names
     * ({@link Region#fromFacilityId}), Europe/Paris otherwise. The RETEX replays with the same one.
     */
    public static ZoneId zoneOf(String facilityId) {
        return Region.fromFacilityId(facilityId).map(Region::zone).orElse(Region.PARIS);
    }

    /**
     * The level step and its event for an assessment already made of {@code latest} (in {@code zone}):
     * the second half of {@link #evaluate}, which the RETEX's what-if runs on one assessment under
     * several thresholds. {@code opensDay}: {@code latest} is the series' first snapshot of its judging
     * day, where the level machine judges the thresholds ({@link LevelMachine}); a what-if fed the
     * same snapshots in order, saying which open a day, makes the same steps as the alerts.
     */
    public Evaluation decide(WatchlistEntry entry, Snapshot latest, Assessment a, AlertState previous, ZoneId zone,
                             boolean opensDay) {
        return decide(entry, latest, a, previous, zone, opensDay, List.of());
    }

    /** As above, {@code notices} the manufacturers' notices in force, named on an alert that a SUPPLY_NOTICE moved (spec section 3). */
    private Evaluation decide(WatchlistEntry entry, Snapshot latest, Assessment a, AlertState previous, ZoneId zone,
                              boolean opensDay, List<String> notices) {
        LevelMachine.Step step = LevelMachine.next(previous, a, entry.thresholds(), latest.timestamp(), opensDay);
        if (step.announced() == null) {
            return new Evaluation(a, step.state(), Optional.empty());
        }
        AlertLevel before = previous.level().isOpen() ? previous.level() : null;
        Assessment told = step.announced().isOpen() ? onHandView(a, entry, zone) : a;
        AlertEvent event = new AlertEvent(
                AlertEvent.alertId(latest.facilityId(), latest.deviceId(), latest.timestamp()),
                latest.facilityId(), latest.deviceId(), step.announced(), before,
                latest.timestamp(), floor1(told.coverageDays()), told.projectedStockout(), latest.onHand(),
                round1(a.dailyUseForecast()), reasons(step.announced(), a),
                a.signals().contains(Reason.SUPPLY_NOTICE) ? notices : List.of());
        return new Evaluation(a, step.state(), Optional.of(event));
    }

    /**
     * An alert opened because the stock on hand alone lasts less than the critical threshold, while
     * the projection counting deliveries looks fine, tells the hospital the days its shelf lasts
     * without them: a warning that said "120 days of coverage" would read as a mistake.
     */
    private static Assessment onHandView(Assessment a, WatchlistEntry entry, ZoneId zone) {
        double use = a.dailyUseForecast();
        if (use <= 0 || a.coverageDays() < entry.thresholds().warningDays()) {
            return a;
        }
        double shelfDays = a.onHand() / use;
        LocalDate runsDry = LocalDays.of(a.at(), zone).plusDays((long) Math.floor(shelfDays) + 1);
        return new Assessment(a.deviceId(), a.at(), a.onHand(), use, a.dailyUseLow(), a.dailyUseHigh(), shelfDays, runsDry,
                a.signals(), a.signal(), a.deliveredOnTime(), a.shelfDays(), a.rising(), a.useStale());
    }

    /**
     * The projection of the last snapshot of {@code snapshots} (as {@link #evaluate} reads it), days
     * counted in {@code zone}: it does not depend on thresholds. Past days are read as their
     * {@link DailyCloses}, so that how often a series is polled does not change its projection.
     */
    public Assessment assess(List<Snapshot> snapshots, SupplyOutlook outlook, ZoneId zone) {
        return assess(snapshots, outlook, zone, EpidemicTrend.NONE);
    }

    /** As above, the use forecast led by {@code epidemic} (the region's epidemic signal, {@link EpidemicTrend#NONE} when none). */
    public Assessment assess(List<Snapshot> snapshots, SupplyOutlook outlook, ZoneId zone, EpidemicTrend epidemic) {
        List<Snapshot> history = DailyCloses.of(snapshots, zone);
        Snapshot latest = history.get(history.size() - 1);
        UseForecast use = epidemic.lead(UseForecast.fit(history, zone));
        SupplyPicture supply = DeliveryTracker.read(history, zone);
        Set<Reason> signals = EnumSet.noneOf(Reason.class);
        SupplyPicture projected = supply;
        if (outlook.notices() != null && outlook.notices().concerns(history, supply)) {
            // the signals stay what the facility's own record shows; only the projection takes the notices' word
            projected = outlook.notices().applyTo(history, supply, outlook.disruption());
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
                supply.deliveredOnTime(), use.shelfDays(latest.onHand(), CoverageProjection.HORIZON_DAYS), use.rising(),
                use.stale());
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

    /** Coverage told to one decimal, rounded down: 13.96 days is not "14,0 j" under a 14-day threshold. */
    private static double floor1(double v) {
        return Math.floor(v * 10) / 10.0;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
