package fr.vigie.adapter.memory;

import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.SnapshotConflict;
import fr.vigie.port.SnapshotStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Snapshots in memory: alone, a store for backtests and unit tests; in front of a durable store, a
 * write-through cache for a single writer ({@code ./vigie replay}), which loads a series once from
 * the durable store and then answers every history read without a round trip.
 */
public final class MemorySnapshotStore implements SnapshotStore {

    /** Far enough back to load a whole season of a series on first touch. */
    private static final int LOAD_DAYS = 400;

    private final SnapshotStore durable;
    private final Map<SeriesKey, NavigableMap<Instant, Snapshot>> series = new HashMap<>();

    public MemorySnapshotStore() {
        this(null);
    }

    /** @param durable the store written through and read on a series' first touch, or null */
    public MemorySnapshotStore(SnapshotStore durable) {
        this.durable = durable;
    }

    @Override
    public Outcome store(List<Snapshot> batch) {
        if (durable != null) {
            Outcome outcome = durable.store(batch);
            for (Snapshot s : outcome.stored()) {
                NavigableMap<Instant, Snapshot> known = series.get(s.series());
                if (known != null) { // a series not loaded yet will read it from the durable store
                    known.put(s.timestamp(), s);
                }
            }
            return outcome;
        }
        List<Snapshot> stored = new ArrayList<>();
        List<SnapshotConflict> conflicts = new ArrayList<>();
        for (Snapshot s : batch) {
            Snapshot before = loaded(s.series()).putIfAbsent(s.timestamp(), s);
            if (before == null) {
                stored.add(s);
            } else {
                Optional.ofNullable(SnapshotConflict.between(before, s)).ifPresent(conflicts::add);
            }
        }
        return new Outcome(stored, conflicts);
    }

    @Override
    public List<Snapshot> history(SeriesKey key, Instant upTo, int days) {
        return new ArrayList<>(loaded(key).subMap(upTo.minus(Duration.ofDays(days)), true, upTo, true).values());
    }

    private NavigableMap<Instant, Snapshot> loaded(SeriesKey key) {
        return series.computeIfAbsent(key, k -> {
            NavigableMap<Instant, Snapshot> map = new TreeMap<>();
            if (durable != null) {
                for (Snapshot s : durable.history(k, Instant.now().plus(Duration.ofDays(LOAD_DAYS * 10L)), LOAD_DAYS * 20)) {
                    map.put(s.timestamp(), s);
                }
            }
            return map;
        });
    }
}
