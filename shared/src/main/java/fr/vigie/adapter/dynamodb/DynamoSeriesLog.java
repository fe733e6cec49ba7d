package fr.vigie.adapter.dynamodb;

import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.port.SeriesLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The console's reads of the snapshots table ({@link DynamoSnapshotStore}'s poll items): a series over
 * a range ({@code Query pk, sk BETWEEN}, the device's field of each poll) and its last snapshot
 * ({@code Query pk}, newest first, until a poll holds the device). Never a scan.
 */
public final class DynamoSeriesLog implements SeriesLog {

    private final DynamoSnapshotStore snapshots;

    public DynamoSeriesLog(DynamoDbClient client, String table) {
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
        return snapshots.latest(series);
    }
}
