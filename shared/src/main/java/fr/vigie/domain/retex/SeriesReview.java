package fr.vigie.domain.retex;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.Facility;
import fr.vigie.domain.Region;
import fr.vigie.domain.Season;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.forecast.DailyUse;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The season of one facility and device, read snapshot by snapshot, oldest first, with its alert
 * events: the RETEX's counters for the series, and its share of the area curves. Days are the
 * facility's local days ({@link Region#zoneOf}).
 * <p>
 * <b>Coverage</b> is the alerts' own projected coverage at each snapshot (the days the stock lasts
 * counting deliveries, as {@code SeriesEvaluator} assesses it); the burn-rate "days of supply" of
 * public-health teams (stock ÷ average daily use of the last {@value #RECENT_USE_DAYS} days) is kept
 * beside it. A day counts as under a threshold when a snapshot of that day was strictly under the
 * threshold <b>in force that day</b> ({@link DeviceHistory}); a stock-out day is a day with a
 * snapshot at 0. A stock-out is a run of snapshots at 0; its lead is the time between the opening of
 * the alert still open when it began and its first snapshot at 0, and 0 when no alert was open
 * before that snapshot (as {@code tools/score.py} counts it).
 * <p>
 * A missed day or two ({@value #CARRY_DAYS}) carry the last state; beyond, the series is
 * <b>unknown</b>: never counted as fine. {@link #closeSeason} counts the days the device was watched
 * and the facility reported nothing, and marks them unknown on the curves.
 */
public final class SeriesReview {

    public static final int RECENT_USE_DAYS = 7;
    /** Missed days that carry the last known state: beyond, the series is unknown. */
    public static final int CARRY_DAYS = 2;
    private static final double DAY_MINUTES = 1440.0;

    private final SeriesKey series;
    private final Facility facility;
    private final DeviceHistory history;
    private final Season season;
    private final ZoneId zone;
    private final List<AlertEvent> events;
    private final List<DailyCoverage> curves;
    private final Deque<DailyUse.Interval> recent = new ArrayDeque<>();
    private final List<Double> leads = new ArrayList<>();
    private final List<Instant> stockoutStarts = new ArrayList<>();
    private final BitSet reported = new BitSet();

    private int nextEvent;
    private Instant alertOpenedAt;
    private Snapshot previous;
    private long snapshots;
    private double minCoverage = Double.NaN;
    private double minBurnRate = Double.NaN;
    private int daysUnderWarning;
    private int daysUnderCritical;
    private int stockoutDays;
    private int stockoutsWithoutAlert;
    private final int[] byLevel = new int[AlertLevel.values().length];
    private int daysExpected;
    private int daysUnknown;
    private int daysReportedExpected;

    private int day = Integer.MIN_VALUE;
    private boolean dayUnderWarning;
    private boolean dayUnderCritical;
    private boolean dayStockout;
    private double dayCoverage;

    /**
     * @param events the series' alert events of the season, oldest first
     * @param curves the area curves this series adds to (the nation's and its region's)
     */
    public SeriesReview(SeriesKey series, Facility facility, DeviceHistory history, Season season, List<AlertEvent> events,
                        List<DailyCoverage> curves) {
        this.series = series;
        this.facility = facility;
        this.history = history;
        this.season = season;
        this.zone = Region.zoneOf(facility.region());
        this.events = List.copyOf(events);
        this.curves = List.copyOf(curves);
    }

    /**
     * The next snapshot of the series, never older than the one before, with the alerts' projected
     * coverage of it in days.
     */
    public void add(Snapshot s, double projectedCoverage) {
        // an alert raised by this very snapshot did not announce its stock-out: count it only afterwards
        applyEventsBefore(s.timestamp());
        double use = recentUse(s);
        minBurnRate = lowest(minBurnRate, s.onHand() == 0 ? 0 : use > 0 ? s.onHand() / use : Double.NaN);
        double coverage = s.onHand() == 0 ? 0 : projectedCoverage;
        minCoverage = lowest(minCoverage, coverage);
        if (s.onHand() == 0 && (previous == null || previous.onHand() > 0)) {
            stockoutStarts.add(s.timestamp());
            leads.add(alertOpenedAt == null ? 0 : Duration.between(alertOpenedAt, s.timestamp()).toMinutes() / DAY_MINUTES);
            if (alertOpenedAt == null) {
                stockoutsWithoutAlert++;
            }
        }
        applyEventsUpTo(s.timestamp());
        int today = season.dayIndex(s.timestamp(), zone);
        if (today != day) {
            startDay(today);
        }
        Thresholds t = history.thresholdsAt(s.timestamp());
        dayUnderWarning |= coverage < t.warningDays();
        dayUnderCritical |= coverage < t.criticalDays();
        dayStockout |= s.onHand() == 0;
        dayCoverage = coverage;
        previous = s;
        snapshots++;
    }

    /** Closes the last day and counts the events after the last snapshot; call once, after the last {@link #add}. */
    public void finish() {
        closeDay();
        carryAfter(day, day + CARRY_DAYS + 1);
        applyEventsUpTo(Instant.MAX);
        recent.clear();
    }

    /**
     * Once the season's data span is known ({@code firstDay} to {@code lastDay}, the first and last
     * days with any snapshot): counts the days the device was watched (by the version in force) and
     * the series had no known state, and marks them unknown on the curves.
     */
    public void closeSeason(int firstDay, int lastDay) {
        for (int d = Math.max(0, firstDay); d <= lastDay && d < season.length(); d++) {
            LocalDate date = season.day(d);
            if (!history.inForce(date.atStartOfDay(zone).toInstant()).watchedOn(date)) {
                continue;
            }
            daysExpected++;
            if (reported.get(d)) {
                daysReportedExpected++;
            }
            int from = Math.max(0, d - CARRY_DAYS);
            if (reported.get(from, d + 1).isEmpty()) {
                daysUnknown++;
                int unknownDay = d;
                curves.forEach(c -> c.markUnknown(unknownDay));
            }
        }
    }

    public SeriesKey series() {
        return series;
    }

    public Facility facility() {
        return facility;
    }

    public long snapshots() {
        return snapshots;
    }

    /** The lowest projected coverage of the season in days; empty when never known. */
    public OptionalDouble minCoverage() {
        return optional(minCoverage);
    }

    /** The lowest burn-rate days of supply (stock ÷ use of the last 7 days); empty when no use was ever seen. */
    public OptionalDouble minBurnRate() {
        return optional(minBurnRate);
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

    /** Alert events of one level (WARNING, CRITICAL: alerts sent; RECOVERED: returns to normal). */
    public int events(AlertLevel level) {
        return byLevel[level.ordinal()];
    }

    /** Days with at least one snapshot. */
    public int daysReported() {
        return reported.cardinality();
    }

    /** Watched days with a snapshot (after {@link #closeSeason}). */
    public int daysReportedExpected() {
        return daysReportedExpected;
    }

    /** Days the device was watched within the season's data span (after {@link #closeSeason}). */
    public int daysExpected() {
        return daysExpected;
    }

    /** Watched days with no known state: no snapshot that day nor in the {@value #CARRY_DAYS} days before. */
    public int daysUnknown() {
        return daysUnknown;
    }

    /** Share of the watched days with a snapshot, 0 to 1; empty when no day was expected. */
    public OptionalDouble completeness() {
        return daysExpected == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) daysReportedExpected / daysExpected);
    }

    /** Season day index of the last snapshot ({@link Integer#MIN_VALUE} without any). */
    public int lastDay() {
        return snapshots == 0 ? Integer.MIN_VALUE : reported.length() - 1;
    }

    /** Days from the opening of the alert to each stock-out, in order; 0 for a stock-out no alert announced. */
    public List<Double> leads() {
        return List.copyOf(leads);
    }

    /** The first snapshot at 0 of each stock-out, in order. */
    public List<Instant> stockoutStarts() {
        return List.copyOf(stockoutStarts);
    }

    private static OptionalDouble optional(double v) {
        return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
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
            byLevel[e.level().ordinal()]++;
            if (e.level().isOpen()) {
                if (alertOpenedAt == null) {
                    alertOpenedAt = e.at();
                }
                int eventDay = season.dayIndex(e.at(), zone);
                curves.forEach(c -> c.alert(eventDay));
            } else {
                alertOpenedAt = null;
            }
        }
    }

    /** Closes the day before, carries its state over a missed day or two, and starts {@code today}. */
    private void startDay(int today) {
        closeDay();
        carryAfter(day, today);
        day = today;
        dayUnderWarning = false;
        dayUnderCritical = false;
        dayStockout = false;
    }

    /** The last state of {@code last} on the missed days after it, at most {@value #CARRY_DAYS} and before {@code next}. */
    private void carryAfter(int last, int next) {
        if (last == Integer.MIN_VALUE) {
            return;
        }
        for (int missed = last + 1; missed < next && missed <= last + CARRY_DAYS; missed++) {
            int d = missed;
            double coverage = dayCoverage;
            boolean under = dayUnderWarning;
            curves.forEach(c -> c.add(d, coverage, under));
        }
    }

    private void closeDay() {
        if (day == Integer.MIN_VALUE) {
            return;
        }
        if (day >= 0) {
            reported.set(day);
        }
        if (dayUnderWarning) {
            daysUnderWarning++;
        }
        if (dayUnderCritical) {
            daysUnderCritical++;
        }
        if (dayStockout) {
            stockoutDays++;
            curves.forEach(c -> c.stockout(day));
        }
        double coverage = dayCoverage;
        boolean under = dayUnderWarning;
        curves.forEach(c -> c.add(day, coverage, under));
    }
}
