package fr.vigie.domain.forecast;

import fr.vigie.domain.LocalDays;
import fr.vigie.domain.Snapshot;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

/**
 * The use to come of one series: Holt's exponential smoothing with a damped trend, so that a wave's
 * rise is followed without being projected for ever. It smooths the mean use of the trailing week
 * rather than each day's, because hospital use has a strong weekly rhythm (weekends are low) that
 * would otherwise read as a trend turning every few days. Days are rebuilt from the snapshots: a
 * gap's use is spread over its days, and days that ended out of stock are left out (what was used
 * then is what was there, not what was needed). Through days without a weekly mean (those days,
 * and the days after them until the trailing week holds four known ones) the level is held and the
 * fit is {@code stale}; after a week or more of them, the fit starts again from the first weekly
 * mean after the gap, its trend the change per day from the level held to that mean, since the
 * smoothing would read the jump as a trend of days (measured: it read a wave that fell during a
 * stock-out as a fall to no use at all, docs/forecasting.md "eighth pass").
 * <p>
 * A falling use (a negative trend) falls by a share, not by a number: use on day h is
 * {@code level × exp(trend / level × (φ + … + φ^h))} (Taylor's damped multiplicative trend, Int. J.
 * Forecasting 19, 2003, in continuous form), since an epidemic wanes by a share of its cases each
 * week; the fall slows as the use gets low and never reaches 0, where an additive trend of a steep
 * fall crossed 0 and read a few units as months of cover. A rising use keeps the additive damped
 * trend (a multiplicative rise compounds into the over-forecasts the third pass measured).
 * <p>
 * After a peak (issue 19): once the trailing week's mean has fallen on each of the last seven days,
 * the wave has {@code turned}; the smoothed level and trend, which still lean on the peak's weeks,
 * give way to the last week's mean and the share it fell by over the week (the trend then
 * {@code level × ln(share)}, so that {@link #at} compounds that share a day), and a failing supplier
 * is no longer planned for with a busier day than forecast. The mirror, a trailing week's mean that
 * rose on each of the last seven days, is a wave {@code rising}: its trend is then at least that
 * week's rise per day, {@code (mean of the last week − mean of the week before) / 7}, since Holt's
 * smoothed trend follows a rise about 1 / β days late and a week of rise is no noise to smooth away
 * (measured: median lead 13 → 13.5 days at the samples' wave height and 10 → 11 at twice it, false
 * alarms 0.143 → 0.150 and 0.111 → 0.117 of the alert days, the samples' unchanged at 0.232,
 * docs/forecasting.md "tenth pass"); and the level machine neither waits a second day to open nor
 * closes on a shelf short of the use to come ({@link LevelMachine}, "fourth pass").
 */
public record UseForecast(double level, double trend, double spread, boolean turned, boolean rising, boolean stale) {

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
    /** A day counts once half of it is covered by snapshots (the first day of the history rarely is). */
    private static final double MIN_COVERED_DAY = 0.5;
    private static final double MINUTES_PER_DAY = 1440.0;

    /**
     * Fits the smoothing on {@code history} (oldest first), days being the facility's local calendar
     * days in {@code zone}. Each interval's use is spread over the days it overlaps in proportion to
     * its hours, so that hourly and daily snapshots of the same use give the same days; only days
     * already over count (today's is partial), each as its use per day covered.
     */
    public static UseForecast fit(List<Snapshot> history, ZoneId zone) {
        Instant now = history.get(history.size() - 1).timestamp();
        LocalDate first = date(history.get(0), zone);
        LocalDate today = date(history.get(history.size() - 1), zone);
        int days = (int) ChronoUnit.DAYS.between(first, today);
        double[] units = new double[days + 1];
        double[] covered = new double[days + 1];
        boolean[] dry = new boolean[days + 1];
        for (DailyUse.Interval interval : DailyUse.intervals(history)) {
            Instant from = interval.start().timestamp();
            Instant to = interval.end().timestamp();
            double total = Math.max(1, Duration.between(from, to).toSeconds());
            int d = (int) ChronoUnit.DAYS.between(first, LocalDays.of(from, zone));
            while (from.isBefore(to)) {
                Instant dayEnd = LocalDays.startOf(first.plusDays(d + 1L), zone);
                Instant until = dayEnd.isBefore(to) ? dayEnd : to;
                double share = Duration.between(from, until).toSeconds() / total;
                units[d] += interval.units() * share;
                covered[d] += share * interval.days();
                // what was used on a day the shelf ran dry is what was there, not what was needed
                dry[d] |= interval.end().onHand() == 0;
                from = until;
                d++;
            }
        }
        double[] use = new double[days];
        boolean[] known = new boolean[days];
        for (int d = 0; d < days; d++) {
            known[d] = covered[d] >= MIN_COVERED_DAY && !dry[d];
            use[d] = covered[d] > 0 ? units[d] / covered[d] : 0;
        }
        // the trailing week ends where today began: its middle is WEEK_LAG days before that, and today has begun
        double lag = WEEK_LAG + Duration.between(LocalDays.startOf(today, zone), now).toMinutes() / MINUTES_PER_DAY;
        double level = 0;
        double trend = 0;
        double sumSq = 0;
        double[] weekly = new double[days];
        int fitted = 0;
        boolean started = false;
        int silent = 0;
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
                silent++;
                continue;
            }
            double y = week / counted;
            weekly[d] = y;
            if (started && silent >= WEEK) {
                // news again after a week or more without (a stock-out and its aftermath): smoothed, the jump from
                // the level held would read as a trend of days; it is the change over the gap's days
                trend = (y - level) / silent;
                level = y;
                silent = 0;
                continue;
            }
            silent = 0;
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
            // once half a day is seen: an hour of polls says nothing of a day's use (a daily feed's first interval is a day)
            double allDays = Arrays.stream(covered).sum();
            level = allDays >= MIN_COVERED_DAY ? Arrays.stream(units).sum() / allDays : 0;
        }
        double spread = fitted > 1 ? Math.sqrt(sumSq / fitted) : level / 2;
        boolean turned = turned(weekly);
        boolean stale = started && silent > 0;
        if (turned) {
            // the week's fall as a share a day: weekly[last - WEEK] > 0, turned() checked every day from it
            int last = weekly.length - 1;
            double current = weekly[last];
            trend = current * Math.log(weekly[last] / weekly[last - WEEK]) / WEEK;
            return new UseForecast(current, trend, spread, true, false, stale).broughtForward(lag);
        }
        boolean rising = rose(weekly);
        if (rising) {
            // the smoothed trend lags a rise by about 1 / β days of it; a week of rise is no noise to smooth: keep up with it
            int last = weekly.length - 1;
            trend = Math.max(trend, (weekly[last] - weekly[last - WEEK]) / WEEK);
        }
        return new UseForecast(level, trend, spread, false, rising, stale).broughtForward(lag);
    }

    /** This forecast {@code days} later: the level moved along the trend ({@link #after}), a falling trend the same share. */
    private UseForecast broughtForward(double days) {
        double moved = after(days);
        return new UseForecast(moved, falling() ? trend * moved / level : trend, spread, turned, rising, stale);
    }

    /** The use {@code days} of trend from the level: by shares when {@link #falling}, else added, never below 0. */
    private double after(double days) {
        return falling() ? level * Math.exp(days * trend / level) : Math.max(0, level + days * trend);
    }

    private boolean falling() {
        return trend < 0 && level > 0;
    }

    /**
     * True when the trailing week's mean (one per day, 0 for a day without news) fell on each of the
     * last {@value #WEEK} days: a wave turning, not a quiet weekend or one noisy day.
     */
    static boolean turned(double[] weekly) {
        return movedAllWeek(weekly, -1);
    }

    /** The mirror of {@link #turned}: the trailing week's mean rose on each of the last {@value #WEEK} days. */
    static boolean rose(double[] weekly) {
        return movedAllWeek(weekly, 1);
    }

    /** True when each of the last {@value #WEEK} weekly means moved in {@code direction} (1 up, −1 down) from the day before. */
    private static boolean movedAllWeek(double[] weekly, int direction) {
        int last = weekly.length - 1;
        if (last < WEEK) {
            return false;
        }
        for (int k = 0; k < WEEK; k++) {
            double day = weekly[last - k];
            double before = weekly[last - k - 1];
            if (day <= 0 || before <= 0 || Math.signum(day - before) != direction) {
                return false;
            }
        }
        return true;
    }

    /**
     * Days the stock {@code onHand} lasts at the use to come, without any delivery (fractional,
     * {@code horizon} at most): the shelf's own cover.
     */
    public double shelfDays(double onHand, int horizon) {
        double left = onHand;
        for (int d = 1; d <= horizon; d++) {
            double rate = at(d);
            if (left < rate) {
                return d - 1 + left / rate;
            }
            left -= rate;
        }
        return horizon;
    }

    /**
     * Use expected on the {@code ahead}-th day from now (1 = tomorrow): the level plus the trend damped
     * over those days when rising or flat; when falling, the level times {@code exp(trend / level)}
     * compounded over the same damped days, never 0 (see the class comment).
     */
    public double at(int ahead) {
        return after(DAMPED_SUMS[Math.min(Math.max(ahead, 0), DAMPED_SUMS.length - 1)]);
    }

    /**
     * {@code DAMPED_SUMS[n]} = φ + φ² + … + φⁿ (φ = {@link #DAMPING}), summed in that order, up to the {@code n} past which
     * adding φⁿ⁺¹ no longer changes the double: a table, because the projection asks for every day of its horizon at
     * every evaluation, twice (the projection and the shelf's own cover): a loop of {@code ahead} steps each time.
     */
    private static final double[] DAMPED_SUMS = dampedSums();

    private static double[] dampedSums() {
        double[] sums = new double[1024];
        double factor = 1;
        int n = 0;
        while (n + 1 < sums.length) {
            factor *= DAMPING;
            double next = sums[n] + factor;
            if (next == sums[n]) {
                break;
            }
            sums[++n] = next;
        }
        return Arrays.copyOf(sums, n + 1);
    }

    /**
     * Use to plan for on the {@code ahead}-th day (units a day): the forecast ({@link #at}), or, when the
     * supplier is failing and the wave has not turned, a busier day: half a spread above it, and a rising
     * trend carried undamped ({@code level + trend × ahead}). Damping is the central forecast's bet that a
     * rise flattens; with no delivery to count on, the shelf must carry the rise if it goes on (measured:
     * median lead 13.5 → 14 days at the samples' wave height, the oracle's, false alarms 0.150 → 0.156 of
     * the alert days, docs/forecasting.md "eleventh pass"). After a turn, neither: the spread then
     * measures the peak's swings, not the days to come.
     */
    public double planned(int ahead, boolean supplyFailing) {
        if (!supplyFailing || turned) {
            return at(ahead);
        }
        return (trend > 0 ? level + trend * ahead : at(ahead)) + PLANNING * spread;
    }

    public double low() {
        return Math.max(0, at(1) - BAND * spread);
    }

    public double high() {
        return at(1) + BAND * spread;
    }

    /** The facility's local calendar day of a snapshot. */
    static LocalDate date(Snapshot s, ZoneId zone) {
        return LocalDays.of(s.timestamp(), zone);
    }
}
