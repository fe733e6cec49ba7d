package fr.vigie.adapter.dynamodb;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.Facility;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.StaleDataEvent;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.retex.DeviceHistory;
import fr.vigie.port.SeasonArchive;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.ArrayList;
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

    private final DynamoReportingLog reporting;

    public DynamoSeasonArchive(DynamoDbClient client, Tables.Names names) {
        this.client = client;
        this.registry = names.registry();
        this.snapshots = new DynamoSnapshotStore(client, names.snapshots());
        this.alerts = new DynamoAlertStore(client, names.alerts());
        this.disruptions = new DynamoDisruptionStore(client, names.alerts());
        this.reporting = new DynamoReportingLog(client, names.alerts());
    }

    @Override
    public List<Facility> facilities() {
        return List.copyOf(new DynamoFacilityDirectory(client, registry).facilities());
    }

    /**
     * Each entry of the registry with the versions of its audit trail ({@code AUDIT#DEV#id}, each
     * in force from its {@code at}); an entry written before versions were audited is in force since ever.
     */
    @Override
    public List<DeviceHistory> watchlist() {
        DynamoRegistryEditor editor = new DynamoRegistryEditor(client, registry);
        List<DeviceHistory> out = new ArrayList<>();
        for (WatchlistEntry current : DynamoWatchlist.load(client, registry).entries()) {
            List<DeviceHistory.Version> versions = new ArrayList<>();
            for (DynamoRegistryEditor.Change c : editor.entryHistory(current.deviceId())) {
                DynamoWatchlist.fromJson(c.after(), "AUDIT#DEV#" + current.deviceId() + " v" + c.version())
                        .ifPresent(e -> versions.add(new DeviceHistory.Version(Instant.parse(c.at()), e)));
            }
            out.add(versions.isEmpty() ? DeviceHistory.of(current) : new DeviceHistory(current.deviceId(), versions));
        }
        return out;
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

    @Override
    public List<StaleDataEvent> staleDataEvents(String facilityId, Instant from, Instant to) {
        return reporting.events(facilityId).stream().filter(e -> !e.at().isBefore(from) && !e.at().isAfter(to)).toList();
    }
}
