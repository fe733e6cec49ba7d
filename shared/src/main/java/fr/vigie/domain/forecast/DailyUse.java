package fr.vigie.domain.forecast;

import fr.vigie.domain.Snapshot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The use between consecutive snapshots of one series, as a rate per day. Where {@code consumed}
 * is empty, use is what left the shelf: previous on hand + received - on hand (never negative, so
 * an upward inventory correction is not read as negative use). A gap of several days spreads the
 * interval's use over its days.
 */
public final class DailyUse {

    /** Use over the interval from {@code start} to {@code end}, in units per day over {@code days} days. */
    public record Interval(Snapshot start, Snapshot end, double days, double units) {
    }

    private DailyUse() {
    }

    /** Intervals between consecutive snapshots of {@code history} (oldest first). */
    public static List<Interval> intervals(List<Snapshot> history) {
        List<Interval> out = new ArrayList<>(Math.max(0, history.size() - 1));
        for (int i = 1; i < history.size(); i++) {
            Snapshot prev = history.get(i - 1);
            Snapshot cur = history.get(i);
            double days = Math.max(Duration.between(prev.timestamp(), cur.timestamp()).toMinutes() / 1440.0, 1.0 / 24);
            out.add(new Interval(prev, cur, days, used(prev, cur)));
        }
        return out;
    }

    static double used(Snapshot prev, Snapshot cur) {
        if (cur.consumed() != null) {
            return cur.consumed();
        }
        return Math.max(0, prev.onHand() + cur.receivedOrZero() - cur.onHand());
    }
}
