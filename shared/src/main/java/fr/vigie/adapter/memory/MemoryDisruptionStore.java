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
    /** The durable store held nothing when this cache began: every state is this cache's, none is read from it. */
    private final boolean durableEmpty;
    private final MemoryOutbox outbox;
    private final Map<String, Versioned> states = new HashMap<>();
    private final Set<String> reporters = new HashSet<>();
    private final Set<String> events = new HashSet<>();

    /** Standing alone: recorded events go pending into {@code outbox}. */
    public MemoryDisruptionStore(MemoryOutbox outbox) {
        this(null, outbox, false);
    }

    /** A cache in front of {@code durable}. */
    public MemoryDisruptionStore(DisruptionStore durable) {
        this(durable, null, false);
    }

    /**
     * A cache in front of {@code durable}, which held nothing when the run began (a new local database): states and
     * reporting counts are kept here, never read from the durable store, which receives every write (issue 18: no
     * read into an empty database, and none to wait for when its writes run behind).
     */
    public static MemoryDisruptionStore overEmpty(DisruptionStore durable) {
        return new MemoryDisruptionStore(durable, null, true);
    }

    private MemoryDisruptionStore(DisruptionStore durable, MemoryOutbox outbox, boolean durableEmpty) {
        this.durable = durable;
        this.outbox = outbox;
        this.durableEmpty = durableEmpty;
    }

    @Override
    public Versioned state(String deviceId) {
        return states.computeIfAbsent(deviceId, k -> readsDurable() ? durable.state(k) : new Versioned(DisruptionState.NONE, 0));
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
        }
        if (readsDurable()) {
            states.remove(deviceId); // the durable count may have moved
        } else {
            Versioned v = state(deviceId);
            states.put(deviceId, new Versioned(v.state().withReportingCount(v.state().reportingCount() + 1), v.version()));
        }
        return true;
    }

    /** Whether states are read from the durable store (there is one, and it held something when this cache began). */
    private boolean readsDurable() {
        return durable != null && !durableEmpty;
    }

    /** An event this cache recorded is refused here, without asking the durable store (whose writes may run behind). */
    @Override
    public boolean recordEvent(SupplyDisruptionEvent event) {
        String id = event.disruptionId() + "#" + event.status() + "#" + event.at(); // the event's key in the durable store
        boolean fresh = events.add(id) && (durable == null || durable.recordEvent(event));
        if (fresh && outbox != null) {
            outbox.add(event);
        }
        return fresh;
    }
}
