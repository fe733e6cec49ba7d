package fr.vigie.adapter.dynamodb;

import fr.vigie.adapter.feed.AlertEventJson;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.OpenAlert;
import fr.vigie.domain.RollingCloses;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.forecast.AlertState;
import fr.vigie.port.AlertStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Alert state and alert events in the alerts table.
 * <pre>
 *   state: pk = FAC#{facilityId}#DEV#{deviceId}  sk = STATE                 level, state (JSON),
 *          closedBefore (local date), closes ("{epochSecond},{reading};…", {@link Readings}: the rolling daily closes)
 *          openPk = OPEN, openSk = {deviceId}#{facilityId}   (only while open: sparse OpenIndex)
 *   event: pk = FAC#{facilityId}#DEV#{deviceId}  sk = EVENT#{at}#{level}    level, at, event (spec JSON),
 *          pendingPk = PENDING, pendingSk = {at}#{alertId}   (only until published: sparse PendingIndex)
 * </pre>
 * Access patterns: state of a series, alert and rolling closes together = GetItem (one item of about
 * 1.5 KB for 57 daily closes: half a read unit); events of a series in a season = Query pk, sk
 * BETWEEN. An event and the state it leads to are written in one transaction, the event on
 * condition it does not exist: a retried delivery of the same snapshot writes nothing and publishes
 * nothing. The alert state and the closes are each updated without touching the other's attributes
 * (UpdateItem SET). The pending attributes are {@link DynamoAlertOutbox}'s to read and clear.
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
        return series(series).alert();
    }

    @Override
    public SeriesState series(SeriesKey series) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(stateKey(series))).item();
        if (item == null || item.isEmpty()) {
            return new SeriesState(AlertState.CALM, RollingCloses.NONE);
        }
        String json = Items.str(item, "state");
        String closedBefore = Items.str(item, "closedBefore");
        return new SeriesState(json == null ? AlertState.CALM : Json.read(json, AlertState.class),
                closedBefore == null ? RollingCloses.NONE
                        : new RollingCloses(LocalDate.parse(closedBefore), closes(series, Items.str(item, "closes"))));
    }

    @Override
    public void saveCloses(SeriesKey series, RollingCloses rolled) {
        StringBuilder text = new StringBuilder();
        for (Snapshot c : rolled.closes()) {
            text.append(text.isEmpty() ? "" : ";").append(c.timestamp().getEpochSecond()).append(',').append(Readings.encode(c));
        }
        client.updateItem(b -> b.tableName(table).key(stateKey(series)).updateExpression("SET closedBefore = :d, closes = :c")
                .expressionAttributeValues(Map.of(":d", Items.s(rolled.closedBefore().toString()), ":c", Items.s(text.toString()))));
    }

    private static List<Snapshot> closes(SeriesKey series, String text) {
        List<Snapshot> out = new ArrayList<>();
        if (text != null && !text.isEmpty()) {
            for (String close : text.split(";")) {
                int comma = close.indexOf(',');
                out.add(Readings.decode(series.facilityId(), series.deviceId(),
                        Instant.ofEpochSecond(Long.parseLong(close.substring(0, comma))), close.substring(comma + 1)));
            }
        }
        return out;
    }

    @Override
    public void saveState(SeriesKey series, AlertState state) {
        client.updateItem(stateUpdate(series, state));
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
        DynamoAlertLog.logAttributes(event).forEach(item::put);
        UpdateItemRequest next = stateUpdate(event.series(), state);
        try {
            client.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                            .conditionExpression("attribute_not_exists(pk)").build()).build(),
                    TransactWriteItem.builder().update(Update.builder().tableName(table).key(stateKey(event.series()))
                            .updateExpression(next.updateExpression()).expressionAttributeNames(next.expressionAttributeNames())
                            .expressionAttributeValues(next.expressionAttributeValues()).build()).build()));
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

    /** The state's attributes set, the open-index ones only while the level is open (the rolling closes untouched). */
    private UpdateItemRequest stateUpdate(SeriesKey series, AlertState state) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":level", Items.s(state.level().name()));
        values.put(":state", Items.s(Json.write(state)));
        String expression = "SET #level = :level, #state = :state";
        if (state.level().isOpen()) {
            values.put(":openPk", Items.s(Keys.OPEN));
            values.put(":openSk", Items.s(series.deviceId() + "#" + series.facilityId()));
            expression += ", " + Tables.OPEN_PK + " = :openPk, " + Tables.OPEN_SK + " = :openSk";
        } else {
            expression += " REMOVE " + Tables.OPEN_PK + ", " + Tables.OPEN_SK;
        }
        return UpdateItemRequest.builder().tableName(table).key(stateKey(series)).updateExpression(expression)
                .expressionAttributeNames(Map.of("#level", "level", "#state", "state")).expressionAttributeValues(values).build();
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
