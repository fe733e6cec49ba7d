package fr.vigie.app;

import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.adapter.feed.FeedCsvReader;
import fr.vigie.adapter.memory.MemoryWatchlist;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.SnapshotKey;
import fr.vigie.testkit.DynamoDbLocalServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The same file ingested twice at once, as two hospitals' retries would: each snapshot is stored once. */
class ConcurrentIngestionTest {

    @Test
    void twoConcurrentIngestionsOfOneFileStoreEachSnapshotOnce() throws Exception {
        DynamoDbClient dynamo = DynamoDbLocalServer.get().client();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Tables.Names names = new Tables.Names("s-" + suffix, "a-" + suffix, "r-" + suffix);
        Tables.createMissing(dynamo, names);
        MemoryWatchlist watchlist = MemoryWatchlist.of(SampleSeason.watchlist("season-a"));
        List<String> lines = Files.readAllLines(SampleSeason.feed("season-a")).subList(0, 701);
        byte[] feed = String.join("\n", lines).getBytes();

        Callable<IngestionReport> ingest = () -> {
            try (InputStream in = new java.io.ByteArrayInputStream(feed)) {
                FeedCsvReader reader = new FeedCsvReader(in, watchlist::knows);
                // each "process" has its own client and store, as two Lambda containers would
                return new SnapshotIngestion(new DynamoSnapshotStore(DynamoDbLocalServer.get().client(), names.snapshots()), 100).onFeedClock()
                        .ingest(reader::next, s -> { });
            }
        };
        ExecutorService two = Executors.newFixedThreadPool(2);
        List<Future<IngestionReport>> runs = List.of(two.submit(ingest), two.submit(ingest));
        long storedByEither = 0;
        for (Future<IngestionReport> run : runs) {
            assertEquals(700, run.get().read());
            assertEquals(0, run.get().conflictCount(), "the same file twice holds the same values: duplicates, no conflict");
            storedByEither += run.get().stored();
        }
        two.shutdown();

        Set<SnapshotKey> distinct = new HashSet<>();
        Set<SeriesKey> series = new HashSet<>();
        try (InputStream in = new java.io.ByteArrayInputStream(feed)) {
            FeedCsvReader reader = new FeedCsvReader(in, watchlist::knows);
            for (var row = reader.next(); row != null; row = reader.next()) {
                Snapshot s = ((fr.vigie.domain.FeedRow.Accepted) row).snapshot();
                distinct.add(s.key());
                series.add(s.series());
            }
        }
        DynamoSnapshotStore store = new DynamoSnapshotStore(dynamo, names.snapshots());
        List<Snapshot> stored = new ArrayList<>();
        for (SeriesKey key : series) {
            stored.addAll(store.history(key, Instant.parse("2027-01-01T00:00:00Z"), 1000));
        }
        assertEquals(distinct.size(), stored.size());
        assertEquals(distinct.size(), storedByEither, "each snapshot answered stored by one ingestion only");
        assertEquals(distinct, new HashSet<>(stored.stream().map(Snapshot::key).toList()));
    }
}
