package fr.vigie.adapter.memory;

import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.SnapshotConflict;
import fr.vigie.port.SnapshotStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Snapshots in memory, by facility and instant as the snapshots table keeps them (one poll, its
 * devices' readings): alone, a store for backtests and unit tests; in front of a durable store, a
 * write-through cache for a single writer ({@code ./vigie replay}), which loads a facility once from
 * the durable store and then answers every read without a round trip.
 */
public final class MemorySnapshotStore implements SnapshotStore {

    /** Far enough back to load a whole season of a facility on first touch. */
    private static final int LOAD_DAYS = 400;

    private final SnapshotStore durable;
    private final Map<String, NavigableMap<Instant, Map<String, Snapshot>>> facilities = new HashMap<>();

    public MemorySnapshotStore() {
        this(null);
    }

    /** @param durable the store written through and read on a facility's first touch, or null */
    public MemorySnapshotStore(SnapshotStore durable) {
        this.durable = durable;
    }

    @Override
    public Outcome store(List<Snapshot> batch) {
        if (durable != null) {
            // each facility is loaded before its first write: the durable store may still be writing the batch when it is read
            batch.forEach(s -> loaded(s.facilityId()));
            Outcome outcome = durable.store(batch);
            for (Snapshot s : outcome.stored()) {
                poll(facilities.get(s.facilityId()), s.timestamp()).put(s.deviceId(), s);
            }
            return outcome;
        }
        List<Snapshot> stored = new ArrayList<>();
        List<SnapshotConflict> conflicts = new ArrayList<>();
        for (Snapshot s : batch) {
            Snapshot before = poll(loaded(s.facilityId()), s.timestamp()).putIfAbsent(s.deviceId(), s);
            if (before == null) {
                stored.add(s);
            } else {
                Optional.ofNullable(SnapshotConflict.between(before, s)).ifPresent(conflicts::add);
            }
        }
        return new Outcome(stored, conflicts);
    }

    @Override
    public void awaitWrites() {
        if (durable != null) {
            durable.awaitWrites();
        }
    }

    @Override
    public List<Snapshot> history(SeriesKey key, Instant upTo, int days) {
        List<Snapshot> out = new ArrayList<>();
        for (Map<String, Snapshot> poll : loaded(key.facilityId()).subMap(upTo.minus(Duration.ofDays(days)), true, upTo, true).values()) {
            Optional.ofNullable(poll.get(key.deviceId())).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public List<Snapshot> readings(String facilityId, Instant from, Instant to) {
        List<Snapshot> out = new ArrayList<>();
        loaded(facilityId).subMap(from, true, to, true).values().forEach(poll -> out.addAll(poll.values()));
        return out;
    }

    private static Map<String, Snapshot> poll(NavigableMap<Instant, Map<String, Snapshot>> facility, Instant at) {
        return facility.computeIfAbsent(at, t -> new LinkedHashMap<>());
    }

    private NavigableMap<Instant, Map<String, Snapshot>> loaded(String facilityId) {
        return facilities.computeIfAbsent(facilityId, k -> {
            NavigableMap<Instant, Map<String, Snapshot>> map = new TreeMap<>();
            if (durable != null) {
                Instant far = Instant.now().plus(Duration.ofDays(LOAD_DAYS * 10L));
                for (Snapshot s : durable.readings(k, far.minus(Duration.ofDays(LOAD_DAYS * 20L)), far)) {
                    poll(map, s.timestamp()).put(s.deviceId(), s);
                }
            }
            return map;
        });
    }
}
