package fr.vigie.port;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.RollingCloses;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.forecast.AlertState;

/**
 * The alert state of each facility/device and the log of alert events, written only on change.
 * Sending the events recorded here is the {@link AlertOutbox}'s business.
 */
public interface AlertStore {

    /** What an evaluation reads of a series, in one read: its alert state and its rolling daily closes. */
    record SeriesState(AlertState alert, RollingCloses closes) {
    }

    AlertState state(SeriesKey series);

    /** The series' alert state and rolling closes ({@link AlertState#CALM} and {@link RollingCloses#NONE} at first). */
    SeriesState series(SeriesKey series);

    /** Saves the series' rolling closes, its alert state untouched (once a day: when a day is closed). */
    void saveCloses(SeriesKey series, RollingCloses closes);

    /** Saves a state that changed without an event (a level seen once, awaiting confirmation). */
    void saveState(SeriesKey series, AlertState state);

    /**
     * Records the event and the state it leads to together, the event pending in the outbox.
     * Returns false, writing nothing, when that event was recorded before (a retried delivery).
     */
    boolean recordTransition(AlertEvent event, AlertState state);
}
