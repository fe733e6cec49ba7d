package fr.vigie.domain.forecast;

import fr.vigie.domain.Snapshot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The use between consecutive snapshots of one series. Where {@code consumed} is empty, or more than the
 * previous on hand and the received (when given) could supply (an impossible use: a typo), use is what
 * left the shelf: previous on hand + received - on hand, unless a count corrected the stock (field
 * case {@code inventory-correction}, issue 16), in which case the interval used what the series
 * usually uses (the mean of its trailing week): when the shelf grew by more than was received (an
 * upward correction is not negative use, nor a day without use), or when, nothing received, it lost
 * more than {@link #WRITE_OFF_DAYS} usual days beyond the interval's own (a write-off: the shelf did
 * lose it, patients did not use it).
 */
public final class DailyUse {

    /** A drop more than this many usual days of use beyond the interval's own is a write-off. */
    static final double WRITE_OFF_DAYS = 2;
    /** The usual use: the mean over the trailing week of intervals. */
    private static final double USUAL_WINDOW_DAYS = 7;
    private static final double MINUTES_PER_DAY = 1440.0;

    /**
     * Use over the interval from {@code start} to {@code end}: {@code units} used over {@code days}
     * days (fractional, at least one hour).
     */
    public record Interval(Snapshot start, Snapshot end, double days, double units) {
    }

    private DailyUse() {
    }

    /** Intervals between consecutive snapshots of {@code history} (oldest first). */
    public static List<Interval> intervals(List<Snapshot> history) {
        List<Interval> out = new ArrayList<>(Math.max(0, history.size() - 1));
        Window usual = new Window(out, USUAL_WINDOW_DAYS);
        for (int i = 1; i < history.size(); i++) {
            Snapshot prev = history.get(i - 1);
            Snapshot cur = history.get(i);
            double days = Math.max(Duration.between(prev.timestamp(), cur.timestamp()).toMinutes() / MINUTES_PER_DAY, 1.0 / 24);
            out.add(new Interval(prev, cur, days, used(prev, cur, days, usual.rate())));
            usual.advance();
        }
        return out;
    }

    private static double used(Snapshot prev, Snapshot cur, double days, double usualRate) {
        // a consumed above what the shelf held plus what came in cannot have been used (a typo such as 4000 for 40):
        // the shelf tells the interval's use instead, by the rules below, rather than a use that raises a false alert.
        // Without received (optional) a delivery may have come unreported: the consumed is then the only measure
        if (cur.consumed() != null && (cur.received() == null || cur.consumed() <= prev.onHand() + cur.received())) {
            return cur.consumed();
        }
        double left = prev.onHand() + cur.receivedOrZero() - cur.onHand();
        boolean writeOff = cur.receivedOrZero() == 0 && usualRate > 0
                && left - usualRate * days > WRITE_OFF_DAYS * usualRate;
        return left < 0 || writeOff ? usualRate * days : left;
    }

    /**
     * Mean use per day over the last intervals of a growing list, as many as it takes to cover
     * {@code span} days: a sliding sum, so that an hourly history costs no more than a daily one.
     */
    static final class Window {
        private final List<Interval> intervals;
        private final double span;
        private int from;
        private int to;
        private double days;
        private double units;

        Window(List<Interval> intervals, double span) {
            this.intervals = intervals;
            this.span = span;
        }

        /** Takes in the intervals added since, and lets go of the oldest ones not needed to cover the span. */
        void advance() {
            for (; to < intervals.size(); to++) {
                days += intervals.get(to).days();
                units += intervals.get(to).units();
            }
            while (from < to - 1 && days - intervals.get(from).days() >= span) {
                days -= intervals.get(from).days();
                units -= intervals.get(from).units();
                from++;
            }
        }

        /** Use per day over the window, 0 until a whole day is covered. */
        double rate() {
            return days >= 1 ? units / days : 0;
        }
    }
}
