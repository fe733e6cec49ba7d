package fr.vigie.domain.retex;

import java.util.OptionalDouble;

/**
 * One device's season, day by day, in an area (the nation or a region): the stock on hand and the
 * recent daily use summed over the area's facilities, so that the area's coverage is
 * {@code sum(on hand) / sum(use)} — how long the area's stock would last if it were shared. Memory
 * is a few arrays of the season's length, whatever the number of facilities.
 */
public final class DailyCoverage {

    private final double[] onHand;
    private final double[] use;
    private final int[] counted;
    private final int[] stockouts;
    private final int[] alerts;

    public DailyCoverage(int days) {
        onHand = new double[days];
        use = new double[days];
        counted = new int[days];
        stockouts = new int[days];
        alerts = new int[days];
    }

    /** Adds one facility's state at the end of {@code day}: its stock and its recent daily use. */
    void add(int day, long stock, double dailyUse) {
        if (inSeason(day)) {
            onHand[day] += stock;
            use[day] += dailyUse;
            counted[day]++;
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
        return onHand.length;
    }

    /** The area's coverage in days on {@code day}; empty when no facility counted or no use was seen. */
    public OptionalDouble coverage(int day) {
        if (counted[day] == 0) {
            return OptionalDouble.empty();
        }
        if (onHand[day] == 0) {
            return OptionalDouble.of(0);
        }
        return use[day] > 0 ? OptionalDouble.of(onHand[day] / use[day]) : OptionalDouble.empty();
    }

    /** The lowest coverage of the season. */
    public OptionalDouble min() {
        OptionalDouble min = OptionalDouble.empty();
        for (int d = 0; d < days(); d++) {
            OptionalDouble c = coverage(d);
            if (c.isPresent() && (min.isEmpty() || c.getAsDouble() < min.getAsDouble())) {
                min = c;
            }
        }
        return min;
    }

    public int stockouts(int day) {
        return stockouts[day];
    }

    public int alerts(int day) {
        return alerts[day];
    }

    private boolean inSeason(int day) {
        return day >= 0 && day < onHand.length;
    }
}
