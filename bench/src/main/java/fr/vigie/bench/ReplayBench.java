package fr.vigie.bench;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import fr.vigie.adapter.dynamodb.DynamoAlertOutbox;
import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.DynamoDisruptionStore;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.adapter.feed.FeedCsvReader;
import fr.vigie.adapter.feed.FeedFormatException;
import fr.vigie.adapter.memory.MemoryAlertStore;
import fr.vigie.adapter.memory.MemoryDisruptionStore;
import fr.vigie.adapter.memory.MemorySnapshotStore;
import fr.vigie.adapter.memory.MemoryWatchlist;
import fr.vigie.app.AlertDispatch;
import fr.vigie.app.AlertReminders;
import fr.vigie.app.BatchEvaluation;
import fr.vigie.app.CoverageEvaluation;
import fr.vigie.app.IngestionReport;
import fr.vigie.app.SeasonReplay;
import fr.vigie.app.SnapshotIngestion;
import fr.vigie.domain.RetrySchedule;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.forecast.SeriesEvaluator;
import fr.vigie.port.AlertChannels;
import fr.vigie.port.Watchlist;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A feed through ingestion, storage, projection and alerting on a fresh DynamoDB Local (embedded,
 * in memory), behind the capacity meter; then its reference: the same items put one
 * {@code PutItem} at a time on another fresh engine of the same kind.
 */
final class ReplayBench {

    /** How the use cases are put together. */
    enum Composition {
        /** {@code ./vigie replay}: the DynamoDB adapters behind write-through memory caches (one writer). */
        LOCAL,
        /**
         * The Lambda functions: the DynamoDB adapters read directly, the watch-list read from the
         * registry once per stream batch of {@link #STREAM_BATCH} snapshots (template.yaml BatchSize).
         */
        FUNCTIONS
    }

    static final int STREAM_BATCH = 100;

    record Result(String name, Composition composition, long rows, long stored, long evaluated, long alerts,
                  long disruptions, double seconds, double rcu, double wcu, Map<String, MeteredDynamoDb.Tally> operations,
                  long writesSeen, double avgSnapshotItemBytes, double ingestSeconds, Reference reference) {
        double perSecond() {
            return stored / seconds;
        }

        /** Wall time spent inside DynamoDB Local's calls. */
        double engineSeconds() {
            return operations.values().stream().mapToDouble(MeteredDynamoDb.Tally::seconds).sum();
        }
    }

    /** The same writes, one PutItem each: how many were timed, in how long, and the extrapolation to all of them. */
    record Reference(long timedPuts, double timedSeconds, long allPuts) {
        double putsPerSecond() {
            return timedPuts / timedSeconds;
        }

        double secondsForAll() {
            return allPuts / putsPerSecond();
        }
    }

    private ReplayBench() {
    }

    static Result run(String name, byte[] feed, List<WatchlistEntry> entries, Composition composition, int referenceCap)
            throws IOException, FeedFormatException {
        MemoryWatchlist watchlist = MemoryWatchlist.of(entries);
        Tables.Names names = Tables.Names.defaults();
        AmazonDynamoDBLocal engine = DynamoDBEmbedded.create(true);
        List<MeteredDynamoDb.Put> puts;
        long writesSeen;
        double itemBytes;
        long rows;
        long stored;
        long evaluated;
        double seconds;
        double ingestSeconds = Double.NaN;
        // stands where SNS would: counts what would be sent, sends nothing
        AtomicLong alertsSent = new AtomicLong();
        AtomicLong disruptionsSent = new AtomicLong();
        AlertChannels publisher = AlertChannels.eventsOnly(e -> alertsSent.incrementAndGet(), d -> disruptionsSent.incrementAndGet(), n -> { }, s -> { });
        MeteredDynamoDb metered = new MeteredDynamoDb(engine.dynamoDbClient());
        try {
            Tables.createMissing(metered, names);
            if (composition == Composition.FUNCTIONS) {
                entries.forEach(e -> DynamoWatchlist.put(metered, names.registry(), e));
            }
            metered.reset();
            metered.record(Math.max(referenceCap, 2_000)); // some items are kept in any case, for their size
            long start = System.nanoTime();
            FeedCsvReader reader = new FeedCsvReader(new ByteArrayInputStream(feed), watchlist::knows);
            if (composition == Composition.LOCAL) {
                MemorySnapshotStore snapshots = new MemorySnapshotStore(DynamoSnapshotStore.soleWriter(metered, names.snapshots()));
                CoverageEvaluation evaluation = new CoverageEvaluation(watchlist, snapshots,
                        new MemoryAlertStore(new DynamoAlertStore(metered, names.alerts())),
                        new MemoryDisruptionStore(new DynamoDisruptionStore(metered, names.alerts())));
                BatchEvaluation alerting = new BatchEvaluation(evaluation, new AlertDispatch(new DynamoAlertOutbox(metered, names.alerts()),
                        publisher, watchlist, RetrySchedule.DEFAULT), AlertReminders.never());
                SeasonReplay.Summary s = new SeasonReplay(new SnapshotIngestion(snapshots), alerting).run(reader::next, (d, t) -> { });
                rows = s.ingestion().read();
                stored = s.ingestion().stored();
                evaluated = s.evaluated();
            } else {
                DynamoSnapshotStore snapshots = new DynamoSnapshotStore(metered, names.snapshots());
                DynamoAlertStore alerts = new DynamoAlertStore(metered, names.alerts());
                DynamoDisruptionStore disruptions = new DynamoDisruptionStore(metered, names.alerts());
                List<Snapshot> fresh = new ArrayList<>();
                IngestionReport report = new SnapshotIngestion(snapshots).onFeedClock().ingest(reader::next, fresh::add);
                ingestSeconds = (System.nanoTime() - start) / 1e9;
                // the stream delivers new snapshots in batches, in order within a series
                fresh.sort(Comparator.comparing(Snapshot::timestamp).thenComparing(Snapshot::facilityId).thenComparing(Snapshot::deviceId));
                DynamoAlertOutbox outbox = new DynamoAlertOutbox(metered, names.alerts());
                for (int i = 0; i < fresh.size(); i += STREAM_BATCH) {
                    Watchlist batchWatchlist = DynamoWatchlist.load(metered, names.registry());
                    List<Snapshot> batch = fresh.subList(i, Math.min(fresh.size(), i + STREAM_BATCH));
                    new BatchEvaluation(new CoverageEvaluation(batchWatchlist, snapshots, alerts, disruptions),
                            new AlertDispatch(outbox, publisher, batchWatchlist, RetrySchedule.DEFAULT), AlertReminders.never())
                            .run(batch, batch.get(batch.size() - 1).timestamp());
                }
                rows = report.read();
                stored = report.stored();
                evaluated = fresh.size();
            }
            seconds = (System.nanoTime() - start) / 1e9;
            puts = metered.recorded();
            writesSeen = metered.putsSeen();
            itemBytes = puts.stream().filter(p -> p.table().equals(names.snapshots()))
                    .mapToLong(p -> itemSize(p.item())).average().orElse(0);
        } finally {
            metered.close();
            engine.shutdown();
        }
        Reference reference = referenceCap > 0 ? reference(puts, writesSeen) : null;
        return new Result(name, composition, rows, stored, evaluated, alertsSent.get(), disruptionsSent.get(), seconds,
                metered.rcu(), metered.wcu(), metered.byOperation(), writesSeen, itemBytes, ingestSeconds, reference);
    }

    /** The recorded puts, one PutItem at a time, on a fresh engine of the same kind. */
    private static Reference reference(List<MeteredDynamoDb.Put> puts, long allPuts) {
        AmazonDynamoDBLocal engine = DynamoDBEmbedded.create(true);
        try {
            DynamoDbClient client = engine.dynamoDbClient();
            Tables.createMissing(client, Tables.Names.defaults());
            long start = System.nanoTime();
            for (MeteredDynamoDb.Put p : puts) {
                client.putItem(b -> b.tableName(p.table()).item(p.item()));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            client.close();
            return new Reference(puts.size(), seconds, allPuts);
        } finally {
            engine.shutdown();
        }
    }

    /** DynamoDB's item size: attribute names plus values (strings as UTF-8, numbers about 1 byte per 2 digits + 1). */
    static long itemSize(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            AttributeValue v = e.getValue();
            if (v.s() != null) {
                size += v.s().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            } else if (v.n() != null) {
                size += (v.n().replace("-", "").replace(".", "").length() + 1) / 2 + 1;
            }
        }
        return size;
    }

    static int historyDays() {
        return SeriesEvaluator.HISTORY_DAYS;
    }
}
