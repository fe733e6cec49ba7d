package fr.vigie.domain.forecast;

import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.LocalDays;
import fr.vigie.domain.Thresholds;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * Alert levels with hysteresis, judged in days rather than snapshots (issue 19), so that a series
 * polled hourly and the same series reported once a day raise the same alerts on the same days. A
 * facility's day is judged at its first snapshot from {@link #DAY_JUDGED_AT} local time (its
 * <i>judging day</i>, morning to morning, {@link #judgingDay}). An alert opens when coverage is under
 * the warning threshold at the first snapshot of two judging days in a row (at the level the second
 * one shows), or at once, at a day's first snapshot, when the supplier is failing, since the signal
 * itself confirms; it escalates to CRITICAL likewise. It also opens when the stock on hand alone
 * lasts less than the critical threshold: everything then rests on deliveries arriving on the day.
 * It never steps down from CRITICAL to WARNING, and closes only when coverage is clearly above the
 * warning threshold, and the stock on hand clearly above the critical one, likewise at two days'
 * first snapshots in a row (a just-in-time shelf refilled by each delivery would otherwise open and
 * close every week), or at once when the stock on hand alone lasts the warning horizon at a use to
 * come seen since any stock-out, and the supplier is not failing: no delivery need come for the
 * series to be safe, so a second day confirms nothing and only keeps a false alarm open (measured:
 * false alarms 0.17 to 0.14 of the alert days on 15 generated seasons at the samples' height,
 * messages and lead unchanged, docs/forecasting.md "eighth pass").
 * <p>
 * In a wave rising (the trailing week's mean up on each of the last seven days, {@link UseForecast#rising}),
 * a coverage under the warning threshold opens or escalates without a second day, as a failing
 * supplier does: the use outruns the forecast and a day's wait is a day of lead lost, while a week of
 * rise is no noise to confirm away. The shelf rule alone still waits for it (measured: opening on it at
 * once sends a quarter more messages for no day of lead, docs/forecasting.md "fifth pass"). Nor does
 * an alert close while the shelf alone lasts less than the recovery margin over the critical
 * threshold at the use to come: in a rise, use tomorrow understates the days after it, and the alert
 * would close on a delivery and reopen before the next (issue 19, "fourth pass").
 * <p>
 * Why the morning's first snapshot: a daily report stamped in the early morning (the samples' rows)
 * is the day's only snapshot and is judged as it comes, so with daily rows this is the two rows in a
 * row the method was tuned with; with hourly polls it is the poll of that hour, on the stock the daily
 * report reads, and a move needs a whole judging day, morning to morning. Judged at midnight, an hourly
 * series read a quarter of a day's use more stock than the daily row, crossed thresholds days apart
 * from it, and told hospitals in the night. The snapshots within a day move nothing: they would see
 * the shelf at its lowest in the hours before each delivery (the daily row already counts the day's
 * van) and confirm a move the days' closes never show. Source: issue 19, measured in
 * docs/forecasting.md ("Hourly vs daily", and its fifth pass).
 */
public final class LevelMachine {

    /** Clearly above: a quarter more than the threshold. */
    static final double RECOVERY_MARGIN = 1.25;

    /**
     * When a facility's day is judged, local time: the hospital's morning, the night's use in and the
     * day shift about to read its messages. A daily report stamped then (the samples' 05:00Z, 06:00 in
     * Paris in winter) is judged as it comes; an hourly series at its poll of that hour, on the same
     * stock, rather than at midnight, 6 hours of use earlier, and its alerts reach staff in the morning.
     */
    public static final LocalTime DAY_JUDGED_AT = LocalTime.of(6, 0);

    /** The next state, and the level to announce when it changed ({@code null} when it holds). */
    public record Step(AlertState state, AlertLevel announced) {
    }

    private LevelMachine() {
    }

    /**
     * @param previous the state left by the series' previous snapshot
     * @param a        the assessment of this snapshot
     * @param at       this snapshot's timestamp (the level's {@code since}, a candidate's {@code candidateSince})
     * @param opensDay this snapshot is the series' first of its judging day ({@link #judgingDay}, the facility's zone): the
     *                 one at which threshold moves are judged
     */
    public static Step next(AlertState previous, Assessment a, Thresholds t, Instant at, boolean opensDay) {
        if (!opensDay) {
            return new Step(previous, null);
        }
        AlertLevel current = previous.level() == AlertLevel.RECOVERED ? AlertLevel.NONE : previous.level();
        AlertLevel seen = seen(a, t);
        AlertLevel move = switch (current) {
            case NONE, RECOVERED -> seen == AlertLevel.NONE ? AlertLevel.NONE : AlertLevel.WARNING;
            case WARNING -> seen == AlertLevel.CRITICAL ? AlertLevel.CRITICAL
                    : clearlyBack(a, t) ? AlertLevel.RECOVERED : AlertLevel.NONE;
            case CRITICAL -> clearlyBack(a, t) ? AlertLevel.RECOVERED : AlertLevel.NONE;
        };
        if (move == AlertLevel.NONE) {
            return new Step(new AlertState(current, AlertLevel.NONE, 0, previous.since(), null), null);
        }
        boolean immediate = move == AlertLevel.RECOVERED ? safeOnTheShelf(a, t)
                : a.supplyFailing() || a.rising() && a.coverageDays() < t.warningDays();
        // the candidate remembers which move is under way (opening, escalating or closing) and since which day's start;
        // seen at the previous day's first snapshot, and now at this one: confirmed
        boolean continued = previous.candidate() == move && previous.candidateSince() != null;
        if (!immediate && !continued) {
            return new Step(new AlertState(current, move, 1, previous.since(), at), null);
        }
        AlertLevel announced = move == AlertLevel.RECOVERED ? AlertLevel.RECOVERED : seen;
        AlertLevel level = announced == AlertLevel.RECOVERED ? AlertLevel.NONE : announced;
        return new Step(new AlertState(level, AlertLevel.NONE, 0, at), announced);
    }

    /**
     * A snapshot this long after the previous one opens a day even within the same judging day: a
     * report that follows the previous one by most of a day is the next day's, on whichever side of
     * {@link #DAY_JUDGED_AT} its minute falls (a daily report at 06:01, then 05:59 the next morning).
     */
    static final Duration NEXT_REPORT = Duration.ofHours(18);

    /**
     * True when a snapshot taken {@code at}, after one taken {@code previous} ({@code null}: none),
     * opens a judging day of the series, the one at which its levels move: its judging day is later
     * than the previous snapshot's, or it comes {@link #NEXT_REPORT} or more after it.
     */
    public static boolean opensDay(Instant previous, Instant at, ZoneId zone) {
        return previous == null || judgingDay(previous, zone).isBefore(judgingDay(at, zone))
                || !Duration.between(previous, at).minus(NEXT_REPORT).isNegative();
    }

    /**
     * The judging day a snapshot taken {@code at} belongs to in {@code zone}: the local date of the
     * last {@link #DAY_JUDGED_AT} at or before it (a snapshot at 05:59 belongs to the day before).
     */
    public static LocalDate judgingDay(Instant at, ZoneId zone) {
        return LocalDays.of(at, zone, DAY_JUDGED_AT);
    }

    private static AlertLevel seen(Assessment a, Thresholds t) {
        if (a.coverageDays() < t.criticalDays()) {
            return AlertLevel.CRITICAL;
        }
        boolean onHandShort = a.onHand() < t.criticalDays() * a.dailyUseForecast();
        return a.coverageDays() < t.warningDays() || onHandShort ? AlertLevel.WARNING : AlertLevel.NONE;
    }

    /**
     * Safe on the shelf: the stock on hand alone lasts the warning horizon at the use to come, the
     * supplier not failing, and that use seen lately (not held through a stock-out just over, whose
     * days say nothing of what the hospital now needs).
     */
    private static boolean safeOnTheShelf(Assessment a, Thresholds t) {
        return !a.supplyFailing() && !a.useStale() && a.shelfDays() >= t.warningDays();
    }

    /**
     * Clearly back: coverage and stock on hand a quarter above their thresholds, never while out of
     * stock; in a rising wave, the shelf a quarter above the critical threshold at the use to come too.
     */
    private static boolean clearlyBack(Assessment a, Thresholds t) {
        return a.onHand() > 0 && a.coverageDays() >= t.warningDays() * RECOVERY_MARGIN
                && a.onHand() >= t.criticalDays() * a.dailyUseForecast() * RECOVERY_MARGIN
                && (!a.rising() || a.shelfDays() >= t.criticalDays() * RECOVERY_MARGIN);
    }
}
