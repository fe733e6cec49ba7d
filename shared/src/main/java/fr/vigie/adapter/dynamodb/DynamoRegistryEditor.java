package fr.vigie.adapter.dynamodb;

import fr.vigie.adapter.feed.FacilityJson;
import fr.vigie.adapter.feed.WatchlistJson;
import fr.vigie.domain.FacilityContact;
import fr.vigie.domain.RegisteredFacility;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.port.Registry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The operators' changes to the registry table: watch-list entries and facilities, each with a
 * version (optimistic locking) and an audit trail written in the same transaction as the change.
 * <pre>
 *   pk = WATCHLIST          sk = DEV#{deviceId}      the entry as {@link DynamoWatchlist} reads it (deviceId, active, entry)
 *                                                    + version (N), updatedAt, updatedBy
 *   pk = FACILITY           sk = FAC#{facilityId}    the facility as {@link DynamoFacilityDirectory} reads it
 *                                                    + contactName, contactEmail, contactPhone, version (N), updatedAt, updatedBy
 *   pk = AUDIT#DEV#{deviceId}    sk = V#{version, 10 digits}   version, at, by, [subject], action, season, [before], after  (spec JSON)
 *   pk = AUDIT#FAC#{facilityId}  sk = V#{version, 10 digits}   same, the facility's JSON (a secret's reference, never its value)
 * </pre>
 * Access patterns: the history of one entry = Query pk = AUDIT#DEV#{id} (in version order); the
 * audit items live in their own partitions, so {@code DynamoWatchlist.load} (Query pk = WATCHLIST)
 * and the poller's facility fan-out (Query pk = FACILITY) never see them.
 * <p>
 * A change is one {@code TransactWriteItems}: the entry put on condition that its version is still
 * the one the caller read ({@code attribute_not_exists(pk)} for a creation; an entry written before
 * versions existed counts as version 0), and the audit item put on condition that this version has
 * no audit yet. Either both are written or neither: a stale version is refused, never overwritten.
 */
public final class DynamoRegistryEditor implements Registry {

    public static final String AUDIT = "AUDIT#";
    private static final String VERSION_PREFIX = "V#";

    private final DynamoDbClient client;
    private final String table;

    public DynamoRegistryEditor(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    // ------------------------------------------------------------------ watch-list

    @Override
    public List<Versioned<WatchlistEntry>> entries() {
        List<Versioned<WatchlistEntry>> out = new ArrayList<>();
        query(DynamoWatchlist.PARTITION).forEach(item -> DynamoWatchlist.fromItem(item).ifPresent(e -> out.add(versioned(e, item))));
        out.sort(Comparator.comparing(v -> v.value().deviceId()));
        return out;
    }

    @Override
    public Optional<Versioned<WatchlistEntry>> entry(String deviceId) {
        return get(watchlistKey(deviceId)).flatMap(item -> DynamoWatchlist.fromItem(item).map(e -> versioned(e, item)));
    }

    /** A new entry at version 1; {@code EXISTS} when the id is taken. */
    @Override
    public Outcome create(WatchlistEntry entry, Author author) {
        return write(watchlistKey(entry.deviceId()), auditPk(Keys.DEVICE, entry.deviceId()), DynamoWatchlist.toItem(entry),
                WatchlistJson.toJson(entry).toString(), 0, true, author, DynamoRegistryEditor::entryJson);
    }

    /** Replaces the entry if it is still at {@code expectedVersion}; {@code UNCHANGED} (nothing written) when equal. */
    @Override
    public Outcome replace(WatchlistEntry entry, long expectedVersion, Author author) {
        return write(watchlistKey(entry.deviceId()), auditPk(Keys.DEVICE, entry.deviceId()), DynamoWatchlist.toItem(entry),
                WatchlistJson.toJson(entry).toString(), expectedVersion, false, author, DynamoRegistryEditor::entryJson);
    }

    /** Creates the entry or replaces it at its current version (a file import): CREATED, UPDATED or UNCHANGED. */
    @Override
    public Outcome upsert(WatchlistEntry entry, Author author) {
        Optional<Map<String, AttributeValue>> current = get(watchlistKey(entry.deviceId()));
        return current.isEmpty() ? create(entry, author) : replace(entry, versionOf(current.get()), author);
    }

    @Override
    public List<Change> entryHistory(String deviceId) {
        return history(auditPk(Keys.DEVICE, deviceId));
    }

    // ------------------------------------------------------------------ facilities

    @Override
    public List<Versioned<RegisteredFacility>> facilities() {
        List<Versioned<RegisteredFacility>> out = new ArrayList<>();
        query(DynamoFacilityDirectory.PARTITION).forEach(item -> out.add(versioned(facilityOf(item), item)));
        out.sort(Comparator.comparing(v -> v.value().facilityId()));
        return out;
    }

    @Override
    public Optional<Versioned<RegisteredFacility>> facility(String facilityId) {
        return get(facilityKey(facilityId)).map(item -> versioned(facilityOf(item), item));
    }

    @Override
    public Outcome create(RegisteredFacility facility, Author author) {
        return write(facilityKey(facility.facilityId()), auditPk(Keys.FACILITY, facility.facilityId()), facilityItem(facility),
                FacilityJson.toJson(facility).toString(), 0, true, author, item -> FacilityJson.toJson(facilityOf(item)).toString());
    }

    @Override
    public Outcome replace(RegisteredFacility facility, long expectedVersion, Author author) {
        return write(facilityKey(facility.facilityId()), auditPk(Keys.FACILITY, facility.facilityId()), facilityItem(facility),
                FacilityJson.toJson(facility).toString(), expectedVersion, false, author, item -> FacilityJson.toJson(facilityOf(item)).toString());
    }

    @Override
    public List<Change> facilityHistory(String facilityId) {
        return history(auditPk(Keys.FACILITY, facilityId));
    }

    // ------------------------------------------------------------------ the versioned write

    private Outcome write(Map<String, AttributeValue> key, String auditPk, Map<String, AttributeValue> newItem, String afterJson,
                          long expectedVersion, boolean creation, Author author, Function<Map<String, AttributeValue>, String> jsonOf) {
        Optional<Map<String, AttributeValue>> current = get(key);
        String before = null;
        if (creation) {
            if (current.isPresent()) {
                return new Outcome(Status.EXISTS, versionOf(current.get()));
            }
        } else {
            if (current.isEmpty()) {
                return new Outcome(Status.NOT_FOUND, 0);
            }
            long currentVersion = versionOf(current.get());
            if (currentVersion != expectedVersion) {
                return new Outcome(Status.CONFLICT, currentVersion);
            }
            before = jsonOf.apply(current.get());
            if (before.equals(afterJson)) {
                return new Outcome(Status.UNCHANGED, currentVersion);
            }
        }
        long version = creation ? 1 : expectedVersion + 1;
        String at = Keys.time(author.at());
        Map<String, AttributeValue> item = new HashMap<>(newItem);
        item.put("version", Items.n(version));
        item.put("updatedAt", Items.s(at));
        item.put("updatedBy", Items.s(author.by()));

        Put.Builder put = Put.builder().tableName(table).item(item);
        if (creation) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else if (expectedVersion == 0) {
            put.conditionExpression("attribute_exists(pk) AND attribute_not_exists(#v)").expressionAttributeNames(Map.of("#v", "version"));
        } else {
            put.conditionExpression("#v = :expected").expressionAttributeNames(Map.of("#v", "version"))
                    .expressionAttributeValues(Map.of(":expected", Items.n(expectedVersion)));
        }
        Map<String, AttributeValue> audit = new HashMap<>();
        audit.put(Tables.PK, Items.s(auditPk));
        audit.put(Tables.SK, Items.s(VERSION_PREFIX + String.format("%010d", version)));
        audit.put("version", Items.n(version));
        audit.put("at", Items.s(at));
        audit.put("by", Items.s(author.by()));
        if (author.subject() != null) {
            audit.put("subject", Items.s(author.subject()));
        }
        audit.put("action", Items.s(author.action()));
        audit.put("season", Items.s(season(author.at())));
        if (before != null) {
            audit.put("before", Items.s(before));
        }
        audit.put("after", Items.s(afterJson));
        Put auditPut = Put.builder().tableName(table).item(audit).conditionExpression("attribute_not_exists(pk)").build();
        try {
            client.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().put(put.build()).build(),
                    TransactWriteItem.builder().put(auditPut).build()));
        } catch (TransactionCanceledException e) {
            // someone else changed it between our read and our write, or removed it: say what is there now
            Optional<Map<String, AttributeValue>> now = get(key);
            if (creation) {
                return new Outcome(Status.EXISTS, now.map(DynamoRegistryEditor::versionOf).orElse(0L));
            }
            return now.map(i -> new Outcome(Status.CONFLICT, versionOf(i))).orElse(new Outcome(Status.NOT_FOUND, 0));
        }
        return new Outcome(creation ? Status.CREATED : Status.UPDATED, version, at);
    }

    /** The RETEX season (1 September to 31 August) of an instant, e.g. "2025-2026". */
    public static String season(Instant at) {
        ZonedDateTime t = at.atZone(ZoneOffset.UTC);
        int start = t.getMonthValue() >= 9 ? t.getYear() : t.getYear() - 1;
        return start + "-" + (start + 1);
    }

    // ------------------------------------------------------------------ helpers

    private List<Change> history(String auditPk) {
        List<Change> out = new ArrayList<>();
        query(auditPk).forEach(i -> out.add(new Change(versionOf(i), Items.str(i, "at"), Items.str(i, "by"), Items.str(i, "subject"), Items.str(i, "action"),
                Items.str(i, "season"), Items.str(i, "before"), Items.str(i, "after"))));
        return out;
    }

    private Iterable<Map<String, AttributeValue>> query(String pk) {
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", Items.s(pk))).build();
        return client.queryPaginator(query).items();
    }

    private Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private static String entryJson(Map<String, AttributeValue> item) {
        // the stored entry as written (the spec's JSON by WatchlistJson.toJson): compared as text, not validated again on a write
        return String.valueOf(Items.str(item, "entry"));
    }

    private static <T> Versioned<T> versioned(T value, Map<String, AttributeValue> item) {
        return new Versioned<>(value, versionOf(item), Items.str(item, "updatedAt"), Items.str(item, "updatedBy"));
    }

    private static long versionOf(Map<String, AttributeValue> item) {
        Long v = Items.num(item, "version");
        return v == null ? 0 : v;
    }

    private static Map<String, AttributeValue> facilityItem(RegisteredFacility r) {
        Map<String, AttributeValue> item = new HashMap<>(DynamoFacilityDirectory.toItem(r.facility()));
        FacilityContact c = r.contact();
        if (c != null) {
            putIf(item, "contactName", c.name());
            putIf(item, "contactEmail", c.email());
            putIf(item, "contactPhone", c.phone());
        }
        return item;
    }

    private static RegisteredFacility facilityOf(Map<String, AttributeValue> item) {
        return new RegisteredFacility(DynamoFacilityDirectory.fromItem(item),
                new FacilityContact(Items.str(item, "contactName"), Items.str(item, "contactEmail"), Items.str(item, "contactPhone")));
    }

    private static void putIf(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, Items.s(value));
        }
    }

    private static Map<String, AttributeValue> watchlistKey(String deviceId) {
        return Map.of(Tables.PK, Items.s(DynamoWatchlist.PARTITION), Tables.SK, Items.s(Keys.device(deviceId)));
    }

    private static Map<String, AttributeValue> facilityKey(String facilityId) {
        return Map.of(Tables.PK, Items.s(DynamoFacilityDirectory.PARTITION), Tables.SK, Items.s(Keys.FACILITY + facilityId));
    }

    private static String auditPk(String prefix, String id) {
        return AUDIT + prefix + id;
    }
}
