package fr.vigie.adapter.dynamodb;

import fr.vigie.adapter.feed.AlertEventJson;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.forecast.DisruptionState;
import fr.vigie.port.DisruptionStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * National supply disruptions in the alerts table.
 * <pre>
 *   state: pk = DEV#{deviceId}  sk = DISRUPTION_STATE                          state (JSON)
 *   event: pk = DEV#{deviceId}  sk = DISRUPTION#{disruptionId}#{at}#{status}   event (spec JSON),
 *          pendingPk = PENDING, pendingSk = {at}#{disruptionId}#{status}   (until sent: sparse PendingIndex)
 * </pre>
 * Access patterns: detector state of a device = GetItem; a device's disruptions in a season =
 * Query pk, sk begins_with DISRUPTION#; events waiting to be sent = {@link DynamoAlertOutbox}.
 */
public final class DynamoDisruptionStore implements DisruptionStore {

    private final DynamoDbClient client;
    private final String table;

    public DynamoDisruptionStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public DisruptionState state(String deviceId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(Map.of(
                Tables.PK, Items.s(Keys.device(deviceId)), Tables.SK, Items.s(Keys.DISRUPTION_STATE)))).item();
        return item == null || item.isEmpty() ? DisruptionState.NONE : Json.read(Items.str(item, "state"), DisruptionState.class);
    }

    @Override
    public void saveState(String deviceId, DisruptionState state) {
        client.putItem(b -> b.tableName(table).item(Map.of(
                Tables.PK, Items.s(Keys.device(deviceId)), Tables.SK, Items.s(Keys.DISRUPTION_STATE),
                "state", Items.s(Json.write(state)))));
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
