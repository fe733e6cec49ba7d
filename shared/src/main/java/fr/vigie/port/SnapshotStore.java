package fr.vigie.port;

import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.SnapshotConflict;

import java.time.Instant;
import java.util.List;

/** Where snapshots are kept for the season: each one once, whatever how often it is reported. */
public interface SnapshotStore {

    /**
     * What one {@link #store} did: the snapshots stored by this call (in the batch's order) and the
     * ones refused because their key already holds another value. The rest were duplicates: the same
     * key with the same value, already stored.
     */
    record Outcome(List<Snapshot> stored, List<SnapshotConflict> conflicts) {
        public Outcome {
            stored = List.copyOf(stored);
            conflicts = List.copyOf(conflicts);
        }
    }

    /**
     * Stores the snapshots of {@code batch} whose key (facility, device, timestamp) holds nothing yet,
     * each one once even against concurrent writers (store-once is a conditional write); a stored
     * value is never overwritten. A key already holding another value is a conflict, the same value a
     * duplicate. Within the batch the first of a key counts as offered first.
     */
    Outcome store(List<Snapshot> batch);

    /**
     * Returns once every snapshot this store answered as stored is written: a store that writes in the
     * background ({@code ./vigie}'s sole writer) waits for its writes; the others write before they answer.
     *
     * @throws RuntimeException the failure of a background write, as the write threw it
     */
    default void awaitWrites() {
        // written before store() answered
    }

    /** {@link #store}'s stored snapshots only. */
    default List<Snapshot> storeNew(List<Snapshot> batch) {
        return store(batch).stored();
    }

    /** The series' snapshots from {@code days} days before {@code upTo} to {@code upTo} included, oldest first. */
    List<Snapshot> history(SeriesKey series, Instant upTo, int days);

    /**
     * Every device's snapshots of one facility from {@code from} to {@code to} (both included), oldest
     * first, the devices of one timestamp in the order they were stored: the polls or reports of a day
     * in one read, where the evaluation takes today's readings from.
     */
    List<Snapshot> readings(String facilityId, Instant from, Instant to);
}
