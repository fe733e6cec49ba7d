package fr.vigie.adapter.dynamodb;

import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.SnapshotKey;
import fr.vigie.port.SnapshotStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * A stored snapshot is never overwritten: keys already present are skipped before the batch write,
 * and a put that repeats an identical item (a concurrent writer of the same file) changes nothing
 * and starts no stream record.
 */
public final class DynamoSnapshotStore implements SnapshotStore {

    private static final int GET_CHUNK = 100;
    private static final int WRITE_CHUNK = 25;

    private final DynamoDbClient client;
    private final String table;

    public DynamoSnapshotStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public List<Snapshot> storeNew(List<Snapshot> batch) {
        Set<SnapshotKey> existing = existing(batch);
        List<Snapshot> fresh = new ArrayList<>();
        Set<SnapshotKey> seen = new HashSet<>();
        for (Snapshot s : batch) {
            if (!existing.contains(s.key()) && seen.add(s.key())) {
                fresh.add(s);
            }
        }
        for (int i = 0; i < fresh.size(); i += WRITE_CHUNK) {
            write(fresh.subList(i, Math.min(fresh.size(), i + WRITE_CHUNK)));
        }
        return fresh;
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

    private Set<SnapshotKey> existing(List<Snapshot> batch) {
        Set<SnapshotKey> found = new HashSet<>();
        for (int i = 0; i < batch.size(); i += GET_CHUNK) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            Set<String> distinct = new HashSet<>();
            for (Snapshot s : batch.subList(i, Math.min(batch.size(), i + GET_CHUNK))) {
                Map<String, AttributeValue> key = key(s);
                if (distinct.add(key.get("pk").s() + key.get("sk").s())) {
                    keys.add(key);
                }
            }
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys)
                    .projectionExpression("facilityId, deviceId, #ts").expressionAttributeNames(Map.of("#ts", "timestamp")).build());
            for (int attempt = 0; !request.isEmpty(); attempt++) {
                if (attempt > 0) {
                    Backoff.pause(attempt, "BatchGetItem keys");
                }
                Map<String, KeysAndAttributes> keysLeft = request;
                BatchGetItemResponse response = client.batchGetItem(b -> b.requestItems(keysLeft));
                response.responses().getOrDefault(table, List.of()).forEach(item -> found.add(new SnapshotKey(
                        Items.str(item, "facilityId"), Items.str(item, "deviceId"), Instant.parse(Items.str(item, "timestamp")))));
                request = response.unprocessedKeys();
            }
        }
        return found;
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
            BatchWriteItemResponse response = client.batchWriteItem(b -> b.requestItems(items));
            pending = response.unprocessedItems();
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
