package fr.vigie.adapter.dynamodb;

import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.SnapshotConflict;
import fr.vigie.port.SnapshotStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Duration;
import java.time.Instant;
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
 * Snapshots in the snapshots table, one item per facility poll or report: all the devices' readings
 * of one facility at one instant, kept for the season's review (no TTL; docs/data-model.md).
 * <pre>
 *   pk = FAC#{facilityId}      sk = POLL#{timestamp, fixed-width UTC}
 *   r  = map deviceId → "onHand,consumed,received,onOrder,expectedDelivery" ({@link Readings}: an empty field, not said)
 * </pre>
 * Access patterns: a facility's polls over a time range = Query pk, sk BETWEEN (today's readings for
 * the evaluator, a series' season for the RETEX and the console: the device's field picked from each
 * poll); the last poll holding a device = Query pk backwards, filtered on the device.
 * <p>
 * Store-once without a read before the write: each poll is one {@code PutItem} under
 * {@code attribute_not_exists(pk)}. When the condition fails, the stored item comes back with the
 * failure (or is read once): a device it holds is a duplicate (same value) or a
 * {@link SnapshotConflict} (another value), and the devices it does not hold (a second report at the
 * same facility and time) are added by one {@code UpdateItem} under {@code attribute_not_exists} of
 * each of them, tried again from a fresh read if a concurrent writer added one first.
 * <p>
 * {@link #soleWriter} is for a database only this process writes ({@code ./vigie}'s locked local
 * database): it remembers every poll it wrote, so store-once is decided without a read for those, and
 * for the others by one {@code BatchGetItem} of the batch's poll keys — none at all when the table was
 * empty when the store first wrote (issue 18: no existence check into an empty database). The writes
 * (polls 25 to a {@code BatchWriteItem} without condition, devices added to a stored poll) run in order
 * on a background thread through a bounded queue ({@link WriteBehind}), off the caller's thread; a read
 * first waits for them, and {@link #awaitWrites} returns once they are done or throws the first failure.
 */
public final class DynamoSnapshotStore implements SnapshotStore {

    private static final int GET_CHUNK = 100;
    private static final int BATCH_CHUNK = 25;
    private static final String READINGS = "r";

    private final DynamoDbClient client;
    private final String table;
    /** Sole writer only (else null): its writes, in order, off the caller's thread. */
    private final WriteBehind writer;
    /** Sole writer only: each poll this store wrote, by poll key, as the table holds it once the writes are done. */
    private final Map<String, Map<String, AttributeValue>> own = new HashMap<>();
    /** Sole writer only: the facilities of {@link #own}. */
    private final Set<String> ownFacilities = new HashSet<>();
    /** Sole writer only: whether the table held nothing when this store first needed to know; null until then. */
    private Boolean emptyAtStart;

    /** The store for a table that several writers share (the functions): conditional writes. */
    public DynamoSnapshotStore(DynamoDbClient client, String table) {
        this(client, table, false);
    }

    private DynamoSnapshotStore(DynamoDbClient client, String table, boolean soleWriter) {
        this.client = client;
        this.table = table;
        this.writer = soleWriter ? new WriteBehind("snapshots-writer") : null;
    }

    /** The store for a table that this process alone writes (a locked local database): unconditional batch writes. */
    public static DynamoSnapshotStore soleWriter(DynamoDbClient client, String table) {
        return new DynamoSnapshotStore(client, table, true);
    }

    /**
     * The devices offered for one poll (facility and instant): the first offer of each device, the
     * later offers of a device in the same batch, and the value each device holds once stored.
     */
    private record Poll(String facilityId, Instant at, Map<String, Snapshot> offered, List<Snapshot> later,
                        Map<String, Snapshot> kept) {

        String key() {
            return facilityId + "#" + Keys.time(at);
        }

        /** The offered devices that {@code old} lacks; the others are kept as {@code old} holds them. */
        List<Snapshot> missingFrom(Map<String, AttributeValue> old) {
            kept.clear();
            readings(old).forEach(s -> kept.put(s.deviceId(), s));
            return offered.values().stream().filter(s -> !kept.containsKey(s.deviceId())).toList();
        }

        /** After the poll is stored: each offer that is not what its device holds is a conflict. */
        void conflicts(List<SnapshotConflict> out) {
            offered.values().forEach(s -> kept.putIfAbsent(s.deviceId(), s));
            for (Snapshot s : offered.values()) {
                Optional.ofNullable(SnapshotConflict.between(kept.get(s.deviceId()), s)).ifPresent(out::add);
            }
            for (Snapshot s : later) {
                Optional.ofNullable(SnapshotConflict.between(kept.get(s.deviceId()), s)).ifPresent(out::add);
            }
        }
    }

    @Override
    public Outcome store(List<Snapshot> batch) {
        Map<String, Poll> polls = new LinkedHashMap<>();
        for (Snapshot s : batch) {
            Poll poll = polls.computeIfAbsent(s.facilityId() + "#" + Keys.time(s.timestamp()),
                    k -> new Poll(s.facilityId(), s.timestamp(), new LinkedHashMap<>(), new ArrayList<>(), new HashMap<>()));
            if (poll.offered().putIfAbsent(s.deviceId(), s) != null) {
                poll.later().add(s);
            }
        }
        Set<Snapshot> stored = new HashSet<>();
        if (writer != null) {
            writeAlone(new ArrayList<>(polls.values()), stored);
        } else {
            for (Poll poll : polls.values()) {
                putOnce(poll, stored);
            }
        }
        List<SnapshotConflict> conflicts = new ArrayList<>();
        polls.values().forEach(p -> p.conflicts(conflicts));
        return new Outcome(batch.stream().filter(stored::remove).toList(), conflicts);
    }

    /**
     * One poll stored once: a conditional put, and on its failure the devices the stored item lacks
     * added on condition that each is still absent (a concurrent writer may add one first: read again).
     */
    private void putOnce(Poll poll, Set<Snapshot> stored) {
        Map<String, AttributeValue> item = item(poll.facilityId(), poll.at(), poll.offered().values());
        Map<String, AttributeValue> old;
        try {
            client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            stored.addAll(poll.offered().values());
            return;
        } catch (ConditionalCheckFailedException e) {
            old = e.hasItem() && !e.item().isEmpty() ? e.item() : read(poll);
        }
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0) {
                Backoff.pause(attempt, "UpdateItem poll " + poll.key());
                old = read(poll);
            }
            List<Snapshot> missing = poll.missingFrom(old);
            if (missing.isEmpty()) {
                return;
            }
            if (addDevices(poll, missing)) {
                stored.addAll(missing);
                return;
            }
        }
    }

    /** Adds devices to a stored poll if none of them is there yet; false when a concurrent writer added one. */
    private boolean addDevices(Poll poll, List<Snapshot> devices) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> sets = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            names.put("#d" + i, devices.get(i).deviceId());
            values.put(":v" + i, Items.s(Readings.encode(devices.get(i))));
            sets.add(READINGS + ".#d" + i + " = :v" + i);
            conditions.add("attribute_not_exists(" + READINGS + ".#d" + i + ")");
        }
        try {
            client.updateItem(b -> b.tableName(table).key(key(poll.facilityId(), poll.at()))
                    .updateExpression("SET " + String.join(", ", sets))
                    .conditionExpression("attribute_exists(pk) AND " + String.join(" AND ", conditions))
                    .expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private Map<String, AttributeValue> read(Poll poll) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table)
                .key(key(poll.facilityId(), poll.at())).consistentRead(true)).item();
        return item == null ? Map.of() : item;
    }

    /**
     * Sole writer: the polls already stored compared and completed, the new ones batch-written; the
     * writes queued for the background thread, what they will leave remembered at once.
     */
    private void writeAlone(List<Poll> polls, Set<Snapshot> stored) {
        // a key this store did not write can have no write queued: the table's answer is the truth for it
        Map<String, Map<String, AttributeValue>> existing = tableWasEmpty() ? Map.of()
                : existing(polls.stream().filter(p -> !own.containsKey(p.key())).toList());
        List<Map<String, AttributeValue>> fresh = new ArrayList<>();
        for (Poll poll : polls) {
            Map<String, AttributeValue> old = own.containsKey(poll.key()) ? own.get(poll.key()) : existing.get(poll.key());
            if (old == null) {
                Map<String, AttributeValue> item = item(poll.facilityId(), poll.at(), poll.offered().values());
                fresh.add(item);
                remember(poll, item);
                stored.addAll(poll.offered().values());
                continue;
            }
            List<Snapshot> missing = poll.missingFrom(old);
            if (!missing.isEmpty()) {
                remember(poll, withDevices(old, missing));
                writer.submit(() -> {
                    if (!addDevices(poll, missing)) {
                        throw new IllegalStateException("poll " + poll.key() + " changed by another writer of a database locked for one");
                    }
                });
                stored.addAll(missing);
            }
        }
        for (int i = 0; i < fresh.size(); i += BATCH_CHUNK) {
            List<Map<String, AttributeValue>> chunk = fresh.subList(i, Math.min(fresh.size(), i + BATCH_CHUNK));
            writer.submit(() -> write(chunk));
        }
    }

    private void remember(Poll poll, Map<String, AttributeValue> item) {
        own.put(poll.key(), item);
        ownFacilities.add(poll.facilityId());
    }

    /** Sole writer: whether the table was empty when first asked (one Scan of one item, once). */
    private boolean tableWasEmpty() {
        if (emptyAtStart == null) {
            emptyAtStart = client.scan(b -> b.tableName(table).limit(1)).items().isEmpty();
        }
        return emptyAtStart;
    }

    /** {@code item} with the readings of {@code devices} added. */
    private static Map<String, AttributeValue> withDevices(Map<String, AttributeValue> item, List<Snapshot> devices) {
        Map<String, AttributeValue> readings = new LinkedHashMap<>(item.get(READINGS).m());
        devices.forEach(s -> readings.put(s.deviceId(), Items.s(Readings.encode(s))));
        Map<String, AttributeValue> out = new HashMap<>(item);
        out.put(READINGS, AttributeValue.fromM(readings));
        return out;
    }

    @Override
    public void awaitWrites() {
        if (writer != null) {
            writer.sync();
        }
    }

    /**
     * Before a read: a sole writer's queued writes done, so that the read sees them. False when nothing
     * can be there to read: the sole writer's table was empty and it wrote nothing of {@code facilityId}.
     */
    private boolean readable(String facilityId) {
        if (writer == null) {
            return true;
        }
        if (tableWasEmpty() && !ownFacilities.contains(facilityId)) {
            return false;
        }
        writer.sync();
        return true;
    }

    /** The stored items of the polls' keys, by poll key. */
    private Map<String, Map<String, AttributeValue>> existing(List<Poll> polls) {
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        for (int i = 0; i < polls.size(); i += GET_CHUNK) {
            List<Map<String, AttributeValue>> keys = polls.subList(i, Math.min(polls.size(), i + GET_CHUNK)).stream()
                    .map(p -> key(p.facilityId(), p.at())).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).build());
            for (int attempt = 0; !request.isEmpty(); attempt++) {
                if (attempt > 0) {
                    Backoff.pause(attempt, "BatchGetItem polls");
                }
                Map<String, KeysAndAttributes> keysLeft = request;
                BatchGetItemResponse response = client.batchGetItem(b -> b.requestItems(keysLeft));
                response.responses().getOrDefault(table, List.of()).forEach(item -> found.put(
                        facilityOf(item) + "#" + Items.str(item, Tables.SK).substring(Keys.POLL.length()), item));
                request = response.unprocessedKeys();
            }
        }
        return found;
    }

    private void write(List<Map<String, AttributeValue>> items) {
        List<WriteRequest> requests = items.stream()
                .map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build()).toList();
        Map<String, List<WriteRequest>> pending = Map.of(table, requests);
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 0) {
                Backoff.pause(attempt, "BatchWriteItem polls");
            }
            Map<String, List<WriteRequest>> left = pending;
            pending = client.batchWriteItem(b -> b.requestItems(left)).unprocessedItems();
        }
    }

    @Override
    public List<Snapshot> history(SeriesKey series, Instant upTo, int days) {
        List<Snapshot> out = new ArrayList<>();
        between(series, upTo.minus(Duration.ofDays(days)), upTo, out::add);
        return out;
    }

    @Override
    public List<Snapshot> readings(String facilityId, Instant from, Instant to) {
        List<Snapshot> out = new ArrayList<>();
        polls(facilityId, from, to, true, null, item -> out.addAll(readings(item)));
        return out;
    }

    /**
     * Hands the series' snapshots from {@code from} to {@code to} (included) to {@code sink}, oldest
     * first, page by page as the query returns them: a whole season streams through one page of memory.
     * Only the device's field of each poll is returned (DynamoDB still bills the whole items read).
     */
    public void between(SeriesKey series, Instant from, Instant to, Consumer<Snapshot> sink) {
        polls(series.facilityId(), from, to, true, series.deviceId(),
                item -> Optional.ofNullable(reading(item, series.deviceId())).ifPresent(sink));
    }

    /** The series' last stored snapshot: the facility's polls read backwards until one holds the device. */
    public Optional<Snapshot> latest(SeriesKey series) {
        List<Snapshot> found = new ArrayList<>(1);
        if (!readable(series.facilityId())) {
            return Optional.empty();
        }
        QueryRequest query = pollQuery(series.facilityId(), Instant.EPOCH, Instant.parse("9999-12-31T23:59:59Z"), false,
                series.deviceId()).toBuilder().limit(1)
                .filterExpression("attribute_exists(" + READINGS + ".#d)").build();
        for (var page : client.queryPaginator(query)) {
            if (!page.items().isEmpty()) {
                found.add(reading(page.items().get(0), series.deviceId()));
                break;
            }
        }
        return found.stream().findFirst();
    }

    private void polls(String facilityId, Instant from, Instant to, boolean forward, String device,
                       Consumer<Map<String, AttributeValue>> sink) {
        if (!readable(facilityId)) {
            return;
        }
        client.queryPaginator(pollQuery(facilityId, from, to, forward, device)).items().forEach(sink);
    }

    private QueryRequest pollQuery(String facilityId, Instant from, Instant to, boolean forward, String device) {
        Map<String, AttributeValue> values = Map.of(
                ":pk", Items.s(Keys.FACILITY + facilityId),
                ":from", Items.s(Keys.POLL + Keys.time(from)),
                ":to", Items.s(Keys.POLL + Keys.time(to)));
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).scanIndexForward(forward)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to").expressionAttributeValues(values);
        if (device != null) {
            query.projectionExpression("pk, sk, " + READINGS + ".#d").expressionAttributeNames(Map.of("#d", device));
        }
        return query.build();
    }

    private static Map<String, AttributeValue> key(String facilityId, Instant at) {
        return Map.of(Tables.PK, Items.s(Keys.FACILITY + facilityId), Tables.SK, Items.s(Keys.POLL + Keys.time(at)));
    }

    /** A poll item holding the readings of {@code snapshots}, all of one facility and instant. */
    static Map<String, AttributeValue> item(String facilityId, Instant at, Iterable<Snapshot> snapshots) {
        Map<String, AttributeValue> readings = new LinkedHashMap<>();
        snapshots.forEach(s -> readings.put(s.deviceId(), Items.s(Readings.encode(s))));
        Map<String, AttributeValue> item = new HashMap<>(key(facilityId, at));
        item.put(READINGS, AttributeValue.fromM(readings));
        return item;
    }

    private static String facilityOf(Map<String, AttributeValue> item) {
        return Items.str(item, Tables.PK).substring(Keys.FACILITY.length());
    }

    private static Instant timeOf(Map<String, AttributeValue> item) {
        return Instant.parse(Items.str(item, Tables.SK).substring(Keys.POLL.length()));
    }

    private static Snapshot reading(Map<String, AttributeValue> item, String deviceId) {
        AttributeValue readings = item.get(READINGS);
        AttributeValue value = readings == null || !readings.hasM() ? null : readings.m().get(deviceId);
        return value == null ? null : Readings.decode(facilityOf(item), deviceId, timeOf(item), value.s());
    }

    /**
     * The snapshots of a poll item, from a query or a stream record's image, in the item's order of devices.
     *
     * @throws IllegalArgumentException on an item that is not a poll
     */
    public static List<Snapshot> readings(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) {
            return List.of();
        }
        AttributeValue readings = item.get(READINGS);
        if (readings == null || !readings.hasM()) {
            throw new IllegalArgumentException("not a poll item: " + item.get(Tables.PK) + " " + item.get(Tables.SK));
        }
        String facilityId = facilityOf(item);
        Instant at = timeOf(item);
        List<Snapshot> out = new ArrayList<>(readings.m().size());
        readings.m().forEach((device, value) -> out.add(Readings.decode(facilityId, device, at, value.s())));
        return out;
    }

    /** The snapshots {@code newImage} holds that {@code oldImage} (null or empty for a new poll) did not: what a write added. */
    public static List<Snapshot> added(Map<String, AttributeValue> newImage, Map<String, AttributeValue> oldImage) {
        Set<String> before = oldImage == null || oldImage.get(READINGS) == null ? Set.of() : oldImage.get(READINGS).m().keySet();
        return readings(newImage).stream().filter(s -> !before.contains(s.deviceId())).toList();
    }
}
