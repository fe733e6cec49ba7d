package fr.vigie.adapter.dynamodb;

import fr.vigie.adapter.feed.AlertEventJson;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.SeriesKey;
import fr.vigie.port.ReminderLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reminders in the alerts table, beside the series' state and events.
 * <pre>
 *   reminder: pk = FAC#{facilityId}#DEV#{deviceId}  sk = REMINDER   alertId, remindedAt (snapshot time)
 * </pre>
 * Access patterns: the series' latest event = Query pk, sk begins_with EVENT#, newest first, limit 1;
 * the last reminder = GetItem; a claim = PutItem on condition the item is as read (or absent).
 */
public final class DynamoReminderLog implements ReminderLog {

    static final String REMINDER = "REMINDER";

    private final DynamoDbClient client;
    private final String table;

    public DynamoReminderLog(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public Optional<AlertEvent> lastEvent(SeriesKey series) {
        List<Map<String, AttributeValue>> items = client.query(b -> b.tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :events)")
                .expressionAttributeValues(Map.of(":pk", Items.s(Keys.series(series.facilityId(), series.deviceId())),
                        ":events", Items.s(Keys.ALERT_EVENT)))
                .scanIndexForward(false).limit(1)).items();
        return items.isEmpty() ? Optional.empty() : Optional.of(AlertEventJson.readAlert(Items.str(items.get(0), "event")));
    }

    @Override
    public Optional<Reminded> lastReminder(SeriesKey series) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(key(series))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Reminded(Items.str(item, "alertId"), Instant.parse(Items.str(item, "remindedAt"))));
    }

    @Override
    public boolean claim(SeriesKey series, Reminded expected, Reminded next) {
        return putIf(series, expected, next);
    }

    @Override
    public void release(SeriesKey series, Reminded claimed, Reminded previous) {
        try {
            if (previous == null) {
                client.deleteItem(b -> b.tableName(table).key(key(series)).conditionExpression("remindedAt = :claimed")
                        .expressionAttributeValues(Map.of(":claimed", Items.s(claimed.at().toString()))));
            } else {
                putIf(series, claimed, previous);
            }
        } catch (ConditionalCheckFailedException moved) {
            // another run reminded meanwhile: leave its record
        }
    }

    private boolean putIf(SeriesKey series, Reminded expected, Reminded next) {
        Map<String, AttributeValue> item = new HashMap<>(key(series));
        item.put("alertId", Items.s(next.alertId()));
        item.put("remindedAt", Items.s(next.at().toString()));
        try {
            if (expected == null) {
                client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            } else {
                client.putItem(b -> b.tableName(table).item(item).conditionExpression("remindedAt = :seen AND alertId = :alert")
                        .expressionAttributeValues(Map.of(":seen", Items.s(expected.at().toString()), ":alert", Items.s(expected.alertId()))));
            }
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(SeriesKey series) {
        return Map.of(Tables.PK, Items.s(Keys.series(series.facilityId(), series.deviceId())), Tables.SK, Items.s(REMINDER));
    }
}
