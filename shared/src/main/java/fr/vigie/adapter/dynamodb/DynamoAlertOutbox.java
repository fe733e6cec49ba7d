package fr.vigie.adapter.dynamodb;

import fr.vigie.adapter.feed.AlertEventJson;
import fr.vigie.adapter.feed.NoticeJson;
import fr.vigie.adapter.feed.StaleDataJson;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.NoticeMessage;
import fr.vigie.domain.OutgoingEvent;
import fr.vigie.domain.StaleDataEvent;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.port.AlertOutbox;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pending events of the alerts table as the dispatcher's outbox: the same event items as
 * {@link DynamoAlertStore}, {@link DynamoDisruptionStore} and {@link DynamoReportingLog} write, with the retry's own attributes
 * while they stay pending. The one place that clears the pending attributes.
 * <pre>
 *   alert:    pk = FAC#{facilityId}#DEV#{deviceId}  sk = EVENT#{at}#{level}
 *   national: pk = DEV#{deviceId}  sk = DISRUPTION#{disruptionId}#{at}#{status}
 *   silence:  pk = FAC#{facilityId}  sk = STALE#{lastSeen}#{deviceId or *}#{status}  ({@link DynamoReportingLog})
 *   notice:   pk = NOTICE#{noticeId}  sk = MESSAGE#{publishedAt}#{status}#{facilityId or *}#{deviceId or *}  ({@link DynamoNoticeMessages})
 *          pendingPk = PENDING, pendingSk = {at}#...   until its own message went (sparse PendingIndex)
 *          emailSent = true          its email went in a digest, its own message not yet
 *          retryAfter (N, epoch ms)  a retry may take it from then on; attempts (N) retries made
 * </pre>
 * Access patterns: pending events = Query PendingIndex (projection ALL: the retry attributes come
 * with it); a claim = UpdateItem on condition the event is still pending and its retryAfter is the
 * one read, so that of two concurrent runs only one sends it.
 */
public final class DynamoAlertOutbox implements AlertOutbox {

    static final String EMAIL_SENT = "emailSent";
    static final String RETRY_AFTER = "retryAfter";
    static final String ATTEMPTS = "attempts";

    private final DynamoDbClient client;
    private final String table;

    public DynamoAlertOutbox(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public List<Pending> pending() {
        QueryRequest query = QueryRequest.builder().tableName(table).indexName(Tables.PENDING_INDEX)
                .keyConditionExpression("pendingPk = :p")
                .expressionAttributeValues(Map.of(":p", Items.s(Keys.PENDING))).build();
        List<Pending> out = new ArrayList<>();
        client.queryPaginator(query).items().forEach(item -> {
            Long retryAfter = Items.num(item, RETRY_AFTER);
            Long attempts = Items.num(item, ATTEMPTS);
            AttributeValue emailed = item.get(EMAIL_SENT);
            String json = Items.str(item, "event");
            String sk = Items.str(item, Tables.SK);
            OutgoingEvent event = sk.startsWith(Keys.DISRUPTION_EVENT) ? AlertEventJson.readDisruption(json)
                    : sk.startsWith(DynamoReportingLog.EVENT) ? StaleDataJson.read(json)
                    : sk.startsWith(DynamoNoticeMessages.MESSAGE) ? NoticeJson.readMessage(json) : AlertEventJson.readAlert(json);
            out.add(new Pending(event, emailed != null && Boolean.TRUE.equals(emailed.bool()),
                    attempts == null ? 0 : attempts.intValue(), retryAfter == null ? null : Instant.ofEpochMilli(retryAfter)));
        });
        return out;
    }

    @Override
    public boolean claim(Pending pending, Instant until, boolean attempt) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":until", Items.n(until.toEpochMilli()));
        String condition = "attribute_exists(pendingPk) AND ";
        if (pending.retryAfter() == null) {
            condition += "attribute_not_exists(retryAfter)";
        } else {
            condition += "retryAfter = :seen";
            values.put(":seen", Items.n(pending.retryAfter().toEpochMilli()));
        }
        String update = "SET retryAfter = :until";
        if (attempt) {
            update += ", attempts = if_not_exists(attempts, :zero) + :one";
            values.put(":zero", Items.n(0));
            values.put(":one", Items.n(1));
        }
        String expression = update;
        String check = condition;
        try {
            client.updateItem(b -> b.tableName(table).key(key(pending.event())).updateExpression(expression)
                    .conditionExpression(check).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    @Override
    public void markEmailed(AlertEvent event) {
        client.updateItem(b -> b.tableName(table).key(key(event)).updateExpression("SET emailSent = :t")
                .conditionExpression("attribute_exists(pk)").expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))));
    }

    @Override
    public void markPublished(OutgoingEvent event) {
        try {
            client.updateItem(b -> b.tableName(table).key(key(event)).conditionExpression("attribute_exists(pk)")
                    .updateExpression("REMOVE pendingPk, pendingSk, retryAfter, attempts"));
        } catch (ConditionalCheckFailedException unknown) {
            // no such event: nothing to mark (never create an item here)
        }
    }

    private static Map<String, AttributeValue> key(OutgoingEvent event) {
        if (event instanceof AlertEvent alert) {
            return Map.of(Tables.PK, Items.s(Keys.series(alert.facilityId(), alert.deviceId())),
                    Tables.SK, Items.s(DynamoAlertStore.eventSortKey(alert)));
        }
        if (event instanceof StaleDataEvent stale) {
            return DynamoReportingLog.key(stale);
        }
        if (event instanceof NoticeMessage message) {
            return DynamoNoticeMessages.key(message);
        }
        return DynamoDisruptionStore.key((SupplyDisruptionEvent) event);
    }
}
