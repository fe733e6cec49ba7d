package fr.vigie.adapter.dynamodb;

import fr.vigie.domain.followup.AckAction;
import fr.vigie.domain.followup.Acknowledgement;
import fr.vigie.domain.followup.EscalationTier;
import fr.vigie.port.Acknowledgements;
import fr.vigie.port.Escalations;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What follows an alert, in the alerts table beside its series:
 * <pre>
 *   acknowledgement: pk = ALERT#{alertId}        sk = ACK          by, role, action, [note], at
 *   its audit:       pk = AUDIT#ALERT#{alertId}  sk = ACK#{at}     the same fields, written in the same transaction
 *   escalation:      pk = ALERT#{alertId}        sk = ESCALATION   tier (REGIONAL, NATIONAL), at
 * </pre>
 * Access patterns: an alert's acknowledgement or tier = GetItem; an acknowledgement = a transaction
 * of the two puts, the first on condition that the alert has none; a tier claim = PutItem on
 * condition that the tier is still the one read (absent for NONE).
 */
public final class DynamoFollowUps implements Acknowledgements, Escalations {

    static final String ALERT = "ALERT#";
    static final String ACK = "ACK";
    static final String ESCALATION = "ESCALATION";

    private final DynamoDbClient client;
    private final String table;

    public DynamoFollowUps(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public Optional<Acknowledgement> of(String alertId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(key(alertId, ACK)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Acknowledgement(alertId, Items.str(item, "by"), Items.str(item, "role"),
                AckAction.ofCode(Items.str(item, "action")).orElse(AckAction.OTHER), Items.str(item, "note"),
                Instant.parse(Items.str(item, "at"))));
    }

    @Override
    public boolean record(Acknowledgement ack) {
        Map<String, AttributeValue> fields = new HashMap<>();
        fields.put("alertId", Items.s(ack.alertId()));
        fields.put("by", Items.s(ack.by()));
        fields.put("role", Items.s(ack.role()));
        fields.put("action", Items.s(ack.action().name()));
        fields.put("at", Items.s(ack.at().toString()));
        if (ack.note() != null) {
            fields.put("note", Items.s(ack.note()));
        }
        Map<String, AttributeValue> item = new HashMap<>(fields);
        item.putAll(key(ack.alertId(), ACK));
        Map<String, AttributeValue> audit = new HashMap<>(fields);
        audit.put(Tables.PK, Items.s(DynamoRegistryEditor.AUDIT + ALERT + ack.alertId()));
        audit.put(Tables.SK, Items.s(ACK + "#" + ack.at()));
        try {
            client.transactWriteItems(t -> t.transactItems(
                    i -> i.put(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)")),
                    i -> i.put(p -> p.tableName(table).item(audit))));
            return true;
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public EscalationTier reached(String alertId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(key(alertId, ESCALATION)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? EscalationTier.NONE : EscalationTier.valueOf(Items.str(item, "tier"));
    }

    @Override
    public boolean claim(String alertId, EscalationTier from, EscalationTier to, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>(key(alertId, ESCALATION));
        item.put("tier", Items.s(to.name()));
        item.put("at", Items.s(at.toString()));
        try {
            if (from == EscalationTier.NONE) {
                client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            } else {
                client.putItem(b -> b.tableName(table).item(item).conditionExpression("tier = :from")
                        .expressionAttributeValues(Map.of(":from", Items.s(from.name()))));
            }
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    @Override
    public void release(String alertId, EscalationTier claimed, EscalationTier previous) {
        Map<String, AttributeValue> condition = Map.of(":claimed", Items.s(claimed.name()));
        try {
            if (previous == EscalationTier.NONE) {
                client.deleteItem(b -> b.tableName(table).key(key(alertId, ESCALATION)).conditionExpression("tier = :claimed")
                        .expressionAttributeValues(condition));
            } else {
                Map<String, AttributeValue> item = new HashMap<>(key(alertId, ESCALATION));
                item.put("tier", Items.s(previous.name()));
                client.putItem(b -> b.tableName(table).item(item).conditionExpression("tier = :claimed")
                        .expressionAttributeValues(condition));
            }
        } catch (ConditionalCheckFailedException moved) {
            // another run moved it meanwhile: leave its record
        }
    }

    private static Map<String, AttributeValue> key(String alertId, String sk) {
        return Map.of(Tables.PK, Items.s(ALERT + alertId), Tables.SK, Items.s(sk));
    }
}
