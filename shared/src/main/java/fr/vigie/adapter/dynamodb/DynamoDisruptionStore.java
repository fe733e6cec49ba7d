package fr.vigie.adapter.dynamodb;

import fr.vigie.adapter.feed.AlertEventJson;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.forecast.DisruptionState;
import fr.vigie.port.DisruptionStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * National supply disruptions in the alerts table.
 * <pre>
 *   state:    pk = DEV#{deviceId}  sk = DISRUPTION_STATE                          state (JSON), version, reporting
 *   reporter: pk = DEV#{deviceId}  sk = REPORTER#{facilityId}                     (the key alone)
 *   event:    pk = DEV#{deviceId}  sk = DISRUPTION#{disruptionId}#{at}#{status}   event (spec JSON),
 *             pendingPk = PENDING, pendingSk = {at}#{disruptionId}#{status}   (until sent: sparse PendingIndex)
 * </pre>
 * Access patterns: detector state of a device = GetItem; a device's disruptions in a season =
 * Query pk, sk begins_with DISRUPTION#; events waiting to be sent = {@link DynamoAlertOutbox}.
 * <p>
 * The state item stays small at national width (issue 18): the facilities reporting the device
 * are a number ({@code reporting}), raised by one in the transaction that creates a facility's
 * reporter item, so each facility is counted once; only signalling facilities are named in the
 * JSON. The JSON is replaced under the condition {@code version = :read} (or no version yet) and
 * the version raised by one; the count is an atomic ADD outside the JSON that no save overwrites.
 * The facilities counted by this process are remembered, so a facility costs the count's write once
 * per process, not once per snapshot.
 */
public final class DynamoDisruptionStore implements DisruptionStore {

    private static final String REPORTER = "REPORTER#";

    private final DynamoDbClient client;
    private final String table;
    private final Set<String> counted = ConcurrentHashMap.newKeySet();

    public DynamoDisruptionStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public Versioned state(String deviceId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(stateKey(deviceId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return new Versioned(DisruptionState.NONE, 0);
        }
        String json = Items.str(item, "state");
        DisruptionState state = json == null ? DisruptionState.NONE : Json.read(json, DisruptionState.class);
        Long reporting = Items.num(item, "reporting");
        Long version = Items.num(item, "version");
        return new Versioned(state.withReportingCount(reporting == null ? 0 : reporting.intValue()), version == null ? 0 : version);
    }

    @Override
    public boolean saveState(String deviceId, long version, DisruptionState state) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":state", Items.s(Json.write(state)));
        values.put(":next", Items.n(version + 1));
        if (version > 0) {
            values.put(":read", Items.n(version));
        }
        try {
            client.updateItem(b -> b.tableName(table).key(stateKey(deviceId))
                    .updateExpression("SET #state = :state, #version = :next")
                    .conditionExpression(version > 0 ? "#version = :read" : "attribute_not_exists(#version)")
                    .expressionAttributeNames(Map.of("#state", "state", "#version", "version"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean countReporter(String deviceId, String facilityId) {
        String key = deviceId + "#" + facilityId;
        if (counted.contains(key)) {
            return false;
        }
        try {
            client.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table)
                            .item(Map.of(Tables.PK, Items.s(Keys.device(deviceId)), Tables.SK, Items.s(REPORTER + facilityId)))
                            .conditionExpression("attribute_not_exists(pk)").build()).build(),
                    TransactWriteItem.builder().update(Update.builder().tableName(table).key(stateKey(deviceId))
                            .updateExpression("ADD reporting :one").expressionAttributeValues(Map.of(":one", Items.n(1))).build()).build()));
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().isEmpty() || !"ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                throw e; // not "already counted": the stream retries the batch
            }
        }
        counted.add(key);
        return true;
    }

    private static Map<String, AttributeValue> stateKey(String deviceId) {
        return Map.of(Tables.PK, Items.s(Keys.device(deviceId)), Tables.SK, Items.s(Keys.DISRUPTION_STATE));
    }

    /** The device's disruption events announced between two instants (included), oldest first (RETEX). */
    public List<SupplyDisruptionEvent> events(String deviceId, Instant from, Instant to) {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :events)")
                .expressionAttributeValues(Map.of(":pk", Items.s(Keys.device(deviceId)), ":events", Items.s(Keys.DISRUPTION_EVENT)))
                .build();
        List<SupplyDisruptionEvent> out = new ArrayList<>();
        client.queryPaginator(query).items().forEach(item -> {
            SupplyDisruptionEvent e = AlertEventJson.readDisruption(Items.str(item, "event"));
            if (!e.at().isBefore(from) && !e.at().isAfter(to)) {
                out.add(e);
            }
        });
        out.sort(Comparator.comparing(SupplyDisruptionEvent::at));
        return out;
    }

    @Override
    public boolean recordEvent(SupplyDisruptionEvent event) {
        Map<String, AttributeValue> item = new HashMap<>(key(event));
        item.put("event", Items.s(AlertEventJson.write(event)));
        item.put(Tables.PENDING_PK, Items.s(Keys.PENDING));
        item.put(Tables.PENDING_SK, Items.s(Keys.time(event.at()) + "#" + event.disruptionId() + "#" + event.status()));
        try {
            client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The event item's key. */
    static Map<String, AttributeValue> key(SupplyDisruptionEvent event) {
        return Map.of(Tables.PK, Items.s(Keys.device(event.deviceId())),
                Tables.SK, Items.s(Keys.DISRUPTION_EVENT + event.disruptionId() + "#" + Keys.time(event.at()) + "#" + event.status()));
    }
}
