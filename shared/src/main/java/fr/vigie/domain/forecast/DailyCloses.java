package fr.vigie.domain.forecast;

import fr.vigie.domain.Snapshot;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A series' history as the projection reads it: one close per past judging day, then the snapshots
 * since the last one as they came. The method works in days (issue 19): a season polled hourly and
 * the same season reported daily give the projection the same past, and a rolling series state
 * (issue 18) keeps one record a day instead of every poll.
 *
 * <p>A day ends with a snapshot that opens a judging day ({@link LevelMachine#opensDay}: the first
 * from {@link LevelMachine#DAY_JUDGED_AT} local time, or one that follows the previous by most of a
 * day), the day that snapshot is dated, so that a day is read as the level machine judges it: with daily rows every row is its
 * own day, as it always was; with hourly polls a day runs from the poll after one morning's 06:00 to
 * the next morning's 06:00 poll, whose stock is the one the daily row of that hour reports, and whose
 * totals are the 24 hours the daily row counts (issue 19, sixth pass: midnight closes made an hourly
 * series read each past day as it stood at 23:00 where the daily row stood at 06:00).
 *
 * <p>A day's close is its last snapshot (the one that opens a judging day: on hand, on order,
 * expected delivery as they stood then) carrying the day's totals: {@code received} summed over the
 * day's snapshots ({@code null} when none said), {@code consumed} summed when every snapshot of the day
 * said it, {@code null} otherwise (use is then derived from on hand and received, spec section 2).
 * Compacting an already compacted history changes nothing, nor a history of one snapshot a day.
 */
public final class DailyCloses {

    private DailyCloses() {
    }

    /**
     * @param history snapshots of one series, oldest first
     * @param zone    the facility's zone, whose judging days are counted
     * @return one close per judging day ended within {@code history}, then the snapshots after the last
     * one (none when the last snapshot opens its judging day), oldest first
     */
    public static List<Snapshot> of(List<Snapshot> history, ZoneId zone) {
        return of(history, zone, null);
    }

    /**
     * As above, {@code previous} the instant of the series' snapshot just before {@code history}
     * ({@code null}: none known; the first snapshot then ends a day of its own).
     */
    public static List<Snapshot> of(List<Snapshot> history, ZoneId zone, Instant previous) {
        List<Snapshot> out = new ArrayList<>(Math.min(history.size(), 64));
        int end = closes(history, zone, previous, out);
        out.addAll(history.subList(end, history.size()));
        return out;
    }

    /** Only the closes of the days that ended within {@code history} ({@link #of(List, ZoneId, Instant)} without the snapshots after them). */
    public static List<Snapshot> closed(List<Snapshot> history, ZoneId zone, Instant previous) {
        List<Snapshot> out = new ArrayList<>(Math.min(history.size(), 64));
        closes(history, zone, previous, out);
        return out;
    }

    /** Adds the closes to {@code out}; returns the index of the first snapshot after the last one. */
    private static int closes(List<Snapshot> history, ZoneId zone, Instant previous, List<Snapshot> out) {
        int from = 0;
        Instant before = previous;
        for (int i = 0; i < history.size(); i++) {
            Instant at = history.get(i).timestamp();
            if (LevelMachine.opensDay(before, at, zone)) {
                out.add(close(history.subList(from, i + 1)));
                from = i + 1;
            }
            before = at;
        }
        return from;
    }

    /** The day's last snapshot with the day's totals received and consumed. */
    static Snapshot close(List<Snapshot> day) {
        Snapshot last = day.get(day.size() - 1);
        if (day.size() == 1) {
            return last;
        }
        Long received = null;
        Long consumed = 0L;
        for (Snapshot s : day) {
            if (s.received() != null) {
                received = (received == null ? 0 : received) + s.received();
            }
            consumed = consumed == null || s.consumed() == null ? null : consumed + s.consumed();
        }
        return new Snapshot(last.facilityId(), last.deviceId(), last.timestamp(), last.onHand(), consumed, received,
                last.onOrder(), last.expectedDelivery());
    }
}
