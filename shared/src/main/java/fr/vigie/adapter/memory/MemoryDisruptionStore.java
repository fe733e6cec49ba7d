package fr.vigie.adapter.memory;

import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.forecast.DisruptionState;
import fr.vigie.port.DisruptionStore;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Disruption states in memory; in front of a durable store, a write-through cache for a single writer. */
public final class MemoryDisruptionStore implements DisruptionStore {

    private final DisruptionStore durable;
    private final Map<String, DisruptionState> states = new HashMap<>();
    private final Set<String> events = new HashSet<>();

    public MemoryDisruptionStore() {
        this(null);
    }

    public MemoryDisruptionStore(DisruptionStore durable) {
        this.durable = durable;
    }

    @Override
    public DisruptionState state(String deviceId) {
        return states.computeIfAbsent(deviceId, k -> durable == null ? DisruptionState.NONE : durable.state(k));
    }

    @Override
    public void saveState(String deviceId, DisruptionState state) {
        if (durable != null) {
            durable.saveState(deviceId, state);
        }
        states.put(deviceId, state);
    }

    @Override
    public boolean recordEvent(SupplyDisruptionEvent event) {
        String id = event.disruptionId() + "#" + event.status() + "#" + event.at();
        boolean fresh = durable != null ? durable.recordEvent(event) : !events.contains(id);
        events.add(id);
        return fresh;
    }
}
