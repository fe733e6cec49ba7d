package fr.vigie.port;

import fr.vigie.domain.StaleDataEvent;
import fr.vigie.domain.silence.FacilityReporting;

import java.util.List;

/**
 * Each facility's reporting state ({@link FacilityReporting}: its devices' rhythms, what is announced
 * silent) and the STALE_DATA events it raised, pending in the outbox until sent (issue 22). A state
 * is replaced only under the version it was read at, in one write with the events it leads to, so
 * that of two runs (a retried scheduled check, two stream batches) only one records a silence.
 */
public interface ReportingLog {

    /** A state and the version it was read at (0: none stored yet). */
    record Versioned(FacilityReporting state, long version) {
    }

    /** The facility's state, {@link FacilityReporting#none} at version 0 when none is stored. */
    Versioned read(String facilityId);

    /**
     * Stores {@code next} and records {@code events} pending, all or nothing, if the state is still at
     * {@code read.version()}. False when another run changed it since (read again and redo).
     */
    boolean record(Versioned read, FacilityReporting next, List<StaleDataEvent> events);

    /** The facility's STALE_DATA events, oldest first (the RETEX's gaps). */
    List<StaleDataEvent> events(String facilityId);
}
