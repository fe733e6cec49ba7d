package fr.vigie.adapter.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.adapter.feed.Json;
import fr.vigie.adapter.feed.StaleDataJson;
import fr.vigie.domain.StaleDataEvent;
import fr.vigie.domain.silence.FacilityReporting;
import fr.vigie.domain.silence.ReportingRhythm;
import fr.vigie.port.ReportingLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Facilities' reporting states and their STALE_DATA events in the alerts table (issue 22).
 * <pre>
 *   state: pk = FAC#{facilityId}  sk = REPORTING                                        state (JSON), version
 *   event: pk = FAC#{facilityId}  sk = STALE#{lastSeen}#{deviceId or *}#{status}        event (spec JSON),
 *          pendingPk = PENDING, pendingSk = {at}#STALE#{facilityId}#{deviceId or *}#{status}  until sent
 * </pre>
 * One item per facility, never a shared one: a stream batch writes the facilities it saw, the hourly
 * check reads the registry's. A state whose write raises events goes in one transaction with them
 * (state on condition {@code version = :read}, each event on condition it is new), so a retried or
 * concurrent check records a silence once; a write without events is one conditional PutItem. The
 * event's key names its silence (last snapshot before it), so the same silence is one item whatever
 * the time it was noticed. Access patterns: GetItem (state), Query pk + begins_with STALE# (RETEX),
 * pending events through {@link DynamoAlertOutbox}.
 */
public final class DynamoReportingLog implements ReportingLog {

    static final String STATE = "REPORTING";
    static final String EVENT = "STALE#";

    private final DynamoDbClient client;
    private final String table;

    public DynamoReportingLog(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public Versioned read(String facilityId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table)
                .key(Map.of(Tables.PK, Items.s(Keys.FACILITY + facilityId), Tables.SK, Items.s(STATE))).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return new Versioned(FacilityReporting.none(facilityId), 0);
        }
        return new Versioned(state(facilityId, Items.str(item, "state")), Items.num(item, "version"));
    }

    @Override
    public boolean record(Versioned read, FacilityReporting next, List<StaleDataEvent> events) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Tables.PK, Items.s(Keys.FACILITY + next.facilityId()));
        item.put(Tables.SK, Items.s(STATE));
        item.put("state", Items.s(json(next)));
        item.put("version", Items.n(read.version() + 1));
        String condition = read.version() > 0 ? "version = :read" : "attribute_not_exists(pk)";
        Map<String, AttributeValue> values = read.version() > 0 ? Map.of(":read", Items.n(read.version())) : null;
        if (events.isEmpty()) {
            try {
                client.putItem(b -> b.tableName(table).item(item).conditionExpression(condition).expressionAttributeValues(values));
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).conditionExpression(condition)
                .expressionAttributeValues(values).build()).build());
        for (StaleDataEvent e : events) {
            writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(eventItem(e))
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
        }
        try {
            client.transactWriteItems(b -> b.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public List<StaleDataEvent> events(String facilityId) {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :events)")
                .expressionAttributeValues(Map.of(":pk", Items.s(Keys.FACILITY + facilityId), ":events", Items.s(EVENT))).build();
        List<StaleDataEvent> out = new ArrayList<>();
        client.queryPaginator(query).items().forEach(i -> out.add(StaleDataJson.read(Items.str(i, "event"))));
        out.sort(java.util.Comparator.comparing(StaleDataEvent::at));
        return out;
    }

    /** The event item's key: its silence (last snapshot before it), device and status. */
    static Map<String, AttributeValue> key(StaleDataEvent e) {
        return Map.of(Tables.PK, Items.s(Keys.FACILITY + e.facilityId()),
                Tables.SK, Items.s(EVENT + Keys.time(e.lastSeen()) + "#" + device(e) + "#" + e.status()));
    }

    private static Map<String, AttributeValue> eventItem(StaleDataEvent e) {
        Map<String, AttributeValue> item = new HashMap<>(key(e));
        item.put("event", Items.s(StaleDataJson.write(e)));
        item.put(Tables.PENDING_PK, Items.s(Keys.PENDING));
        item.put(Tables.PENDING_SK, Items.s(Keys.time(e.at()) + "#" + EVENT + e.facilityId() + "#" + device(e) + "#" + e.status()));
        return item;
    }

    private static String device(StaleDataEvent e) {
        return e.facilityWide() ? "*" : e.deviceId();
    }

    /** {"devices":{"HFNC-PED":{"lastSeen":"…","intervals":[86400,…]}},"facilitySilent":false,"silentDevices":[…]} */
    private static String json(FacilityReporting r) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        ObjectNode devices = n.putObject("devices");
        new java.util.TreeMap<>(r.devices()).forEach((id, rhythm) -> {
            ObjectNode d = devices.putObject(id);
            d.put("lastSeen", rhythm.lastSeen().toString());
            rhythm.intervals().forEach(d.putArray("intervals")::add);
        });
        n.put("facilitySilent", r.facilitySilent());
        new TreeSet<>(r.silentDevices()).forEach(n.putArray("silentDevices")::add);
        return n.toString();
    }

    private static FacilityReporting state(String facilityId, String json) {
        JsonNode n = Json.read(json, JsonNode.class);
        Map<String, ReportingRhythm> devices = new LinkedHashMap<>();
        n.path("devices").fields().forEachRemaining(d -> {
            List<Long> intervals = new ArrayList<>();
            d.getValue().path("intervals").forEach(i -> intervals.add(i.asLong()));
            devices.put(d.getKey(), new ReportingRhythm(Instant.parse(d.getValue().path("lastSeen").asText()), intervals));
        });
        Set<String> silent = new TreeSet<>();
        n.path("silentDevices").forEach(d -> silent.add(d.asText()));
        return new FacilityReporting(facilityId, devices, n.path("facilitySilent").asBoolean(), silent);
    }
}
