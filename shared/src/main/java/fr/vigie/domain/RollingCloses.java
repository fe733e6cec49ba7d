package fr.vigie.domain;

import fr.vigie.domain.forecast.DailyCloses;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A series' rolling state between evaluations (issue 18): the {@link DailyCloses} of its past judging
 * days, every day before {@code closedBefore} closed, oldest first, at most {@code keepDays} back. With
 * today's readings it rebuilds what the evaluator reads of the series' window, so an evaluation reads
 * one small item and the facility's polls of today instead of the series' whole window; it changes
 * once a day, when the days since {@code closedBefore} are closed.
 *
 * @param closedBefore the first judging day not closed yet ({@code null}: nothing closed, the state is new)
 * @param closes       one snapshot per past day that had any, the day's last with its totals ({@link DailyCloses})
 */
public record RollingCloses(LocalDate closedBefore, List<Snapshot> closes) {

    public static final RollingCloses NONE = new RollingCloses(null, List.of());

    public RollingCloses {
        closes = List.copyOf(closes);
    }

    /**
     * The state with the judging days ended since its last close (or from the first reading, for a new
     * state) closed up to {@code pending} excluded, days older than {@code keepDays} before the day
     * before {@code pending} dropped.
     *
     * @param pending  the first judging day not ended yet: the evaluated snapshot's day after it when it
     *                 opens its judging day (its day then ends with it), else the day after its judging day
     * @param readings the series' snapshots after its last close (or from the start of the window) up to
     *                 the one being evaluated, oldest first
     * @param previous the instant of the snapshot just before {@code readings} (the last close), {@code null} when unknown
     * @param zone     the facility's zone, whose judging days are counted ({@link DailyCloses})
     */
    public RollingCloses closedUpTo(LocalDate pending, List<Snapshot> readings, Instant previous, ZoneId zone, int keepDays) {
        List<Snapshot> out = new ArrayList<>();
        LocalDate oldest = pending.minusDays(keepDays + 1L);
        // a local day is on or after D exactly when its instant is on or after D's first instant: two conversions, not one a close
        Instant keptFrom = LocalDays.startOf(oldest, zone);
        for (Snapshot c : closes) {
            if (!c.timestamp().isBefore(keptFrom)) {
                out.add(c);
            }
        }
        // the readings come after the last close: what they end is new
        for (Snapshot c : DailyCloses.closed(readings, zone, previous)) {
            LocalDate day = day(c, zone);
            if (day.isBefore(pending) && !day.isBefore(oldest)) {
                out.add(c);
            }
        }
        return new RollingCloses(pending, out);
    }

    /** The last close, {@code null} when none. */
    public Snapshot last() {
        return closes.isEmpty() ? null : closes.get(closes.size() - 1);
    }

    /** True when the judging days before {@code pending} are all closed already. */
    public boolean closedFor(LocalDate pending) {
        return closedBefore != null && !closedBefore.isBefore(pending);
    }

    /**
     * The past of the series' window as the evaluator reads it: the closes taken within {@code days}
     * days before {@code upTo}, oldest first: a new list of its own, which the caller may extend (with
     * the readings since the last close).
     */
    public List<Snapshot> window(Instant upTo, int days) {
        Instant from = upTo.minus(Duration.ofDays(days));
        List<Snapshot> out = new ArrayList<>(closes.size() + 1);
        for (Snapshot c : closes) {
            if (!c.timestamp().isBefore(from) && !c.timestamp().isAfter(upTo)) {
                out.add(c);
            }
        }
        return out;
    }

    private static LocalDate day(Snapshot s, ZoneId zone) {
        return LocalDays.of(s.timestamp(), zone);
    }
}
