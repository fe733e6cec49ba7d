package fr.vigie.port;

import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.forecast.DisruptionState;

/**
 * The national shortage detector's state per device and the disruption events announced. Every
 * facility's evaluation of a device updates one state: each update is conditional on the version
 * read (optimistic locking), so concurrent evaluations never lose each other's signals.
 */
public interface DisruptionStore {

    /** A state as read, with the version to quote when replacing it (0: never saved). */
    record Versioned(DisruptionState state, long version) {
    }

    /** The device's state (its reporting count included) and version. */
    Versioned state(String deviceId);

    /**
     * Replaces the device's state if its version is still {@code version}.
     *
     * @return false, and nothing written, when another evaluation saved it first: read it again
     */
    boolean saveState(String deviceId, long version, DisruptionState state);

    /**
     * Counts {@code facilityId} among the facilities reporting the device, once whatever how often
     * it is called (a count, not a list of ids, goes into the state).
     *
     * @return false when this store knew the facility counted already (the count did not move), true otherwise
     */
    boolean countReporter(String deviceId, String facilityId);

    /** Records an announced event, pending in the outbox; false, writing nothing, when it was recorded before. */
    boolean recordEvent(SupplyDisruptionEvent event);
}
