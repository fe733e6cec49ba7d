package fr.vigie.adapter.dynamodb;

import fr.vigie.adapter.feed.AlertEventJson;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.OpenAlert;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.forecast.AlertState;
import fr.vigie.port.AlertStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Alert state and alert events in the alerts table.
 * <pre>
 *   state: pk = FAC#{facilityId}#DEV#{deviceId}  sk = STATE                 level, state (JSON)
 *          openPk = OPEN, openSk = {deviceId}#{facilityId}   (only while open: sparse OpenIndex)
 *   event: pk = FAC#{facilityId}#DEV#{deviceId}  sk = EVENT#{at}#{level}    level, at, event (spec JSON),
 *          pendingPk = PENDING, pendingSk = {at}#{alertId}   (only until published: sparse PendingIndex)
 * </pre>
 * Access patterns: state of a series = GetItem; events of a series in a season = Query pk, sk
 * BETWEEN. An event and the state it leads to are written in one transaction, the event on
 * condition it does not exist: a retried delivery of the same snapshot writes nothing and publishes
 * nothing. The pending attributes are {@link DynamoAlertOutbox}'s to read and clear.
 */
public final class DynamoAlertStore implements AlertStore {

    private final DynamoDbClient client;
    private final String table;

    public DynamoAlertStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public AlertState state(SeriesKey series) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(stateKey(series))).item();
        return item == null || item.isEmpty() ? AlertState.CALM : Json.read(Items.str(item, "state"), AlertState.class);
    }

    @Override
    public void saveState(SeriesKey series, AlertState state) {
        client.putItem(b -> b.tableName(table).item(stateItem(series, state)));
    }

    @Override
    public boolean recordTransition(AlertEvent event, AlertState state) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Tables.PK, Items.s(Keys.series(event.facilityId(), event.deviceId())));
        item.put(Tables.SK, Items.s(eventSortKey(event)));
        item.put("level", Items.s(event.level().name()));
        item.put("at", Items.s(event.at().toString()));
        item.put("event", Items.s(AlertEventJson.write(event)));
        item.put(Tables.PENDING_PK, Items.s(Keys.PENDING));
        item.put(Tables.PENDING_SK, Items.s(Keys.time(event.at()) + "#" + event.alertId()));
        try {
            client.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                            .conditionExpression("attribute_not_exists(pk)").build()).build(),
                    TransactWriteItem.builder().put(Put.builder().tableName(table)
                            .item(stateItem(event.series(), state)).build()).build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().map(CancellationReason::code).anyMatch("ConditionalCheckFailed"::equals)) {
                return false;
            }
            throw e;
        }
    }

    /** Every event of one series between two sort-key bounds, oldest first (RETEX). */
    public List<AlertEvent> events(SeriesKey series, String fromAt, String toAt) {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", Items.s(Keys.series(series.facilityId(), series.deviceId())),
                        ":from", Items.s(Keys.ALERT_EVENT + fromAt), ":to", Items.s(Keys.ALERT_EVENT + toAt))).build();
        List<AlertEvent> out = new ArrayList<>();
        client.queryPaginator(query).items().forEach(item -> out.add(AlertEventJson.readAlert(Items.str(item, "event"))));
        return out;
    }

    static String eventSortKey(AlertEvent event) {
        return Keys.ALERT_EVENT + Keys.time(event.at()) + "#" + event.level().name();
    }

    private static Map<String, AttributeValue> stateKey(SeriesKey series) {
        return Map.of(Tables.PK, Items.s(Keys.series(series.facilityId(), series.deviceId())), Tables.SK, Items.s(Keys.ALERT_STATE));
    }

    private static Map<String, AttributeValue> stateItem(SeriesKey series, AlertState state) {
        Map<String, AttributeValue> item = new HashMap<>(stateKey(series));
        item.put("level", Items.s(state.level().name()));
        item.put("state", Items.s(Json.write(state)));
        if (state.level().isOpen()) {
            item.put(Tables.OPEN_PK, Items.s(Keys.OPEN));
            item.put(Tables.OPEN_SK, Items.s(series.deviceId() + "#" + series.facilityId()));
        }
        return item;
    }

    /** Every series whose alert is open now, by device then facility (the operators' view of tension). */
    public List<OpenAlert> openAlerts() {
        QueryRequest query = QueryRequest.builder().tableName(table).indexName(Tables.OPEN_INDEX)
                .keyConditionExpression("openPk = :o").expressionAttributeValues(Map.of(":o", Items.s(Keys.OPEN))).build();
        List<OpenAlert> out = new ArrayList<>();
        client.queryPaginator(query).items().forEach(item -> {
            String[] deviceAndFacility = Items.str(item, Tables.OPEN_SK).split("#", 2);
            AlertState state = Json.read(Items.str(item, "state"), AlertState.class);
            out.add(new OpenAlert(deviceAndFacility[1], deviceAndFacility[0], state.level(), state.since()));
        });
        return out;
    }
}
