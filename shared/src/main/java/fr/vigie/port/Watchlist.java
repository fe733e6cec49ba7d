package fr.vigie.port;

import fr.vigie.domain.WatchlistEntry;

import java.util.Collection;
import java.util.Optional;

/** The operators' current watch-list, read by ingestion and evaluation. */
public interface Watchlist {

    Optional<WatchlistEntry> entry(String deviceId);

    Collection<WatchlistEntry> entries();

    /** True when reports of this device are accepted (the device is on the list, active or not). */
    default boolean knows(String deviceId) {
        return entry(deviceId).isPresent();
    }
}
