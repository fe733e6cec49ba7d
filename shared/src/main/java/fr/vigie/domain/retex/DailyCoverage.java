package fr.vigie.domain.retex;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * One device's season, day by day, in an area (the nation or a region), from the alerts' own
 * projected coverage of each facility known that day (a snapshot that day, or one carried over a
 * missed day or two): how many were known and how many unknown, the worst facility, the median
 * facility (from a histogram of whole days, so memory does not grow with facilities), how many were
 * under the warning threshold in force, stock-outs and alerts raised. Memory: a few arrays of the
 * season's length and one histogram row per day.
 */
public final class DailyCoverage {

    private final int bins;
    private final int[] histogram;
    private final double[] worst;
    private final int[] known;
    private final int[] unknown;
    private final int[] underWarning;
    private final int[] stockouts;
    private final int[] alerts;

    /**
     * @param days    the season's length
     * @param ceiling the highest coverage told apart, in days (the charts' cap); above it counts as "above"
     */
    public DailyCoverage(int days, double ceiling) {
        this.bins = (int) Math.ceil(ceiling) + 1;
        histogram = new int[days * bins];
        worst = new double[days];
        Arrays.fill(worst, Double.NaN);
        known = new int[days];
        unknown = new int[days];
        underWarning = new int[days];
        stockouts = new int[days];
        alerts = new int[days];
    }

    /** One facility known on {@code day} with its projected coverage (days) and whether it was under the warning threshold. */
    void add(int day, double coverage, boolean underWarningThreshold) {
        if (!inSeason(day) || Double.isNaN(coverage)) {
            return;
        }
        known[day]++;
        histogram[day * bins + (int) Math.min(bins - 1, Math.floor(Math.max(0, coverage)))]++;
        worst[day] = Double.isNaN(worst[day]) ? coverage : Math.min(worst[day], coverage);
        if (underWarningThreshold) {
            underWarning[day]++;
        }
    }

    /** One facility expected to report on {@code day} (its device watched) had no known state. */
    void markUnknown(int day) {
        if (inSeason(day)) {
            unknown[day]++;
        }
    }

    /** One facility had a stock-out on {@code day}. */
    void stockout(int day) {
        if (inSeason(day)) {
            stockouts[day]++;
        }
    }

    /** One alert opened or worsened (WARNING or CRITICAL) on {@code day}. */
    void alert(int day) {
        if (inSeason(day)) {
            alerts[day]++;
        }
    }

    public int days() {
        return worst.length;
    }

    /** The highest coverage told apart (whole days): a median at it means "at least that". */
    public int ceiling() {
        return bins - 1;
    }

    /** The projected coverage of the median known facility, floored to the day; empty when none was known. */
    public OptionalDouble median(int day) {
        if (known[day] == 0) {
            return OptionalDouble.empty();
        }
        int rank = (known[day] + 1) / 2;
        int seen = 0;
        for (int b = 0; b < bins; b++) {
            seen += histogram[day * bins + b];
            if (seen >= rank) {
                return OptionalDouble.of(b);
            }
        }
        return OptionalDouble.of(bins - 1);
    }

    /** The lowest projected coverage of a known facility that day. */
    public OptionalDouble worst(int day) {
        return Double.isNaN(worst[day]) ? OptionalDouble.empty() : OptionalDouble.of(worst[day]);
    }

    /** The lowest median of the season: the area's typical facility at its worst. */
    public OptionalDouble lowestMedian() {
        OptionalDouble min = OptionalDouble.empty();
        for (int d = 0; d < days(); d++) {
            OptionalDouble m = median(d);
            if (m.isPresent() && (min.isEmpty() || m.getAsDouble() < min.getAsDouble())) {
                min = m;
            }
        }
        return min;
    }

    public int known(int day) {
        return known[day];
    }

    public int unknown(int day) {
        return unknown[day];
    }

    public int underWarning(int day) {
        return underWarning[day];
    }

    public int stockouts(int day) {
        return stockouts[day];
    }

    public int alerts(int day) {
        return alerts[day];
    }

    private boolean inSeason(int day) {
        return day >= 0 && day < worst.length;
    }
}
