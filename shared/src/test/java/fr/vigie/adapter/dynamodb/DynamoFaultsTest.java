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
        SnapshotIngestion ingestion = new SnapshotIngestion(DynamoSnapshotStore.soleWriter(client, table), 200).onFeedClock();
        var report = ingestion.ingest(rows(300), s -> { });
        ingestion.awaitWrites(); // its writes run on a background thread
        assertEquals(300, report.stored());
        assertEquals(300, storedCount());
        // 12 batches of 25 polls, and the items the 6 throttled calls handed back sent again in further calls
        assertTrue(faults.batchWrites() > 12, "the throttled items were sent again: " + faults.batchWrites());
    }

    /**
     * The sole writer writes on a background thread (issue 18): a write that fails there is not lost
     * with the thread, it fails the ingestion's next store or the wait for the writes, with the write's
     * own exception, and nothing is written after it.
     */
    @Test
    void aSoleWritersBackgroundWriteFailureSurfacesOnTheCallersThread() {
        SnapshotIngestion ingestion = new SnapshotIngestion(DynamoSnapshotStore.soleWriter(DynamoFaults.outageAfter(1).client(), table), 25)
                .onFeedClock();
        SdkClientException failure = assertThrows(SdkClientException.class, () -> {
            ingestion.ingest(rows(300), s -> { });
            ingestion.awaitWrites();
        });
        assertTrue(failure.getMessage().contains("connection to DynamoDB lost"), failure.getMessage());
        assertThrows(SdkClientException.class, ingestion::awaitWrites, "the failure stays until the run ends");
        int kept = storedCount();
        assertTrue(kept >= 1 && kept <= 25, "the first batch (at most 25 polls), nothing after the failed one: " + kept);
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
