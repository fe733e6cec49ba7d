package fr.vigie.adapter.dynamodb;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.Facility;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.port.SeasonArchive;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The season as the RETEX reads it from the three tables: series enumerated from the registry,
 * then each series' snapshots and alert events by {@code Query pk, sk BETWEEN} — never a scan.
 */
public final class DynamoSeasonArchive implements SeasonArchive {

    /** Sorts after every level name, so that an event at the bound's very millisecond is included. */
    private static final String AFTER_LEVEL = "#~";

    private final DynamoDbClient client;
    private final String registry;
    private final DynamoSnapshotStore snapshots;
    private final DynamoAlertStore alerts;
    private final DynamoDisruptionStore disruptions;

    public DynamoSeasonArchive(DynamoDbClient client, Tables.Names names) {
        this.client = client;
        this.registry = names.registry();
        this.snapshots = new DynamoSnapshotStore(client, names.snapshots());
        this.alerts = new DynamoAlertStore(client, names.alerts());
        this.disruptions = new DynamoDisruptionStore(client, names.alerts());
    }

    @Override
    public List<Facility> facilities() {
        return List.copyOf(new DynamoFacilityDirectory(client, registry).facilities());
    }

    @Override
    public List<WatchlistEntry> devices() {
        return List.copyOf(DynamoWatchlist.load(client, registry).entries());
    }

    @Override
    public void snapshots(SeriesKey series, Instant from, Instant to, Consumer<Snapshot> sink) {
        snapshots.between(series, from, to, sink);
    }

    @Override
    public List<AlertEvent> alertEvents(SeriesKey series, Instant from, Instant to) {
        return alerts.events(series, Keys.time(from), Keys.time(to) + AFTER_LEVEL);
    }

    @Override
    public List<SupplyDisruptionEvent> disruptionEvents(String deviceId, Instant from, Instant to) {
        return disruptions.events(deviceId, from, to);
    }
}
