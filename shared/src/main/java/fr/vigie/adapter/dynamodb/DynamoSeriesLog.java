package fr.vigie.adapter.dynamodb;

import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.port.SeriesLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's reads of the snapshots table: a series over a range ({@code Query pk, sk BETWEEN})
 * and its last snapshot ({@code Query pk}, newest first, limit 1). Never a scan.
 */
public final class DynamoSeriesLog implements SeriesLog {

    private final DynamoDbClient client;
    private final String table;
    private final DynamoSnapshotStore snapshots;

    public DynamoSeriesLog(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
        this.snapshots = new DynamoSnapshotStore(client, table);
    }

    @Override
    public List<Snapshot> snapshots(SeriesKey series, Instant from, Instant to) {
        List<Snapshot> out = new ArrayList<>();
        snapshots.between(series, from, to, out::add);
        return out;
    }

    @Override
    public Optional<Snapshot> latest(SeriesKey series) {
        return client.query(b -> b.tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :s)")
                        .expressionAttributeValues(Map.of(":pk", Items.s(Keys.series(series.facilityId(), series.deviceId())),
                                ":s", Items.s(Keys.SNAPSHOT)))
                        .scanIndexForward(false).limit(1))
                .items().stream().findFirst().map(DynamoSnapshotStore::fromItem);
    }
}
