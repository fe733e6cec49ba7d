package fr.vigie.adapter.dynamodb;

import fr.vigie.app.SnapshotIngestion;
import fr.vigie.domain.FeedRow;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.testkit.DynamoDbLocalServer;
import fr.vigie.testkit.DynamoFaults;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DynamoDB throttling and outages on the real engine: nothing dropped, nothing stored twice. */
class DynamoFaultsTest {

    static final Instant T0 = Instant.parse("2025-10-01T05:00:00Z");
    String table;

    @BeforeEach
    void table() {
        table = "faults-" + UUID.randomUUID().toString().substring(0, 8);
        Tables.createMissing(DynamoDbLocalServer.get().client(), new Tables.Names(table, table + "-a", table + "-r"));
    }

    static List<FeedRow> rows(int n) {
        List<FeedRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new FeedRow.Accepted(i + 2, new Snapshot("CH-" + (i % 5), "FFP2", T0.plus(Duration.ofHours(i)), 100 + i, 3L, 0L, 0L, null)));
        }
        return rows;
    }

    int storedCount() {
        DynamoSnapshotStore store = new DynamoSnapshotStore(DynamoDbLocalServer.get().client(), table);
        int n = 0;
        for (int f = 0; f < 5; f++) {
            n += store.history(new SeriesKey("CH-" + f, "FFP2"), T0.plus(Duration.ofDays(400)), 800).size();
        }
        return n;
    }

    @Test
    void throttledBatchesAreRetriedUntilEveryItemIsStored() {
        DynamoFaults faults = DynamoFaults.throttling(6);
        DynamoDbClient client = faults.client();
        // the sole writer's batches (a local database): every row its own poll, 25 polls a BatchWriteItem
        var report = new SnapshotIngestion(DynamoSnapshotStore.soleWriter(client, table), 200).onFeedClock().ingest(rows(300), s -> { });
        assertEquals(300, report.stored());
        assertEquals(300, storedCount());
        // 12 batches of 25 polls, and the items the 6 throttled calls handed back sent again in further calls
        assertTrue(faults.batchWrites() > 12, "the throttled items were sent again: " + faults.batchWrites());
    }

    @Test
    void anOutageMidFileFailsLoudlyAndTheRetryStoresOnlyWhatWasMissing() {
        List<FeedRow> file = rows(300);
        DynamoFaults outage = DynamoFaults.outageAfter(1);
        assertThrows(SdkClientException.class, () ->
                new SnapshotIngestion(new DynamoSnapshotStore(outage.client(), table), 100).onFeedClock().ingest(file, s -> { }));
        int before = storedCount();
        assertTrue(before > 0 && before < 300, "the crash came half-way: " + before);

        List<Snapshot> storedByRetry = new ArrayList<>();
        var retry = new SnapshotIngestion(new DynamoSnapshotStore(DynamoDbLocalServer.get().client(), table), 100).onFeedClock()
                .ingest(file, storedByRetry::add);
        assertEquals(300 - before, retry.stored());
        assertEquals(before, retry.duplicates());
        assertEquals(300, storedCount());
        assertEquals(300 - before, storedByRetry.size(), "only the missing snapshots go on to evaluation");
    }
}
