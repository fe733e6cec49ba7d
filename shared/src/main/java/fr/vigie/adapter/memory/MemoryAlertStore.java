package fr.vigie.adapter.memory;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.forecast.AlertState;
import fr.vigie.port.AlertStore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alert states and events in memory; in front of a durable store, a write-through cache for a
 * single writer (states are read once per series, every write still goes to the durable store).
 */
public final class MemoryAlertStore implements AlertStore {

    private final AlertStore durable;
    private final Map<SeriesKey, AlertState> states = new HashMap<>();
    private final Map<String, AlertEvent> pending = new LinkedHashMap<>();
    private final java.util.Set<String> recorded = new java.util.HashSet<>();

    public MemoryAlertStore() {
        this(null);
    }

    public MemoryAlertStore(AlertStore durable) {
        this.durable = durable;
    }

    @Override
    public AlertState state(SeriesKey series) {
        return states.computeIfAbsent(series, k -> durable == null ? AlertState.CALM : durable.state(k));
    }

    @Override
    public void saveState(SeriesKey series, AlertState state) {
        if (durable != null) {
            durable.saveState(series, state);
        }
        states.put(series, state);
    }

    @Override
    public boolean recordTransition(AlertEvent event, AlertState state) {
        boolean fresh = durable != null ? durable.recordTransition(event, state) : !recorded.contains(event.alertId());
        if (fresh) {
            recorded.add(event.alertId());
            pending.put(event.alertId(), event);
            states.put(event.series(), state);
        }
        return fresh;
    }

    @Override
    public List<AlertEvent> pending() {
        return durable != null ? durable.pending() : new ArrayList<>(pending.values());
    }

    @Override
    public void markPublished(AlertEvent event) {
        if (durable != null) {
            durable.markPublished(event);
        }
        pending.remove(event.alertId());
    }
}
