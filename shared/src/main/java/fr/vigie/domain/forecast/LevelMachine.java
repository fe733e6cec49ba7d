package fr.vigie.domain.forecast;

import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.Thresholds;

import java.time.Instant;

/**
 * Alert levels with hysteresis. An alert opens when coverage stays under the warning threshold for
 * {@link #OPEN_CONFIRMATIONS} snapshots in a row (at the level the last one shows), or at once
 * when the supplier is failing, since the signal itself confirms; it escalates to CRITICAL
 * likewise. It also opens when the stock on hand alone lasts less than the critical threshold:
 * everything then rests on deliveries arriving on the day. It never steps down from CRITICAL to
 * WARNING, and closes only when coverage is clearly above the warning threshold, and the stock on
 * hand clearly above the critical one, for {@link #CLOSE_CONFIRMATIONS} snapshots in a row (a
 * just-in-time shelf refilled by each delivery would otherwise open and close every week).
 */
public final class LevelMachine {

    static final int OPEN_CONFIRMATIONS = 2;
    static final int CLOSE_CONFIRMATIONS = 2;
    /** Clearly above: a quarter more than the threshold. */
    static final double RECOVERY_MARGIN = 1.25;

    /** The next state, and the level to announce when it changed ({@code null} when it holds). */
    public record Step(AlertState state, AlertLevel announced) {
    }

    private LevelMachine() {
    }

    public static Step next(AlertState previous, Assessment a, Thresholds t, Instant at) {
        AlertLevel current = previous.level() == AlertLevel.RECOVERED ? AlertLevel.NONE : previous.level();
        AlertLevel seen = seen(a, t);
        AlertLevel move = switch (current) {
            case NONE, RECOVERED -> seen == AlertLevel.NONE ? AlertLevel.NONE : AlertLevel.WARNING;
            case WARNING -> seen == AlertLevel.CRITICAL ? AlertLevel.CRITICAL
                    : clearlyBack(a, t) ? AlertLevel.RECOVERED : AlertLevel.NONE;
            case CRITICAL -> clearlyBack(a, t) ? AlertLevel.RECOVERED : AlertLevel.NONE;
        };
        if (move == AlertLevel.NONE) {
            return new Step(new AlertState(current, AlertLevel.NONE, 0, previous.since()), null);
        }
        // the candidate remembers which move is under way: opening, escalating or closing
        int confirmations = previous.candidate() == move ? previous.confirmations() + 1 : 1;
        int needed = move == AlertLevel.RECOVERED ? CLOSE_CONFIRMATIONS : a.supplyFailing() ? 1 : OPEN_CONFIRMATIONS;
        if (confirmations < needed) {
            return new Step(new AlertState(current, move, confirmations, previous.since()), null);
        }
        AlertLevel announced = move == AlertLevel.RECOVERED ? AlertLevel.RECOVERED : seen;
        AlertLevel level = announced == AlertLevel.RECOVERED ? AlertLevel.NONE : announced;
        return new Step(new AlertState(level, AlertLevel.NONE, 0, at), announced);
    }

    private static AlertLevel seen(Assessment a, Thresholds t) {
        if (a.coverageDays() < t.criticalDays()) {
            return AlertLevel.CRITICAL;
        }
        boolean onHandShort = a.onHand() < t.criticalDays() * a.dailyUseForecast();
        return a.coverageDays() < t.warningDays() || onHandShort ? AlertLevel.WARNING : AlertLevel.NONE;
    }

    /** Clearly back: coverage and stock on hand a quarter above their thresholds, never while out of stock. */
    private static boolean clearlyBack(Assessment a, Thresholds t) {
        return a.onHand() > 0 && a.coverageDays() >= t.warningDays() * RECOVERY_MARGIN
                && a.onHand() >= t.criticalDays() * a.dailyUseForecast() * RECOVERY_MARGIN;
    }
}
