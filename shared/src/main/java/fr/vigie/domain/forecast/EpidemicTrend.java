package fr.vigie.domain.forecast;

import fr.vigie.domain.epidemic.EpidemicWeek;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The optional epidemic hint of a forecast (issue 19, docs/forecasting.md "Epidemic signal"): how
 * the region's published intensity of the device's epidemics moved over its last published week,
 * as a weekly ratio (0.7 = down 30 % in a week). The signal leads use (this week's emergency visits
 * are the patients of the coming ones) while the use forecast's own trend, read on weekly means,
 * lags a wave; after the peak it keeps projecting the peak's use. {@link #lead} lets a falling
 * signal bring the trend down; a rising one leaves the forecast as fitted — measured, steering the
 * trend up with it bought no crisis and a third more false alarms on the harder seasons (the misses
 * there wait on a supplier's failure showing, not on the forecast). {@link #NONE} (no signal, a
 * stale one, or one moving less than its noise) leaves the forecast exactly as fitted.
 */
public record EpidemicTrend(double weeklyRatio) {

    /** No signal: the forecast as fitted. */
    public static final EpidemicTrend NONE = new EpidemicTrend(1);

    /** A week's fall smaller than this is the signal's noise (its weekly values carry about ±10 %). */
    static final double DEAD_BAND = 0.15;
    /**
     * Bounds of the weekly ratio. Below: at 0.6, the trend it gives (level brought forward, then damped)
     * levels the projection off at about a sixth of today's use, never at none.
     */
    static final double MAX_RATIO = 2.0;
    static final double MIN_RATIO = 0.6;
    /**
     * Percentage points added to both weeks before the ratio: out of season a share going from 0.4 to
     * 0.2 % halves, while the use it drives barely moves.
     */
    static final double FLOOR = 1.0;
    /** A signal whose last published week ended longer ago than this says nothing of the weeks to come. */
    static final int STALE_DAYS = 14;
    /** The days the fitted level is brought forward over with its trend ({@link UseForecast}'s week lag). */
    private static final int LAG_DAYS = 3;
    private static final int WEEK = 7;

    /**
     * The hint on {@code day} from {@code publications} (those of the facility's region, for the
     * device's epidemics, in any order): for each epidemic its last week published on or before
     * {@code day} (the latest publication of each week) and the week before; their intensities summed
     * over the epidemics, each sum plus {@link #FLOOR}, give the ratio, bounded to
     * [{@link #MIN_RATIO}, {@link #MAX_RATIO}]. {@link #NONE} when no epidemic has both weeks, or
     * when its last week ended more than {@link #STALE_DAYS} days before {@code day}.
     */
    public static EpidemicTrend read(Collection<EpidemicWeek> publications, LocalDate day) {
        Map<String, EpidemicWeek> known = new HashMap<>(); // epidemic#week -> its latest publication by day
        Map<String, LocalDate> lastWeek = new HashMap<>(); // epidemic -> its last week published by day
        for (EpidemicWeek w : publications) {
            if (w.published().isAfter(day)) {
                continue;
            }
            String epidemic = w.epidemic().name();
            known.merge(epidemic + "#" + w.week(), w, (a, b) -> a.published().isAfter(b.published()) ? a : b);
            lastWeek.merge(epidemic, w.week(), (a, b) -> a.isAfter(b) ? a : b);
        }
        double last = 0;
        double before = 0;
        boolean any = false;
        for (Map.Entry<String, LocalDate> e : lastWeek.entrySet()) {
            EpidemicWeek now = known.get(e.getKey() + "#" + e.getValue());
            EpidemicWeek prev = known.get(e.getKey() + "#" + e.getValue().minusWeeks(1));
            if (prev == null || EpidemicWeek.lastDay(now.week()).isBefore(day.minusDays(STALE_DAYS))) {
                continue;
            }
            last += now.intensity();
            before += prev.intensity();
            any = true;
        }
        if (!any) {
            return NONE;
        }
        double ratio = (last + FLOOR) / (before + FLOOR);
        return new EpidemicTrend(Math.max(MIN_RATIO, Math.min(MAX_RATIO, ratio)));
    }

    /**
     * The forecast led by this hint. A falling signal (ratio under 1 − {@link #DEAD_BAND}) brings a
     * fitted trend that is higher down to the signal's — the level times the daily rate the weekly
     * ratio compounds to —, and the level, brought to now with the fitted trend, is brought with
     * that one instead ({@value #LAG_DAYS} days); {@link UseForecast#at} then takes it as a share of
     * the level a day, damped, so that the use to come levels off above 0. Otherwise, {@code fitted} itself.
     */
    public UseForecast lead(UseForecast fitted) {
        if (weeklyRatio > 1 - DEAD_BAND) {
            return fitted;
        }
        double trend = fitted.level() * (Math.pow(weeklyRatio, 1.0 / WEEK) - 1);
        if (trend >= fitted.trend()) {
            return fitted;
        }
        return new UseForecast(Math.max(0, fitted.level() + LAG_DAYS * (trend - fitted.trend())), trend, fitted.spread(),
                fitted.turned(), fitted.rising(), fitted.stale());
    }
}
