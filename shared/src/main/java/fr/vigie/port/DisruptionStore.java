package fr.vigie.port;

import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.forecast.DisruptionState;

/** The national shortage detector's state per device and the disruption events announced. */
public interface DisruptionStore {

    DisruptionState state(String deviceId);

    void saveState(String deviceId, DisruptionState state);

    /** Records an announced event, pending in the outbox; false, writing nothing, when it was recorded before. */
    boolean recordEvent(SupplyDisruptionEvent event);
}
