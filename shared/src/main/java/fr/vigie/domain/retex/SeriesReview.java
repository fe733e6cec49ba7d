package fr.vigie.domain.retex;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.Season;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.forecast.DailyUse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The season of one facility and device, read snapshot by snapshot, oldest first, with its alert
 * events: the RETEX's counters for the series, and its share of the area curves.
 * <p>
 * Coverage at a snapshot is the stock on hand over the average daily use of the last
 * {@value #RECENT_USE_DAYS} days (use taken from {@code consumed}, else from the change of stock and
 * deliveries): the burn-rate "days of supply" that public-health teams compute, a fact about the
 * season rather than Vigie's forecast. It is 0 when the stock is 0, and unknown until some use has
 * been seen. A day counts as under a threshold when a snapshot of that day had a coverage strictly
 * under it; a stock-out day is a day with a snapshot at 0. A stock-out is a run of snapshots at 0;
 * its lead is the time between the opening of the alert still open when it began and its first
 * snapshot at 0, and 0 when no alert was open before that snapshot (as {@code tools/score.py} counts it).
 * Memory: the snapshots of the last {@value #RECENT_USE_DAYS} days and one number per stock-out.
 */
public final class SeriesReview {

    public static final int RECENT_USE_DAYS = 7;
    private static final double DAY_MINUTES = 1440.0;

    private final SeriesKey series;
    private final Thresholds thresholds;
    private final Season season;
    private final List<AlertEvent> events;
    private final List<DailyCoverage> curves;
    private final Deque<DailyUse.Interval> recent = new ArrayDeque<>();
    private final List<Double> leads = new ArrayList<>();

    private int nextEvent;
    private Instant alertOpenedAt;
    private Snapshot previous;
    private long snapshots;
    private double minCoverage = Double.NaN;
    private int daysUnderWarning;
    private int daysUnderCritical;
    private int stockoutDays;
    private int stockoutsWithoutAlert;

    private int day = Integer.MIN_VALUE;
    private double dayMinCoverage;
    private boolean dayStockout;
    private long dayOnHand;
    private double dayUse;

    /**
     * @param events the series' alert events of the season, oldest first
     * @param curves the area curves this series adds to (the nation's and its region's)
     */
    public SeriesReview(SeriesKey series, Thresholds thresholds, Season season, List<AlertEvent> events, List<DailyCoverage> curves) {
        this.series = series;
        this.thresholds = thresholds;
        this.season = season;
        this.events = List.copyOf(events);
        this.curves = List.copyOf(curves);
    }

    /** The next snapshot of the series, never older than the one before. */
    public void add(Snapshot s) {
        // an alert raised by this very snapshot did not announce its stock-out: count it only afterwards
        applyEventsBefore(s.timestamp());
        double use = recentUse(s);
        double coverage = s.onHand() == 0 ? 0 : use > 0 ? s.onHand() / use : Double.NaN;
        minCoverage = lowest(minCoverage, coverage);
        if (s.onHand() == 0 && (previous == null || previous.onHand() > 0)) {
            leads.add(alertOpenedAt == null ? 0 : Duration.between(alertOpenedAt, s.timestamp()).toMinutes() / DAY_MINUTES);
            if (alertOpenedAt == null) {
                stockoutsWithoutAlert++;
            }
        }
        applyEventsUpTo(s.timestamp());
        int today = season.dayIndex(s.timestamp());
        if (today != day) {
            startDay(today);
        }
        dayMinCoverage = lowest(dayMinCoverage, coverage);
        dayStockout |= s.onHand() == 0;
        dayOnHand = s.onHand();
        dayUse = use;
        previous = s;
        snapshots++;
    }

    /** Closes the last day and counts the events after the last snapshot; call once, after the last {@link #add}. */
    public void finish() {
        closeDay();
        applyEventsUpTo(Instant.MAX);
    }

    public SeriesKey series() {
        return series;
    }

    public long snapshots() {
        return snapshots;
    }

    /** The lowest coverage of the season in days; empty when no use was ever seen. */
    public OptionalDouble minCoverage() {
        return Double.isNaN(minCoverage) ? OptionalDouble.empty() : OptionalDouble.of(minCoverage);
    }

    public int daysUnderWarning() {
        return daysUnderWarning;
    }

    public int daysUnderCritical() {
        return daysUnderCritical;
    }

    public int stockoutDays() {
        return stockoutDays;
    }

    public int stockouts() {
        return leads.size();
    }

    public int stockoutsWithoutAlert() {
        return stockoutsWithoutAlert;
    }

    /** Alert events sent for the series (every level change is one message). */
    public int alertsSent() {
        return events.size();
    }

    /** Days from the opening of the alert to each stock-out, in order; 0 for a stock-out no alert announced. */
    public List<Double> leads() {
        return List.copyOf(leads);
    }

    /** The lower of two coverages, NaN standing for unknown. */
    private static double lowest(double current, double candidate) {
        return Double.isNaN(current) ? candidate : Double.isNaN(candidate) ? current : Math.min(current, candidate);
    }

    private double recentUse(Snapshot s) {
        if (previous != null) {
            recent.addLast(DailyUse.intervals(List.of(previous, s)).get(0));
        }
        Instant horizon = s.timestamp().minus(Duration.ofDays(RECENT_USE_DAYS));
        while (!recent.isEmpty() && !recent.peekFirst().end().timestamp().isAfter(horizon)) {
            recent.removeFirst();
        }
        double units = 0;
        double days = 0;
        for (DailyUse.Interval i : recent) {
            units += i.units();
            days += i.days();
        }
        return days > 0 ? units / days : Double.NaN;
    }

    private void applyEventsBefore(Instant at) {
        applyEventsUpTo(at.minusNanos(1));
    }

    private void applyEventsUpTo(Instant at) {
        while (nextEvent < events.size() && !events.get(nextEvent).at().isAfter(at)) {
            AlertEvent e = events.get(nextEvent++);
            if (e.level().isOpen()) {
                if (alertOpenedAt == null) {
                    alertOpenedAt = e.at();
                }
                int eventDay = season.dayIndex(e.at());
                curves.forEach(c -> c.alert(eventDay));
            } else {
                alertOpenedAt = null;
            }
        }
    }

    /** Closes the day before, carries its stock over the days the series missed, and starts {@code today}. */
    private void startDay(int today) {
        closeDay();
        if (day != Integer.MIN_VALUE && !Double.isNaN(dayUse)) {
            for (int missed = day + 1; missed < today; missed++) {
                int d = missed;
                curves.forEach(c -> c.add(d, dayOnHand, dayUse));
            }
        }
        day = today;
        dayMinCoverage = Double.NaN;
        dayStockout = false;
    }

    private void closeDay() {
        if (day == Integer.MIN_VALUE) {
            return;
        }
        if (dayMinCoverage < thresholds.warningDays()) {
            daysUnderWarning++;
        }
        if (dayMinCoverage < thresholds.criticalDays()) {
            daysUnderCritical++;
        }
        if (dayStockout) {
            stockoutDays++;
            curves.forEach(c -> c.stockout(day));
        }
        if (!Double.isNaN(dayUse) || dayOnHand == 0) {
            double use = Double.isNaN(dayUse) ? 0 : dayUse;
            curves.forEach(c -> c.add(day, dayOnHand, use));
        }
    }
}
