package fr.vigie.adapter.memory;

import fr.vigie.domain.WatchlistEntry;
import fr.vigie.port.Watchlist;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A watch-list held in memory: a file given to {@code ./vigie replay}, or the table read once per container. */
public final class MemoryWatchlist implements Watchlist {

    private final Map<String, WatchlistEntry> entries = new LinkedHashMap<>();

    private MemoryWatchlist(List<WatchlistEntry> list) {
        list.forEach(e -> entries.put(e.deviceId(), e));
    }

    public static MemoryWatchlist of(List<WatchlistEntry> list) {
        return new MemoryWatchlist(list);
    }

    @Override
    public Optional<WatchlistEntry> entry(String deviceId) {
        return Optional.ofNullable(entries.get(deviceId));
    }

    @Override
    public Collection<WatchlistEntry> entries() {
        return List.copyOf(entries.values());
    }
}
