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

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Alert state and alert events in the alerts table.
 * <pre>
 *   state:  pk = FAC#{facilityId}#DEV#{deviceId}  sk = STATE                level, state (JSON),
 *           openPk = OPEN, openSk = {deviceId}#{facilityId}   (only while open: sparse OpenIndex)
 *   closes: pk = FAC#{facilityId}#DEV#{deviceId}  sk = STATE#CLOSES         closedBefore (local date),
 *           closes ("{epochSecond},{reading};…", {@link Readings}: the series' rolling daily closes)
 *   event: pk = FAC#{facilityId}#DEV#{deviceId}  sk = EVENT#{at}#{level}    level, at, event (spec JSON),
 *          pendingPk = PENDING, pendingSk = {at}#{alertId}   (only until published: sparse PendingIndex)
 * </pre>
 * Access patterns: state of a series = GetItem; state and rolling closes together (the evaluator) =
 * Query pk, begins_with(sk, STATE) (about 2 KB for 57 daily closes: half a read unit); events of a
 * series in a season = Query pk, sk BETWEEN. An event and the state it leads to are written in one transaction, the event on
 * condition it does not exist: a retried delivery of the same snapshot writes nothing and publishes
 * nothing. The pending attributes are {@link DynamoAlertOutbox}'s to read and clear.
 */
public final class DynamoAlertStore implements AlertStore {

    /** The rolling closes' item, beside the state's: {@code begins_with(sk, STATE)} reads both, and nothing else. */
    private static final String CLOSES = Keys.ALERT_STATE + "#CLOSES";
    /**
     * What a day of the stored closes is: marked {@value #JUDGING_DAYS} since days run from one judging
     * morning to the next (issue 19, sixth pass). Closes without it were cut at midnight: read as none,
     * so the series' first evaluation rebuilds them from its window rather than mix the two for 56 days.
     */
    private static final String DAYS = "days";
    private static final String JUDGING_DAYS = "judging";

    private final DynamoDbClient client;
    private final String table;

    public DynamoAlertStore(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public AlertState state(SeriesKey series) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(stateKey(series))).item();
        return item == null || item.isEmpty() ? AlertState.CALM : alertState(item);
    }

    /**
     * The state and the closes items in one {@code Query pk, begins_with(sk, STATE)}: DynamoDB bills a
     * query on the bytes it reads together (about 2 KB: half a read unit), two {@code GetItem}s half a
     * unit each; and kept apart, an alert state's frequent writes stay one write unit, not the closes' two.
     */
    @Override
    public SeriesState series(SeriesKey series) {
        AlertState alert = AlertState.CALM;
        RollingCloses closes = RollingCloses.NONE;
        for (Map<String, AttributeValue> item : client.query(b -> b.tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :state)")
                .expressionAttributeValues(Map.of(":pk", Items.s(Keys.series(series.facilityId(), series.deviceId())),
                        ":state", Items.s(Keys.ALERT_STATE)))).items()) {
            if (Keys.ALERT_STATE.equals(Items.str(item, Tables.SK))) {
                alert = alertState(item);
            } else if (CLOSES.equals(Items.str(item, Tables.SK)) && JUDGING_DAYS.equals(Items.str(item, DAYS))) {
                closes = new RollingCloses(LocalDate.parse(Items.str(item, "closedBefore")), closes(series, Items.str(item, "closes")));
            }
        }
        return new SeriesState(alert, closes);
    }

    private static AlertState alertState(Map<String, AttributeValue> item) {
        String json = Items.str(item, "state");
        return json == null ? AlertState.CALM : Json.read(json, AlertState.class);
    }

    @Override
    public void saveCloses(SeriesKey series, RollingCloses rolled) {
        StringBuilder text = new StringBuilder();
        for (Snapshot c : rolled.closes()) {
            text.append(text.isEmpty() ? "" : ";").append(c.timestamp().getEpochSecond()).append(',').append(Readings.encode(c));
        }
        client.putItem(b -> b.tableName(table).item(Map.of(
                Tables.PK, Items.s(Keys.series(series.facilityId(), series.deviceId())), Tables.SK, Items.s(CLOSES),
                "closedBefore", Items.s(rolled.closedBefore().toString()), "closes", Items.s(text.toString()),
                DAYS, Items.s(JUDGING_DAYS))));
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
        DynamoAlertLog.logAttributes(event).forEach(item::put);
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
