package fr.vigie.adapter.memory;

import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.forecast.DisruptionState;
import fr.vigie.port.DisruptionStore;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Disruption states and events in memory, states versioned as the durable store versions them and
 * events recorded pending in a {@link MemoryOutbox}; in front of a durable store, a write-through
 * cache for a single writer.
 */
public final class MemoryDisruptionStore implements DisruptionStore {

    private final DisruptionStore durable;
    private final MemoryOutbox outbox;
    private final Map<String, Versioned> states = new HashMap<>();
    private final Set<String> reporters = new HashSet<>();
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
    public Versioned state(String deviceId) {
        return states.computeIfAbsent(deviceId, k -> durable == null ? new Versioned(DisruptionState.NONE, 0) : durable.state(k));
    }

    @Override
    public boolean saveState(String deviceId, long version, DisruptionState state) {
        if (state(deviceId).version() != version || durable != null && !durable.saveState(deviceId, version, state)) {
            states.remove(deviceId); // read again from the durable store
            return false;
        }
        states.put(deviceId, new Versioned(state, version + 1));
        return true;
    }

    @Override
    public boolean countReporter(String deviceId, String facilityId) {
        if (!reporters.add(deviceId + "#" + facilityId)) {
            return false;
        }
        if (durable != null) {
            durable.countReporter(deviceId, facilityId);
            states.remove(deviceId); // the durable count may have moved
        } else {
            Versioned v = state(deviceId);
            states.put(deviceId, new Versioned(v.state().withReportingCount(v.state().reportingCount() + 1), v.version()));
        }
        return true;
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
