package fr.vigie.adapter.dynamodb;

import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.SnapshotConflict;
import fr.vigie.domain.SnapshotKey;
import fr.vigie.port.SnapshotStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Snapshots in the snapshots table, one item each, kept for the season's review (no TTL).
 * <pre>
 *   pk = FAC#{facilityId}#DEV#{deviceId}      sk = SNAP#{timestamp, fixed-width UTC}
 *   facilityId, deviceId, timestamp, onHand, [consumed], [received], [onOrder], [expectedDelivery]
 * </pre>
 * Access patterns: history of a series over a time range = Query pk, sk BETWEEN (the evaluator's
 * bounded window, the RETEX's season); existence of a batch of snapshots = BatchGetItem by key.
 * <p>
 * Store-once is a conditional write. The keys of a batch are first read (BatchGetItem, 0.5 read
 * unit a key): a key found is a duplicate (same value) or a {@link SnapshotConflict} (another value)
 * and costs no write. The others are put in transactions of up to 100 items, each under
 * {@code attribute_not_exists(pk)}: a concurrent writer that stored the key in between cancels that
 * item (the old item comes back with the cancellation, so it is again a duplicate or a conflict)
 * and the rest of the transaction is retried. A transactional put costs 2 write units where a
 * BatchWriteItem put cost 1; BatchWriteItem has no condition, so two writers of one key used to
 * both answer "stored" and the last write won. Measured in docs/reliability.md.
 * <p>
 * {@link #soleWriter} keeps the unconditional BatchWriteItem (about 5 times faster on DynamoDB
 * Local) for a database that only one process can write, as {@code ./vigie}'s locked local
 * database: there the pre-check alone sees every earlier write.
 */
public final class DynamoSnapshotStore implements SnapshotStore {

    private static final int GET_CHUNK = 100;
    private static final int WRITE_CHUNK = 100;
    private static final int BATCH_CHUNK = 25;
    private static final String NEW_KEY = "attribute_not_exists(pk)";

    private final DynamoDbClient client;
    private final String table;
    private final boolean soleWriter;

    /** The store for a table that several writers share (the functions): conditional writes. */
    public DynamoSnapshotStore(DynamoDbClient client, String table) {
        this(client, table, false);
    }

    private DynamoSnapshotStore(DynamoDbClient client, String table, boolean soleWriter) {
        this.client = client;
        this.table = table;
        this.soleWriter = soleWriter;
    }

    /** The store for a table that this process alone writes (a locked local database): unconditional batch writes. */
    public static DynamoSnapshotStore soleWriter(DynamoDbClient client, String table) {
        return new DynamoSnapshotStore(client, table, true);
    }

    @Override
    public Outcome store(List<Snapshot> batch) {
        Map<SnapshotKey, Snapshot> existing = existing(batch);
        Map<SnapshotKey, Snapshot> first = new LinkedHashMap<>();
        List<SnapshotConflict> conflicts = new ArrayList<>();
        for (Snapshot s : batch) {
            Snapshot before = existing.containsKey(s.key()) ? existing.get(s.key()) : first.get(s.key());
            if (before == null) {
                first.put(s.key(), s);
            } else {
                Optional.ofNullable(SnapshotConflict.between(before, s)).ifPresent(conflicts::add);
            }
        }
        List<Snapshot> fresh = new ArrayList<>(first.values());
        Set<SnapshotKey> lost = new HashSet<>();
        int chunk = soleWriter ? BATCH_CHUNK : WRITE_CHUNK;
        for (int i = 0; i < fresh.size(); i += chunk) {
            List<Snapshot> part = fresh.subList(i, Math.min(fresh.size(), i + chunk));
            if (soleWriter) {
                write(part);
            } else {
                putIfAbsent(part, lost, conflicts);
            }
        }
        List<Snapshot> stored = fresh.stream().filter(s -> !lost.contains(s.key())).toList();
        return new Outcome(stored, conflicts);
    }

    @Override
    public List<Snapshot> history(SeriesKey series, Instant upTo, int days) {
        List<Snapshot> out = new ArrayList<>();
        between(series, upTo.minus(Duration.ofDays(days)), upTo, out::add);
        return out;
    }

    /**
     * Hands the series' snapshots from {@code from} to {@code to} (included) to {@code sink}, oldest
     * first, page by page as the query returns them: a whole season streams through one page of memory.
     */
    public void between(SeriesKey series, Instant from, Instant to, Consumer<Snapshot> sink) {
        Map<String, AttributeValue> values = Map.of(
                ":pk", Items.s(Keys.series(series.facilityId(), series.deviceId())),
                ":from", Items.s(Keys.SNAPSHOT + Keys.time(from)),
                ":to", Items.s(Keys.SNAPSHOT + Keys.time(to)));
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(values).build();
        client.queryPaginator(query).items().forEach(item -> sink.accept(fromItem(item)));
    }

    /** The stored snapshots of the batch's keys, by key. */
    private Map<SnapshotKey, Snapshot> existing(List<Snapshot> batch) {
        Map<SnapshotKey, Snapshot> found = new HashMap<>();
        for (int i = 0; i < batch.size(); i += GET_CHUNK) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            Set<String> distinct = new HashSet<>();
            for (Snapshot s : batch.subList(i, Math.min(batch.size(), i + GET_CHUNK))) {
                Map<String, AttributeValue> key = key(s);
                if (distinct.add(key.get("pk").s() + key.get("sk").s())) {
                    keys.add(key);
                }
            }
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).build());
            for (int attempt = 0; !request.isEmpty(); attempt++) {
                if (attempt > 0) {
                    Backoff.pause(attempt, "BatchGetItem keys");
                }
                Map<String, KeysAndAttributes> keysLeft = request;
                BatchGetItemResponse response = client.batchGetItem(b -> b.requestItems(keysLeft));
                response.responses().getOrDefault(table, List.of()).forEach(item -> {
                    Snapshot stored = fromItem(item);
                    found.put(stored.key(), stored);
                });
                request = response.unprocessedKeys();
            }
        }
        return found;
    }

    /**
     * Puts each snapshot of {@code chunk} (at most 100, distinct keys) under the new-key condition,
     * in one transaction retried without the items a concurrent writer stored first: those are
     * added to {@code lost}, and to {@code conflicts} when their stored value differs.
     */
    private void putIfAbsent(List<Snapshot> chunk, Set<SnapshotKey> lost, List<SnapshotConflict> conflicts) {
        List<Snapshot> pending = chunk;
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 0) {
                Backoff.pause(attempt, "TransactWriteItems snapshots");
            }
            List<TransactWriteItem> puts = pending.stream().map(s -> TransactWriteItem.builder().put(Put.builder()
                    .tableName(table).item(toItem(s)).conditionExpression(NEW_KEY)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build()).toList();
            try {
                client.transactWriteItems(b -> b.transactItems(puts));
                return;
            } catch (TransactionCanceledException e) {
                pending = withoutTheStoredOnes(pending, e.cancellationReasons(), lost, conflicts);
            }
        }
    }

    /** The items of a cancelled transaction to try again: all but those whose key a concurrent writer stored. */
    private List<Snapshot> withoutTheStoredOnes(List<Snapshot> tried, List<CancellationReason> reasons,
                                                Set<SnapshotKey> lost, List<SnapshotConflict> conflicts) {
        List<Snapshot> again = new ArrayList<>();
        List<Snapshot> taken = new ArrayList<>();
        Map<SnapshotKey, Snapshot> stored = new HashMap<>();
        for (int i = 0; i < tried.size(); i++) {
            CancellationReason reason = i < reasons.size() ? reasons.get(i) : null;
            if (reason == null || !"ConditionalCheckFailed".equals(reason.code())) {
                again.add(tried.get(i)); // "None" (cancelled for another item), TransactionConflict, throttling
                continue;
            }
            taken.add(tried.get(i));
            if (reason.hasItem() && !reason.item().isEmpty()) {
                stored.put(tried.get(i).key(), fromItem(reason.item()));
            }
        }
        if (stored.size() < taken.size()) {
            stored.putAll(existing(taken)); // an engine that does not hand the old item back
        }
        for (Snapshot s : taken) {
            lost.add(s.key());
            Optional.ofNullable(SnapshotConflict.between(stored.get(s.key()), s)).ifPresent(conflicts::add);
        }
        return again;
    }

    private void write(List<Snapshot> chunk) {
        List<WriteRequest> requests = chunk.stream()
                .map(s -> WriteRequest.builder().putRequest(PutRequest.builder().item(toItem(s)).build()).build())
                .toList();
        Map<String, List<WriteRequest>> pending = Map.of(table, requests);
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 0) {
                Backoff.pause(attempt, "BatchWriteItem snapshots");
            }
            Map<String, List<WriteRequest>> items = pending;
            pending = client.batchWriteItem(b -> b.requestItems(items)).unprocessedItems();
        }
    }

    private static Map<String, AttributeValue> key(Snapshot s) {
        return Map.of("pk", Items.s(Keys.series(s.facilityId(), s.deviceId())),
                "sk", Items.s(Keys.SNAPSHOT + Keys.time(s.timestamp())));
    }

    static Map<String, AttributeValue> toItem(Snapshot s) {
        Map<String, AttributeValue> item = new HashMap<>(key(s));
        item.put("facilityId", Items.s(s.facilityId()));
        item.put("deviceId", Items.s(s.deviceId()));
        item.put("timestamp", Items.s(s.timestamp().toString()));
        item.put("onHand", Items.n(s.onHand()));
        if (s.consumed() != null) {
            item.put("consumed", Items.n(s.consumed()));
        }
        if (s.received() != null) {
            item.put("received", Items.n(s.received()));
        }
        if (s.onOrder() != null) {
            item.put("onOrder", Items.n(s.onOrder()));
        }
        if (s.expectedDelivery() != null) {
            item.put("expectedDelivery", Items.s(s.expectedDelivery().toString()));
        }
        return item;
    }

    /** Reads a snapshot item, from a query or from a stream record's new image. */
    public static Snapshot fromItem(Map<String, AttributeValue> item) {
        String expected = Items.str(item, "expectedDelivery");
        return new Snapshot(Items.str(item, "facilityId"), Items.str(item, "deviceId"),
                Instant.parse(Items.str(item, "timestamp")), Items.num(item, "onHand"),
                Items.num(item, "consumed"), Items.num(item, "received"), Items.num(item, "onOrder"),
                expected == null ? null : LocalDate.parse(expected));
    }
}
