package fr.vigie.fn.report;

import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.SeasonWindow;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.MonthDay;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The watch-list the report samples refer to, and a look at what the snapshots table holds. */
final class ReportFixtures {

    /** When the fixtures' reports (2025-11-02) are received: their time range is checked against it, not today. */
    static final java.time.Clock RECEIVED = java.time.Clock.fixed(java.time.Instant.parse("2025-11-02T06:00:00Z"), java.time.ZoneOffset.UTC);

    private ReportFixtures() {
    }

    static void watchlist(DynamoDbClient dynamo, String registry) {
        for (String device : List.of("HFNC-PED", "NEB-MASK-PED", "SUCTION-CATH")) {
            DynamoWatchlist.put(dynamo, registry, new WatchlistEntry(device, "Dispositif " + device, Set.of(Epidemic.BRONCHIOLITIS),
                    "piece", null, List.of(), new SeasonWindow(MonthDay.of(10, 1), MonthDay.of(3, 31)), new Thresholds(21, 10), true));
        }
    }

    /** The facility's poll items, as the table holds them. */
    static List<Map<String, AttributeValue>> pollsOf(DynamoDbClient dynamo, String table, String facilityId) {
        return dynamo.scanPaginator(b -> b.tableName(table)).items().stream()
                .filter(i -> ("FAC#" + facilityId).equals(i.get("pk").s())).toList();
    }

    /** The facility's snapshots, read from its poll items. */
    static List<Snapshot> snapshotsOf(DynamoDbClient dynamo, String table, String facilityId) {
        return pollsOf(dynamo, table, facilityId).stream().flatMap(i -> DynamoSnapshotStore.readings(i).stream()).toList();
    }
}
