package fr.vigie.domain.silence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The reporting rhythm of one series (a facility's device): the last snapshot seen and the usual
 * interval between snapshots, the median of the last {@value #KEPT} intervals (robust to one missed
 * day or one repeated poll). Until two intervals are known a sender is taken as daily, the most
 * common rhythm, which gives it the longer grace. Immutable; small enough to store as one item.
 *
 * @param lastSeen  timestamp of the latest snapshot seen
 * @param intervals the last intervals between snapshots, in seconds, oldest first
 */
public record ReportingRhythm(Instant lastSeen, List<Long> intervals) {

    static final int KEPT = 7;
    private static final Duration ASSUMED = Duration.ofDays(1);

    public ReportingRhythm {
        intervals = List.copyOf(intervals);
    }

    public static ReportingRhythm first(Instant at) {
        return new ReportingRhythm(at, List.of());
    }

    /** The rhythm after a snapshot at {@code at}; a repeated or older snapshot changes nothing. */
    public ReportingRhythm observe(Instant at) {
        if (!at.isAfter(lastSeen)) {
            return this;
        }
        List<Long> next = new ArrayList<>(intervals);
        next.add(Duration.between(lastSeen, at).toSeconds());
        if (next.size() > KEPT) {
            next.remove(0);
        }
        return new ReportingRhythm(at, next);
    }

    /** The usual interval between two snapshots of this series. */
    public Duration usual() {
        if (intervals.size() < 2) {
            return ASSUMED;
        }
        long[] sorted = intervals.stream().mapToLong(Long::longValue).sorted().toArray();
        return Duration.ofSeconds(sorted[sorted.length / 2]);
    }

    /** True when nothing came for longer than {@code policy} allows this rhythm, at {@code now}. */
    public boolean silentAt(Instant now, SilencePolicy policy) {
        return Duration.between(lastSeen, now).compareTo(policy.silentAfter(usual())) > 0;
    }
}
