package fr.vigie.fn.report;

import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.SeasonWindow;
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

    static List<Map<String, AttributeValue>> snapshotsOf(DynamoDbClient dynamo, String table, String facilityId) {
        return dynamo.scanPaginator(b -> b.tableName(table)).items().stream()
                .filter(i -> facilityId.equals(i.get("facilityId").s())).toList();
    }
}
