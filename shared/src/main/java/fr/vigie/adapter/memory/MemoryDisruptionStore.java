package fr.vigie.adapter.memory;

import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.forecast.DisruptionState;
import fr.vigie.port.DisruptionStore;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Disruption states and events in memory, the events recorded pending in a {@link MemoryOutbox}; in
 * front of a durable store, a write-through cache for a single writer.
 */
public final class MemoryDisruptionStore implements DisruptionStore {

    private final DisruptionStore durable;
    private final MemoryOutbox outbox;
    private final Map<String, DisruptionState> states = new HashMap<>();
    private final Set<String> events = new HashSet<>();

    /** Standing alone: recorded events go pending into {@code outbox}. */
    public MemoryDisruptionStore(MemoryOutbox outbox) {
        this(null, outbox);
    }

    /** A cache in front of {@code durable}. */
    public MemoryDisruptionStore(DisruptionStore durable) {
        this(durable, null);
    }

    private MemoryDisruptionStore(DisruptionStore durable, MemoryOutbox outbox) {
        this.durable = durable;
        this.outbox = outbox;
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
        boolean fresh = durable != null ? durable.recordEvent(event) : events.add(id);
        if (fresh && outbox != null) {
            outbox.add(event);
        }
        return fresh;
    }
}
