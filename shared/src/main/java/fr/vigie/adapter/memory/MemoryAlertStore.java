package fr.vigie.adapter.memory;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.RollingCloses;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.forecast.AlertState;
import fr.vigie.port.AlertStore;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Alert states and events in memory, the events recorded pending in a {@link MemoryOutbox}; in front
 * of a durable store, a write-through cache for a single writer (states are read once per series,
 * every write of an alert still goes to the durable store, whose own outbox holds the pending events).
 */
public final class MemoryAlertStore implements AlertStore {

    private final AlertStore durable;
    /** The durable store held nothing when this cache began: there is nothing to read from it. */
    private final boolean durableEmpty;
    private final MemoryOutbox outbox;
    private final Map<SeriesKey, AlertState> states = new HashMap<>();
    private final Map<SeriesKey, RollingCloses> closes = new HashMap<>();
    private final Set<String> recorded = new HashSet<>();

    /** Standing alone: recorded events go pending into {@code outbox}. */
    public MemoryAlertStore(MemoryOutbox outbox) {
        this(null, outbox);
    }

    /** A cache in front of {@code durable}. */
    public MemoryAlertStore(AlertStore durable) {
        this(durable, null, false);
    }

    /**
     * A cache in front of {@code durable}, which held nothing when the run began (a new local database):
     * every state is read from memory, none from the durable store (issue 18: no read into an empty database).
     */
    public static MemoryAlertStore overEmpty(AlertStore durable) {
        return new MemoryAlertStore(durable, null, true);
    }

    private MemoryAlertStore(AlertStore durable, MemoryOutbox outbox) {
        this(durable, outbox, false);
    }

    private MemoryAlertStore(AlertStore durable, MemoryOutbox outbox, boolean durableEmpty) {
        this.durable = durable;
        this.outbox = outbox;
        this.durableEmpty = durableEmpty;
    }

    @Override
    public AlertState state(SeriesKey series) {
        return states.computeIfAbsent(series, k -> durable == null || durableEmpty ? AlertState.CALM : durable.state(k));
    }

    /**
     * In front of a durable store, the closes are read from it once and then kept in memory only: a
     * single writer's run closes every day of every series it evaluates, and a state the durable store
     * lacks (or holds from an earlier run) is rebuilt from the polls by the next run's first evaluation.
     */
    @Override
    public SeriesState series(SeriesKey series) {
        if (durable != null && !durableEmpty && !states.containsKey(series)) {
            SeriesState held = durable.series(series);
            states.put(series, held.alert());
            closes.put(series, held.closes());
        }
        return new SeriesState(state(series), closes.getOrDefault(series, RollingCloses.NONE));
    }

    @Override
    public void saveCloses(SeriesKey series, RollingCloses rolled) {
        closes.put(series, rolled);
    }

    @Override
    public void saveState(SeriesKey series, AlertState state) {
        if (durable != null) {
            durable.saveState(series, state);
        }
        states.put(series, state);
    }

    /**
     * An event this cache recorded is refused here, without asking the durable store (whose writes may run behind:
     * {@code WriteBehindClient}); another is recorded if the durable store records it too (it may hold it from an
     * earlier run).
     */
    @Override
    public boolean recordTransition(AlertEvent event, AlertState state) {
        // the event's key in the durable store: its series, instant and level
        boolean fresh = recorded.add(event.alertId() + "#" + event.level()) && (durable == null || durable.recordTransition(event, state));
        if (fresh) {
            if (outbox != null) {
                outbox.add(event);
            }
            states.put(event.series(), state);
        }
        return fresh;
    }
}
