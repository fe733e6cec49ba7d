package fr.vigie.domain;

import fr.vigie.domain.forecast.DailyCloses;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A series' rolling state between evaluations (issue 18): the {@link DailyCloses} of its past local
 * days, every day before {@code closedBefore} closed, oldest first, at most {@code keepDays} back. With
 * today's readings it rebuilds what the evaluator reads of the series' window, so an evaluation reads
 * one small item and the facility's polls of today instead of the series' whole window; it changes
 * once a day, when the days since {@code closedBefore} are closed.
 *
 * @param closedBefore the first local day not closed yet ({@code null}: nothing closed, the state is new)
 * @param closes       one snapshot per past day that had any, the day's last with its totals ({@link DailyCloses})
 */
public record RollingCloses(LocalDate closedBefore, List<Snapshot> closes) {

    public static final RollingCloses NONE = new RollingCloses(null, List.of());

    public RollingCloses {
        closes = List.copyOf(closes);
    }

    /**
     * The state with the days from {@code closedBefore} (or from the first reading, for a new state)
     * up to {@code today} excluded closed, days older than {@code keepDays} before today dropped.
     *
     * @param readings the series' snapshots from the start of {@code closedBefore}'s day (or of the window)
     *                 up to the one being evaluated, oldest first
     * @param zone     the facility's zone, whose calendar days are counted
     */
    public RollingCloses closedUpTo(LocalDate today, List<Snapshot> readings, ZoneId zone, int keepDays) {
        List<Snapshot> out = new ArrayList<>();
        LocalDate oldest = today.minusDays(keepDays);
        // a local day is on or after D exactly when its instant is on or after D's first instant: two conversions, not one a close
        Instant keptFrom = LocalDays.startOf(oldest, zone);
        Instant closedFrom = closedBefore == null ? null : LocalDays.startOf(closedBefore, zone);
        for (Snapshot c : closes) {
            if (!c.timestamp().isBefore(keptFrom) && (closedFrom == null || c.timestamp().isBefore(closedFrom))) {
                out.add(c);
            }
        }
        for (Snapshot c : DailyCloses.of(readings, zone)) {
            LocalDate day = day(c, zone);
            if (day.isBefore(today) && !day.isBefore(oldest) && (closedBefore == null || !day.isBefore(closedBefore))) {
                out.add(c);
            }
        }
        return new RollingCloses(today, out);
    }

    /** True when the days before {@code today} are all closed already. */
    public boolean closedFor(LocalDate today) {
        return closedBefore != null && !closedBefore.isBefore(today);
    }

    /**
     * The past of the series' window as the evaluator reads it: the closes of the days before
     * {@code today} that end within {@code days} days before {@code upTo}, oldest first: a new list of its own, which the
     * caller may extend (with today's readings).
     */
    public List<Snapshot> window(Instant upTo, int days, LocalDate today, ZoneId zone) {
        Instant from = upTo.minus(Duration.ofDays(days));
        Instant todayFrom = LocalDays.startOf(today, zone);
        List<Snapshot> out = new ArrayList<>(closes.size() + 1);
        for (Snapshot c : closes) {
            if (!c.timestamp().isBefore(from) && c.timestamp().isBefore(todayFrom)) {
                out.add(c);
            }
        }
        return out;
    }

    private static LocalDate day(Snapshot s, ZoneId zone) {
        return LocalDays.of(s.timestamp(), zone);
    }
}
