package fr.vigie.port;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.forecast.AlertState;

/**
 * The alert state of each facility/device and the log of alert events, written only on change.
 * Sending the events recorded here is the {@link AlertOutbox}'s business.
 */
public interface AlertStore {

    AlertState state(SeriesKey series);

    /** Saves a state that changed without an event (a level seen once, awaiting confirmation). */
    void saveState(SeriesKey series, AlertState state);

    /**
     * Records the event and the state it leads to together, the event pending in the outbox.
     * Returns false, writing nothing, when that event was recorded before (a retried delivery).
     */
    boolean recordTransition(AlertEvent event, AlertState state);
}
