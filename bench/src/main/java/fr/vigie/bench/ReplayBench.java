package fr.vigie.bench;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import fr.vigie.adapter.dynamodb.DynamoAlertOutbox;
import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.DynamoDisruptionStore;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.adapter.dynamodb.WriteBehindClient;
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
import fr.vigie.domain.AlertSubscription;
import fr.vigie.domain.RetrySchedule;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.forecast.SeriesEvaluator;
import fr.vigie.local.LocalDatabase;
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

    /** Poll items a stream batch delivers (template.yaml BatchSize). */
    static final int STREAM_BATCH = 100;

    /**
     * @param batchWriteSeconds the items this run put, written again 25 to a BatchWriteItem into a fresh
     *                          in-memory engine (the engine's own write time; NaN when not measured)
     * @param putPerSnapshotSeconds the stored snapshots put one item and one PutItem each, as before issue 18,
     *                          into a fresh in-memory engine, extrapolated from the timed ones (NaN when not measured)
     * @param smsAlerts         the alerts an SMS subscription receives by default (CRITICAL and RECOVERED)
     * @param engineSecondsAfterIngest functions' composition: seconds inside the engine's calls once ingestion was over
     * @param callsAfterIngest  functions' composition: engine calls once ingestion was over (the evaluator's)
     */
    record Result(String name, Composition composition, long rows, long stored, long evaluated, long alerts,
                  long disruptions, double seconds, double rcu, double wcu, Map<String, MeteredDynamoDb.Tally> operations,
                  long writesSeen, double avgSnapshotItemBytes, double ingestSeconds, Reference reference,
                  boolean onDisk, double batchWriteSeconds, double putPerSnapshotSeconds, long smsAlerts,
                  double engineSecondsAfterIngest, long callsAfterIngest) {
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

    /**
     * {@code replayVsEngineRatio}'s measure: season replays into an on-disk database after the first, each followed by
     * its reference (the same items batch-written into memory), in one JVM. The first replay of a JVM also pays the
     * JIT's warm-up of DynamoDB Local's and the pipeline's paths, and its reference, run after it, pays none; so
     * the figure compares warm to warm (the medians of the rounds after the first), and the first, cold, is kept
     * beside it: what {@code ./vigie replay} in a fresh JVM costs.
     *
     * @param coldReplay    the first replay of the JVM, seconds
     * @param coldReference its reference, seconds
     * @param replays    the warm replays, seconds
     * @param references each warm replay's reference, seconds
     */
    record Rounds(double coldReplay, double coldReference, double[] replays, double[] references) {
        double ratio() {
            return ColdStart.median(replays) / ColdStart.median(references);
        }

        double coldRatio() {
            return coldReplay / coldReference;
        }
    }

    /**
     * Replays {@code feed} {@code warm} more times after {@code first} (composition {@link Composition#LOCAL}, on disk),
     * each with its reference.
     */
    static Rounds rounds(Result first, byte[] feed, List<WatchlistEntry> entries, int warm) throws IOException, FeedFormatException {
        double[] replays = new double[warm];
        double[] references = new double[warm];
        for (int i = 0; i < warm; i++) {
            Result r = run(first.name(), feed, entries, Composition.LOCAL, 0, true, 0);
            replays[i] = r.seconds();
            references[i] = r.batchWriteSeconds();
        }
        return new Rounds(first.seconds(), first.batchWriteSeconds(), replays, references);
    }

    private ReplayBench() {
    }

    static Result run(String name, byte[] feed, List<WatchlistEntry> entries, Composition composition, int referenceCap)
            throws IOException, FeedFormatException {
        return run(name, feed, entries, composition, referenceCap, false, 0);
    }

    /**
     * @param onDisk        the engine keeps its database in a file ({@code /dev/shm} when there, with the scratch copy's
     *                      settings, as {@code ./vigie replay} does: {@link LocalDatabase#scratchEngine}), not in memory; then the run's items are also batch-written into memory for comparison
     * @param snapshotPutCap functions' composition: how many stored snapshots to put one PutItem each, as before issue 18
     */
    static Result run(String name, byte[] feed, List<WatchlistEntry> entries, Composition composition, int referenceCap,
                      boolean onDisk, int snapshotPutCap) throws IOException, FeedFormatException {
        MemoryWatchlist watchlist = MemoryWatchlist.of(entries);
        Tables.Names names = Tables.Names.defaults();
        java.nio.file.Path dbFolder = onDisk ? java.nio.file.Files.createTempDirectory(
                java.nio.file.Files.isWritable(java.nio.file.Path.of("/dev/shm")) ? java.nio.file.Path.of("/dev/shm")
                        : java.nio.file.Path.of(System.getProperty("java.io.tmpdir")), "vigie-bench-") : null;
        AmazonDynamoDBLocal engine = onDisk ? LocalDatabase.scratchEngine(dbFolder.resolve("vigie.db").toFile())
                : DynamoDBEmbedded.create(true);
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
        AtomicLong smsSent = new AtomicLong();
        AtomicLong disruptionsSent = new AtomicLong();
        AlertChannels publisher = AlertChannels.eventsOnly(e -> {
            alertsSent.incrementAndGet();
            if (AlertSubscription.SMS_DEFAULT_LEVELS.contains(e.level())) {
                smsSent.incrementAndGet();
            }
        }, d -> disruptionsSent.incrementAndGet(), n -> { }, s -> { });
        double engineAtIngest = 0;
        long callsAtIngest = 0;
        MeteredDynamoDb metered = new MeteredDynamoDb(engine.dynamoDbClient());
        try {
            if (composition == Composition.LOCAL) {
                Tables.createMissingLocally(metered, names);
            } else {
                Tables.createMissing(metered, names);
            }
            if (composition == Composition.FUNCTIONS) {
                entries.forEach(e -> DynamoWatchlist.put(metered, names.registry(), e));
            }
            metered.reset();
            metered.record(Math.max(referenceCap, 2_000)); // some items are kept in any case, for their size
            long start = System.nanoTime();
            FeedCsvReader reader = new FeedCsvReader(new ByteArrayInputStream(feed), watchlist::knows);
            if (composition == Composition.LOCAL) {
                MemorySnapshotStore snapshots = new MemorySnapshotStore(DynamoSnapshotStore.soleWriter(metered, names.snapshots()));
                // a fresh database, as ./vigie replay's first run (LocalVigie): the alert pipeline's writes behind
                WriteBehindClient pipeline = new WriteBehindClient(metered, "alerts-writer");
                CoverageEvaluation evaluation = new CoverageEvaluation(watchlist, snapshots,
                        MemoryAlertStore.overEmpty(new DynamoAlertStore(pipeline, names.alerts())),
                        MemoryDisruptionStore.overEmpty(new DynamoDisruptionStore(pipeline, names.alerts())));
                BatchEvaluation alerting = new BatchEvaluation(evaluation, AlertDispatch.alone(new DynamoAlertOutbox(pipeline, names.alerts()),
                        publisher, watchlist, RetrySchedule.DEFAULT), AlertReminders.never());
                SeasonReplay.Summary s = new SeasonReplay(new SnapshotIngestion(snapshots), alerting).run(reader::next, (d, t) -> { });
                pipeline.sync(); // the replay is done when its writes are
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
                engineAtIngest = metered.seconds();
                callsAtIngest = calls(metered.byOperation());
                // the stream delivers new poll items in batches of STREAM_BATCH, in order within a facility
                fresh.sort(Comparator.comparing(Snapshot::timestamp).thenComparing(Snapshot::facilityId).thenComparing(Snapshot::deviceId));
                DynamoAlertOutbox outbox = new DynamoAlertOutbox(metered, names.alerts());
                int from = 0;
                while (from < fresh.size()) {
                    int to = from;
                    for (int polls = 0; to < fresh.size() && polls < STREAM_BATCH; polls++) {
                        Snapshot first = fresh.get(to);
                        while (to < fresh.size() && fresh.get(to).timestamp().equals(first.timestamp())
                                && fresh.get(to).facilityId().equals(first.facilityId())) {
                            to++;
                        }
                    }
                    // the watch-list read once per batch, as the handler does; its evaluator keeps nothing from a batch to the next
                    Watchlist batchWatchlist = DynamoWatchlist.load(metered, names.registry());
                    List<Snapshot> batch = fresh.subList(from, to);
                    new BatchEvaluation(new CoverageEvaluation(batchWatchlist, snapshots, alerts, disruptions),
                            new AlertDispatch(outbox, publisher, batchWatchlist, RetrySchedule.DEFAULT), AlertReminders.never())
                            .run(batch, batch.get(batch.size() - 1).timestamp());
                    from = to;
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
            if (dbFolder != null) {
                try (var files = java.nio.file.Files.walk(dbFolder)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
        Reference reference = referenceCap > 0 ? reference(puts, writesSeen) : null;
        double batchWrite = onDisk ? batchWrite(puts) : Double.NaN;
        double perSnapshot = snapshotPutCap > 0 ? putPerSnapshot(feed, watchlist, snapshotPutCap) : Double.NaN;
        return new Result(name, composition, rows, stored, evaluated, alertsSent.get(), disruptionsSent.get(), seconds,
                metered.rcu(), metered.wcu(), metered.byOperation(), writesSeen, itemBytes, ingestSeconds, reference,
                onDisk, batchWrite, perSnapshot, smsSent.get(), metered.seconds() - engineAtIngest,
                calls(metered.byOperation()) - callsAtIngest);
    }

    private static long calls(Map<String, MeteredDynamoDb.Tally> operations) {
        return operations.values().stream().mapToLong(MeteredDynamoDb.Tally::calls).sum();
    }

    /**
     * Seconds to write the items of {@code puts} (the last put of each key: what the run left) 25 to a
     * BatchWriteItem into a fresh in-memory engine: the engine's own write time.
     */
    private static double batchWrite(List<MeteredDynamoDb.Put> all) {
        Map<String, MeteredDynamoDb.Put> last = new java.util.LinkedHashMap<>();
        all.forEach(p -> last.put(p.table() + "|" + p.item().get("pk").s() + "|" + p.item().get("sk").s(), p));
        List<MeteredDynamoDb.Put> puts = new ArrayList<>(last.values());
        AmazonDynamoDBLocal engine = DynamoDBEmbedded.create(true);
        try {
            DynamoDbClient client = engine.dynamoDbClient();
            Tables.createMissing(client, Tables.Names.defaults());
            long start = System.nanoTime();
            for (int i = 0; i < puts.size(); i += 25) {
                Map<String, List<software.amazon.awssdk.services.dynamodb.model.WriteRequest>> byTable = new java.util.HashMap<>();
                for (MeteredDynamoDb.Put p : puts.subList(i, Math.min(puts.size(), i + 25))) {
                    byTable.computeIfAbsent(p.table(), t -> new ArrayList<>()).add(software.amazon.awssdk.services.dynamodb.model.WriteRequest
                            .builder().putRequest(r -> r.item(p.item())).build());
                }
                client.batchWriteItem(b -> b.requestItems(byTable));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            client.close();
            return seconds;
        } finally {
            engine.shutdown();
        }
    }

    /**
     * Seconds to ingest the feed as before issue 18: the same parsing, then one item and one PutItem per
     * snapshot into a fresh in-memory engine (the first {@code cap} puts timed, the rest extrapolated).
     */
    private static double putPerSnapshot(byte[] feed, Watchlist watchlist, int cap) throws IOException, FeedFormatException {
        List<Snapshot> all = new ArrayList<>();
        long parseStart = System.nanoTime();
        FeedCsvReader reader = new FeedCsvReader(new ByteArrayInputStream(feed), watchlist::knows);
        for (var row = reader.next(); row != null; row = reader.next()) {
            if (row instanceof fr.vigie.domain.FeedRow.Accepted a) {
                all.add(a.snapshot());
            }
        }
        double parseSeconds = (System.nanoTime() - parseStart) / 1e9;
        AmazonDynamoDBLocal engine = DynamoDBEmbedded.create(true);
        try {
            DynamoDbClient client = engine.dynamoDbClient();
            Tables.createMissing(client, Tables.Names.defaults());
            String table = Tables.Names.defaults().snapshots();
            List<Snapshot> timed = all.subList(0, Math.min(cap, all.size()));
            long start = System.nanoTime();
            for (Snapshot s : timed) {
                client.putItem(b -> b.tableName(table).item(oneItemPerSnapshot(s)));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            client.close();
            return parseSeconds + seconds * all.size() / timed.size();
        } finally {
            engine.shutdown();
        }
    }

    /** A snapshot as its own item, the snapshots table's shape before issue 18 (184 bytes on season-a). */
    static Map<String, AttributeValue> oneItemPerSnapshot(Snapshot s) {
        Map<String, AttributeValue> item = new java.util.HashMap<>();
        item.put("pk", AttributeValue.fromS("FAC#" + s.facilityId() + "#DEV#" + s.deviceId()));
        item.put("sk", AttributeValue.fromS("SNAP#" + s.timestamp()));
        item.put("facilityId", AttributeValue.fromS(s.facilityId()));
        item.put("deviceId", AttributeValue.fromS(s.deviceId()));
        item.put("timestamp", AttributeValue.fromS(s.timestamp().toString()));
        item.put("onHand", AttributeValue.fromN(Long.toString(s.onHand())));
        java.util.function.BiConsumer<String, Object> optional = (k, v) -> {
            if (v != null) {
                item.put(k, v instanceof Long n ? AttributeValue.fromN(n.toString()) : AttributeValue.fromS(v.toString()));
            }
        };
        optional.accept("consumed", s.consumed());
        optional.accept("received", s.received());
        optional.accept("onOrder", s.onOrder());
        optional.accept("expectedDelivery", s.expectedDelivery());
        return item;
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
            if (v.hasM()) {
                size += 3 + itemSize(v.m()) + v.m().size(); // a map: 3 bytes, its entries, 1 byte each
            } else if (v.s() != null) {
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
