package fr.vigie.adapter.dynamodb;

import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.AlertSubscription;
import fr.vigie.domain.Epidemic;
import fr.vigie.port.SubscriptionRecords;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The subscriptions API's records in the registry table (no address nor number among them):
 * <pre>
 *   pk = SUBSCRIBER#{subject}     sk = SUB#{id}     who created subscription id (counted per operator)
 *   pk = SUBSCRIPTION#{id}        sk = OWNER        owner                       (to forget it on removal)
 *   pk = HOLD#{token}             sk = CODE         codeHash, owner, attempts, expiresAt (TTL), the subscription's
 *                                                   channel, scope, target, levels, epidemics, nationalEvents, masked endpoint
 *   pk = RATE#{subject}           sk = W#{window}   n (changes in the window), expiresAt (TTL)
 * </pre>
 * {@code expiresAt} is the table's TTL attribute (epoch seconds): DynamoDB deletes expired codes and
 * windows by itself, and reads ignore an expired one before that. Owner records and a subscription's
 * creation are written in one transaction; a rate window is one conditional {@code ADD}.
 */
public final class DynamoSubscriptionRecords implements SubscriptionRecords {

    /** The registry table's TTL attribute (epoch seconds). */
    public static final String EXPIRES_AT = "expiresAt";

    private final DynamoDbClient client;
    private final String table;

    public DynamoSubscriptionRecords(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public void recordOwner(String id, String owner) {
        Map<String, AttributeValue> byOwner = Map.of(Tables.PK, Items.s("SUBSCRIBER#" + owner), Tables.SK, Items.s("SUB#" + id));
        Map<String, AttributeValue> byId = Map.of(Tables.PK, Items.s("SUBSCRIPTION#" + id), Tables.SK, Items.s("OWNER"), "owner", Items.s(owner));
        client.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(byOwner).build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(byId).build()).build()));
    }

    @Override
    public int countOwnedBy(String owner) {
        return client.queryPaginator(b -> b.tableName(table).consistentRead(true).select(Select.COUNT)
                        .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", Items.s("SUBSCRIBER#" + owner))))
                .stream().mapToInt(r -> r.count()).sum();
    }

    @Override
    public void forget(String id) {
        Map<String, AttributeValue> ownerKey = key("SUBSCRIPTION#" + id, "OWNER");
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(ownerKey).consistentRead(true)).item();
        List<TransactWriteItem> deletes = new ArrayList<>();
        deletes.add(delete(ownerKey));
        if (item != null && Items.str(item, "owner") != null) {
            deletes.add(delete(key("SUBSCRIBER#" + Items.str(item, "owner"), "SUB#" + id)));
        }
        client.transactWriteItems(b -> b.transactItems(deletes));
    }

    @Override
    public boolean tryChange(String caller, Instant windowStart, Instant expiresAt, int limit) {
        try {
            client.updateItem(b -> b.tableName(table).key(key("RATE#" + caller, "W#" + windowStart))
                    .updateExpression("ADD n :one SET #exp = :exp")
                    .conditionExpression("attribute_not_exists(n) OR n < :limit")
                    .expressionAttributeNames(Map.of("#exp", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":one", Items.n(1), ":limit", Items.n(limit), ":exp", Items.n(expiresAt.getEpochSecond()))));
            return true;
        } catch (ConditionalCheckFailedException full) {
            return false;
        }
    }

    @Override
    public void savePending(PendingCode p) {
        AlertSubscription s = p.subscription();
        Map<String, AttributeValue> item = new HashMap<>(key("HOLD#" + p.hold(), "CODE"));
        item.put("codeHash", Items.s(p.codeHash()));
        item.put("owner", Items.s(p.owner()));
        item.put("attempts", Items.n(p.failedAttempts()));
        item.put(EXPIRES_AT, Items.n(p.expiresAt().getEpochSecond()));
        item.put("channel", Items.s(s.channel().name()));
        item.put("endpoint", Items.s(s.masked()));
        item.put("scope", Items.s(s.scope().name()));
        if (s.target() != null) {
            item.put("target", Items.s(s.target()));
        }
        item.put("levels", AttributeValue.fromL(s.levels().stream().map(l -> Items.s(l.name())).toList()));
        item.put("epidemics", AttributeValue.fromL(s.epidemics().stream().map(e -> Items.s(e.name())).toList()));
        item.put("nationalEvents", AttributeValue.fromBool(s.nationalEvents()));
        client.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public Optional<PendingCode> pending(String hold) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(key("HOLD#" + hold, "CODE"))
                .consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Set<AlertLevel> levels = EnumSet.noneOf(AlertLevel.class);
        item.get("levels").l().forEach(v -> levels.add(AlertLevel.valueOf(v.s())));
        Set<Epidemic> epidemics = EnumSet.noneOf(Epidemic.class);
        item.get("epidemics").l().forEach(v -> epidemics.add(Epidemic.valueOf(v.s())));
        AlertSubscription s = new AlertSubscription(AlertSubscription.Channel.valueOf(Items.str(item, "channel")), Items.str(item, "endpoint"),
                AlertSubscription.Scope.valueOf(Items.str(item, "scope")), Items.str(item, "target"), levels, epidemics,
                item.get("nationalEvents").bool());
        return Optional.of(new PendingCode(hold, Items.str(item, "codeHash"), Items.str(item, "owner"),
                Instant.ofEpochSecond(Items.num(item, EXPIRES_AT)), Items.num(item, "attempts").intValue(), s));
    }

    @Override
    public int failedAttempt(String hold) {
        Map<String, AttributeValue> after = client.updateItem(b -> b.tableName(table).key(key("HOLD#" + hold, "CODE"))
                .updateExpression("ADD attempts :one").conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":one", Items.n(1))).returnValues(ReturnValue.UPDATED_NEW)).attributes();
        return Items.num(after, "attempts").intValue();
    }

    @Override
    public void deletePending(String hold) {
        client.deleteItem(b -> b.tableName(table).key(key("HOLD#" + hold, "CODE")));
    }

    private Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(Tables.PK, Items.s(pk), Tables.SK, Items.s(sk));
    }

    private TransactWriteItem delete(Map<String, AttributeValue> key) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key).build()).build();
    }
}
