package fr.vigie.adapter.dynamodb;

import fr.vigie.domain.Facility;
import fr.vigie.domain.StockSourceConfig;
import fr.vigie.port.FacilityDirectory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import fr.vigie.domain.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The facilities of the registry table.
 * <pre>
 *   pk = FACILITY    sk = FAC#{facilityId}    facilityId, name, region (INSEE code),
 *        [sourceType, sourceUrl, sourceTimeoutMillis, sourceSecret]   (the secret's name, never the secret)
 * </pre>
 * Access patterns: every facility (the poll's fan-out) = Query pk = FACILITY, paged; one facility
 * (a poll worker, the region of an alert) = GetItem, remembered for the life of this object.
 */
public final class DynamoFacilityDirectory implements FacilityDirectory {

    public static final String PARTITION = "FACILITY";

    private final DynamoDbClient client;
    private final String table;
    private final Map<String, Optional<Facility>> known = new ConcurrentHashMap<>();

    public DynamoFacilityDirectory(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    @Override
    public Collection<Facility> facilities() {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Items.s(PARTITION))).build();
        List<Facility> out = new ArrayList<>();
        client.queryPaginator(query).items().forEach(item -> out.add(fromItem(item)));
        return out;
    }

    /** One item read at most (Query pk = FACILITY, Limit 1), whatever the registry's size. */
    @Override
    public boolean isEmpty() {
        return client.query(b -> b.tableName(table).keyConditionExpression("pk = :pk").limit(1)
                .expressionAttributeValues(Map.of(":pk", Items.s(PARTITION)))).items().isEmpty();
    }

    @Override
    public Optional<Facility> facility(String facilityId) {
        return known.computeIfAbsent(facilityId, id -> {
            Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(key(id))).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
        });
    }

    /**
     * Registers the facilities a feed named that the registry does not know yet, with the region
     * their identifier names (see {@link Region#fromFacilityId}): the RETEX then finds their series
     * without scanning the snapshots. A facility already registered, perhaps with its name and
     * region from the operators, is left as it is.
     */
    public void registerSeen(Collection<String> facilityIds) {
        for (String id : facilityIds) {
            Map<String, AttributeValue> item = new HashMap<>(key(id));
            item.put("facilityId", Items.s(id));
            Region.fromFacilityId(id).ifPresent(r -> item.put("region", Items.s(r.code())));
            try {
                client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            } catch (ConditionalCheckFailedException known) {
                // registered before: its stored name and region win over what an identifier suggests
            }
            known.remove(id);
        }
    }

    /** Writes (or replaces) one facility. */
    public void put(Facility facility) {
        client.putItem(b -> b.tableName(table).item(toItem(facility)));
        known.remove(facility.facilityId());
    }

    private static Map<String, AttributeValue> key(String facilityId) {
        return Map.of(Tables.PK, Items.s(PARTITION), Tables.SK, Items.s(Keys.FACILITY + facilityId));
    }

    static Map<String, AttributeValue> toItem(Facility f) {
        Map<String, AttributeValue> item = new HashMap<>(key(f.facilityId()));
        item.put("facilityId", Items.s(f.facilityId()));
        if (f.name() != null) {
            item.put("name", Items.s(f.name()));
        }
        if (f.region() != null) {
            item.put("region", Items.s(f.region()));
        }
        StockSourceConfig source = f.source();
        if (source != null) {
            item.put("sourceType", Items.s(source.type()));
            item.put("sourceUrl", Items.s(source.url()));
            item.put("sourceTimeoutMillis", Items.n(source.timeoutMillis()));
            if (source.credentialsSecret() != null) {
                item.put("sourceSecret", Items.s(source.credentialsSecret()));
            }
        }
        return item;
    }

    static Facility fromItem(Map<String, AttributeValue> item) {
        StockSourceConfig source = null;
        String url = Items.str(item, "sourceUrl");
        if (url != null) {
            Long timeout = Items.num(item, "sourceTimeoutMillis");
            String type = Items.str(item, "sourceType");
            source = new StockSourceConfig(type == null ? StockSourceConfig.HTTP_JSON : type, url,
                    timeout == null ? 10_000 : timeout.intValue(), Items.str(item, "sourceSecret"));
        }
        return new Facility(Items.str(item, "facilityId"), Items.str(item, "name"), Items.str(item, "region"), source);
    }
}
