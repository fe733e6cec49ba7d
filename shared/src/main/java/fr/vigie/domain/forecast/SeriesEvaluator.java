package fr.vigie.domain.forecast;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.Reason;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates the latest snapshot of one facility/device: projects coverage from its recent history
 * and moves the alert level. The single place where projection and level machine meet, used by the
 * coverage-evaluator function, {@code ./vigie} and the tests.
 */
public final class SeriesEvaluator {

    /** How much history an evaluation reads: enough for trend and reorder rhythm, bounded in cost. */
    public static final int HISTORY_DAYS = 56;
    private static final int HORIZON_DAYS = 120;
    private static final int RECENT_DAYS = 7;
    private static final double RECOVERY_MARGIN = 1.25;
    private static final int CONFIRMATIONS = 2;

    /**
     * @param history  this series' snapshots, oldest first, one per timestamp, ending with the one
     *                 evaluated, reaching back at most {@link #HISTORY_DAYS} days
     * @param previous the state left by the previous evaluation ({@link AlertState#CALM} at first)
     * @param outlook  the device's national supply situation
     */
    public Evaluation evaluate(WatchlistEntry entry, List<Snapshot> history, AlertState previous, SupplyOutlook outlook) {
        Snapshot latest = history.get(history.size() - 1);
        Assessment a = assess(history);
        Thresholds t = entry.thresholds();
        AlertLevel seen = a.coverageDays() < t.criticalDays() ? AlertLevel.CRITICAL
                : a.coverageDays() < t.warningDays() ? AlertLevel.WARNING : AlertLevel.NONE;
        AlertLevel current = previous.level() == AlertLevel.RECOVERED ? AlertLevel.NONE : previous.level();
        if (seen == AlertLevel.NONE && current.isOpen() && a.coverageDays() < t.warningDays() * RECOVERY_MARGIN) {
            seen = current; // hysteresis: close only when clearly back above the warning threshold
        }
        if (seen == current) {
            return new Evaluation(a, new AlertState(current, AlertLevel.NONE, 0, previous.since()), Optional.empty());
        }
        int confirmations = previous.candidate() == seen ? previous.confirmations() + 1 : 1;
        if (confirmations < CONFIRMATIONS) {
            return new Evaluation(a, new AlertState(current, seen, confirmations, previous.since()), Optional.empty());
        }
        AlertLevel announced = seen == AlertLevel.NONE ? AlertLevel.RECOVERED : seen;
        AlertEvent event = new AlertEvent(
                AlertEvent.alertId(latest.facilityId(), latest.deviceId(), latest.timestamp()),
                latest.facilityId(), latest.deviceId(), announced, current == AlertLevel.NONE ? null : current,
                latest.timestamp(), round1(a.coverageDays()), a.projectedStockout(), latest.onHand(),
                round1(a.dailyUseForecast()), reasons(announced, a));
        AlertLevel next = seen;
        return new Evaluation(a, new AlertState(next, AlertLevel.NONE, 0, latest.timestamp()), Optional.of(event));
    }

    Assessment assess(List<Snapshot> history) {
        Snapshot latest = history.get(history.size() - 1);
        List<DailyUse.Interval> intervals = DailyUse.intervals(history);
        double days = 0;
        double units = 0;
        for (int i = intervals.size() - 1; i >= 0 && days < RECENT_DAYS; i--) {
            days += intervals.get(i).days();
            units += intervals.get(i).units();
        }
        double rate = days > 0 ? units / days : 0;
        LocalDate today = LocalDate.ofInstant(latest.timestamp(), ZoneOffset.UTC);
        Set<Reason> signals = EnumSet.noneOf(Reason.class);
        LocalDate expected = latest.expectedDelivery();
        double stock = latest.onHand();
        double coverage = HORIZON_DAYS;
        LocalDate stockout = null;
        if (rate > 0) {
            for (int d = 1; d <= HORIZON_DAYS; d++) {
                if (expected != null && expected.equals(today.plusDays(d))) {
                    stock += latest.onOrderOrZero();
                }
                if (stock < rate) {
                    coverage = d - 1 + stock / rate;
                    stockout = today.plusDays(d);
                    break;
                }
                stock -= rate;
            }
        }
        if (latest.onHand() == 0) {
            signals.add(Reason.STOCK_OUT);
        }
        return new Assessment(latest.timestamp(), latest.onHand(), rate, rate, rate, coverage, stockout, signals, null);
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

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
