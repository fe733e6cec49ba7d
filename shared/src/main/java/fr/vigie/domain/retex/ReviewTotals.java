package fr.vigie.domain.retex;

import java.util.OptionalDouble;

/**
 * The series reviews of one device summed over an area (the nation or a region): day counts are
 * facility-days (two facilities under the threshold on the same day count two), and the area's own
 * coverage curve gives its lowest shared coverage.
 */
public final class ReviewTotals {

    private final DailyCoverage curve;
    private int facilities;
    private int facilitiesWithStockout;
    private long snapshots;
    private double minCoverage = Double.NaN;
    private int daysUnderWarning;
    private int daysUnderCritical;
    private int stockoutDays;
    private int stockouts;
    private int stockoutsWithoutAlert;
    private int alertsSent;
    private double leadSum;
    private double leadMin = Double.NaN;

    public ReviewTotals(DailyCoverage curve) {
        this.curve = curve;
    }

    /** Adds the review of a series that had snapshots or alerts in the season. */
    public void add(SeriesReview r) {
        facilities++;
        if (r.stockouts() > 0) {
            facilitiesWithStockout++;
        }
        snapshots += r.snapshots();
        r.minCoverage().ifPresent(c -> minCoverage = Double.isNaN(minCoverage) ? c : Math.min(minCoverage, c));
        daysUnderWarning += r.daysUnderWarning();
        daysUnderCritical += r.daysUnderCritical();
        stockoutDays += r.stockoutDays();
        stockouts += r.stockouts();
        stockoutsWithoutAlert += r.stockoutsWithoutAlert();
        alertsSent += r.alertsSent();
        for (double lead : r.leads()) {
            leadSum += lead;
            leadMin = Double.isNaN(leadMin) ? lead : Math.min(leadMin, lead);
        }
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

    /** The lowest coverage any facility of the area had. */
    public OptionalDouble minCoverage() {
        return Double.isNaN(minCoverage) ? OptionalDouble.empty() : OptionalDouble.of(minCoverage);
    }

    /** The lowest coverage of the area's stock taken together. */
    public OptionalDouble areaMinCoverage() {
        return curve.min();
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

    public int alertsSent() {
        return alertsSent;
    }

    /** Mean days of alert before a stock-out (0 counted for those no alert announced). */
    public OptionalDouble leadMean() {
        return stockouts == 0 ? OptionalDouble.empty() : OptionalDouble.of(leadSum / stockouts);
    }

    public OptionalDouble leadMin() {
        return Double.isNaN(leadMin) ? OptionalDouble.empty() : OptionalDouble.of(leadMin);
    }
}
