package fr.vigie.fn.evaluator;

import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.port.Watchlist;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Collection;
import java.util.Optional;

/**
 * The watch-list as of the current batch: one object for the container's collaborators, read again
 * (one Query) at the start of each batch, so that an operator's change counts from the next batch.
 */
final class BatchWatchlist implements Watchlist {

    private final DynamoDbClient dynamo;
    private final String registryTable;
    private volatile Watchlist current;

    BatchWatchlist(DynamoDbClient dynamo, String registryTable) {
        this.dynamo = dynamo;
        this.registryTable = registryTable;
    }

    void reload() {
        current = DynamoWatchlist.load(dynamo, registryTable);
    }

    @Override
    public Optional<WatchlistEntry> entry(String deviceId) {
        return current.entry(deviceId);
    }

    @Override
    public Collection<WatchlistEntry> entries() {
        return current.entries();
    }
}
