package fr.vigie.domain.retex;

import fr.vigie.domain.AlertLevel;

import java.util.OptionalDouble;

/**
 * The series reviews of one device summed over an area (the nation or a region): day counts are
 * facility-days (two facilities under the threshold on the same day count two), and the area's own
 * curve gives its median facility day by day.
 */
public final class ReviewTotals {

    private final DailyCoverage curve;
    private int facilities;
    private int facilitiesWithStockout;
    private long snapshots;
    private double minCoverage = Double.NaN;
    private double minBurnRate = Double.NaN;
    private int daysUnderWarning;
    private int daysUnderCritical;
    private int stockoutDays;
    private int stockouts;
    private int stockoutsWithoutAlert;
    private final int[] byLevel = new int[AlertLevel.values().length];
    private int daysExpected;
    private int daysUnknown;
    private double leadSum;
    private double leadMin = Double.NaN;

    public ReviewTotals(DailyCoverage curve) {
        this.curve = curve;
    }

    /** Adds the review of a series that had snapshots or alerts in the season, after its {@code closeSeason}. */
    public void add(SeriesReview r) {
        facilities++;
        if (r.stockouts() > 0) {
            facilitiesWithStockout++;
        }
        snapshots += r.snapshots();
        minCoverage = lowest(minCoverage, r.minCoverage());
        minBurnRate = lowest(minBurnRate, r.minBurnRate());
        daysUnderWarning += r.daysUnderWarning();
        daysUnderCritical += r.daysUnderCritical();
        stockoutDays += r.stockoutDays();
        stockouts += r.stockouts();
        stockoutsWithoutAlert += r.stockoutsWithoutAlert();
        for (AlertLevel level : AlertLevel.values()) {
            byLevel[level.ordinal()] += r.events(level);
        }
        daysExpected += r.daysExpected();
        daysUnknown += r.daysUnknown();
        for (double lead : r.leads()) {
            leadSum += lead;
            leadMin = Double.isNaN(leadMin) ? lead : Math.min(leadMin, lead);
        }
    }

    private static double lowest(double current, OptionalDouble candidate) {
        if (candidate.isEmpty()) {
            return current;
        }
        return Double.isNaN(current) ? candidate.getAsDouble() : Math.min(current, candidate.getAsDouble());
    }

    public DailyCoverage curve() {
        return curve;
    }

    /** Facilities that reported the device in the season. */
    public int facilities() {
        return facilities;
    }

    public int facilitiesWithStockout() {
        return facilitiesWithStockout;
    }

    public long snapshots() {
        return snapshots;
    }

    /** The lowest projected coverage any facility of the area had. */
    public OptionalDouble minCoverage() {
        return Double.isNaN(minCoverage) ? OptionalDouble.empty() : OptionalDouble.of(minCoverage);
    }

    /** The lowest burn-rate days of supply any facility of the area had. */
    public OptionalDouble minBurnRate() {
        return Double.isNaN(minBurnRate) ? OptionalDouble.empty() : OptionalDouble.of(minBurnRate);
    }

    /** The lowest median facility coverage of the area (whole days). */
    public OptionalDouble medianMinCoverage() {
        return curve.lowestMedian();
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
        return stockouts;
    }

    public int stockoutsWithoutAlert() {
        return stockoutsWithoutAlert;
    }

    /** Alert events of one level. */
    public int events(AlertLevel level) {
        return byLevel[level.ordinal()];
    }

    /** Alerts sent: WARNING and CRITICAL events (a recovery is not an alert). */
    public int alertsSent() {
        return events(AlertLevel.WARNING) + events(AlertLevel.CRITICAL);
    }

    /** Facility-days the device was watched and nothing was known. */
    public int daysUnknown() {
        return daysUnknown;
    }

    /** Share of the watched facility-days with a known state, 0 to 1. */
    public OptionalDouble knownShare() {
        return daysExpected == 0 ? OptionalDouble.empty() : OptionalDouble.of(1 - (double) daysUnknown / daysExpected);
    }

    /** Mean days of alert before a stock-out (0 counted for those no alert announced). */
    public OptionalDouble leadMean() {
        return stockouts == 0 ? OptionalDouble.empty() : OptionalDouble.of(leadSum / stockouts);
    }

    public OptionalDouble leadMin() {
        return Double.isNaN(leadMin) ? OptionalDouble.empty() : OptionalDouble.of(leadMin);
    }
}
