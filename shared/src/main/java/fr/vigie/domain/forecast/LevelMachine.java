package fr.vigie.domain.forecast;

import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.Thresholds;

import java.time.Duration;
import java.time.Instant;

/**
 * Alert levels with hysteresis. An alert opens when coverage stays under the warning threshold at
 * every snapshot for {@link #CONFIRMATION} (at the level the last one shows), or at once
 * when the supplier is failing, since the signal itself confirms; it escalates to CRITICAL
 * likewise. It also opens when the stock on hand alone lasts less than the critical threshold:
 * everything then rests on deliveries arriving on the day. It never steps down from CRITICAL to
 * WARNING, and closes only when coverage is clearly above the warning threshold, and the stock on
 * hand clearly above the critical one, likewise for {@link #CONFIRMATION} (a just-in-time shelf
 * refilled by each delivery would otherwise open and close every week). Confirmation is counted in
 * time, not in snapshots, so that hourly polling confirms no sooner than daily polling does: with
 * daily snapshots it is the two snapshots in a row the method was tuned with.
 */
public final class LevelMachine {

    /** A day, less the jitter of a daily feed's polling time. */
    static final Duration CONFIRMATION = Duration.ofHours(20);
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
            return new Step(new AlertState(current, AlertLevel.NONE, 0, previous.since(), null), null);
        }
        // the candidate remembers which move is under way (opening, escalating or closing) and since when
        boolean continued = previous.candidate() == move && previous.candidateSince() != null;
        int confirmations = continued ? previous.confirmations() + 1 : 1;
        Instant candidateSince = continued ? previous.candidateSince() : at;
        boolean confirmed = move != AlertLevel.RECOVERED && a.supplyFailing()
                || !Duration.between(candidateSince, at).minus(CONFIRMATION).isNegative();
        if (!confirmed) {
            return new Step(new AlertState(current, move, confirmations, previous.since(), candidateSince), null);
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
