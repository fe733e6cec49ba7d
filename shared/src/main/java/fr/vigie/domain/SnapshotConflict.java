package fr.vigie.domain;

import java.util.Objects;

/**
 * Two different values reported for one snapshot key (facility, device, timestamp): the one
 * stored first stays, the other is refused, never silently dropped or written over it.
 * Issue 17, "two writers, two values, one key".
 */
public record SnapshotConflict(Snapshot stored, Snapshot offered) {

    /** Stable English code in results and logs. */
    public static final String CODE = "CONFLICT";

    public SnapshotConflict {
        Objects.requireNonNull(stored, "stored");
        Objects.requireNonNull(offered, "offered");
        if (!stored.key().equals(offered.key())) {
            throw new IllegalArgumentException("a conflict is about one key: " + stored.key() + " vs " + offered.key());
        }
    }

    /** The same key with another value is a conflict; the same value again is a duplicate (null). */
    public static SnapshotConflict between(Snapshot stored, Snapshot offered) {
        return stored.equals(offered) ? null : new SnapshotConflict(stored, offered);
    }
}
