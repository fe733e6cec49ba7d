package fr.vigie.domain.forecast;

import fr.vigie.domain.Snapshot;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The use to come of one series: Holt's exponential smoothing with a damped trend, so that a wave's
 * rise is followed without being projected for ever. It smooths the mean use of the trailing week
 * rather than each day's, because hospital use has a strong weekly rhythm (weekends are low) that
 * would otherwise read as a trend turning every few days. Days are rebuilt from the snapshots: a
 * gap's use is spread over its days, and days that ended out of stock are left out (what was used
 * then is what was there, not what was needed).
 */
public record UseForecast(double level, double trend, double spread) {

    private static final int WEEK = 7;
    /** The trailing week's mean describes the middle of that week: this many days behind today. */
    private static final int WEEK_LAG = 3;
    /** A week's mean already averages the noise out: the level can follow it closely. */
    private static final double LEVEL_SMOOTHING = 0.6;
    private static final double TREND_SMOOTHING = 0.3;
    /** Each day ahead keeps 90% of the previous day's trend: a rise flattens out within weeks. */
    private static final double DAMPING = 0.9;
    /** Band width in spreads (one day's deviation from the weekly level). */
    private static final double BAND = 1.0;
    /** When the supplier fails, plan for a day half a spread busier than the forecast. */
    private static final double PLANNING = 0.5;

    /** Fits the smoothing on {@code history} (oldest first). */
    public static UseForecast fit(List<Snapshot> history) {
        int days = (int) ChronoUnit.DAYS.between(date(history.get(0)), date(history.get(history.size() - 1))) + 1;
        double[] use = new double[days];
        boolean[] known = new boolean[days];
        LocalDate first = date(history.get(0));
        for (DailyUse.Interval interval : DailyUse.intervals(history)) {
            int end = (int) ChronoUnit.DAYS.between(first, date(interval.end()));
            int start = Math.min(end, (int) ChronoUnit.DAYS.between(first, date(interval.start())) + 1);
            for (int d = start; d <= end; d++) {
                use[d] += interval.units() / (end - start + 1);
                known[d] = interval.end().onHand() > 0;
            }
        }
        double level = 0;
        double trend = 0;
        double sumSq = 0;
        int fitted = 0;
        boolean started = false;
        for (int d = 0; d < days; d++) {
            double week = 0;
            int counted = 0;
            for (int k = Math.max(0, d - WEEK + 1); k <= d; k++) {
                if (known[k]) {
                    week += use[k];
                    counted++;
                }
            }
            if (!known[d] || counted <= WEEK / 2) {
                // no news (out of stock, what was needed is unknown): hold the level, let the trend fade
                trend *= DAMPING;
                continue;
            }
            double y = week / counted;
            if (!started) {
                level = y;
                started = true;
                continue;
            }
            double predicted = Math.max(0, level + DAMPING * trend);
            double deviation = use[d] - (predicted + WEEK_LAG * trend);
            sumSq += deviation * deviation;
            fitted++;
            double next = LEVEL_SMOOTHING * y + (1 - LEVEL_SMOOTHING) * predicted;
            trend = TREND_SMOOTHING * (next - level) + (1 - TREND_SMOOTHING) * DAMPING * trend;
            level = next;
        }
        if (!started) { // too little history for a weekly mean: what was used so far, per day
            double units = 0;
            for (double u : use) {
                units += u;
            }
            level = days > 1 ? units / (days - 1) : 0;
        }
        double spread = fitted > 1 ? Math.sqrt(sumSq / fitted) : level / 2;
        return new UseForecast(Math.max(0, level + WEEK_LAG * trend), trend, spread);
    }

    /** Use expected on the {@code ahead}-th day from now (1 = tomorrow). */
    public double at(int ahead) {
        double damped = 0;
        double factor = 1;
        for (int h = 1; h <= ahead; h++) {
            factor *= DAMPING;
            damped += factor;
        }
        return Math.max(0, level + damped * trend);
    }

    /** Use to plan for on the {@code ahead}-th day: busier than forecast when the supplier is failing. */
    public double planned(int ahead, boolean supplyFailing) {
        return at(ahead) + (supplyFailing ? PLANNING * spread : 0);
    }

    public double low() {
        return Math.max(0, at(1) - BAND * spread);
    }

    public double high() {
        return at(1) + BAND * spread;
    }

    static LocalDate date(Snapshot s) {
        return LocalDate.ofInstant(s.timestamp(), ZoneOffset.UTC);
    }
}
