package fr.vigie.port;

import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;

import java.time.Instant;
import java.util.List;

/** Where snapshots are kept for the season: each one once, whatever how often it is reported. */
public interface SnapshotStore {

    /**
     * Stores the snapshots of {@code batch} not stored before and returns them, in the batch's order;
     * a snapshot whose key (facility, device, timestamp) is already stored is skipped, the first one kept.
     */
    List<Snapshot> storeNew(List<Snapshot> batch);

    /** The series' snapshots from {@code days} days before {@code upTo} to {@code upTo} included, oldest first. */
    List<Snapshot> history(SeriesKey series, Instant upTo, int days);
}
