package fr.vigie.adapter.dynamodb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import fr.vigie.adapter.feed.Json;
import fr.vigie.adapter.feed.WatchlistJson;
import fr.vigie.domain.Facility;
import fr.vigie.domain.Region;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.WatchlistValidator;
import fr.vigie.port.FacilityDirectory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The facilities seen and the watch-list in the registry table: what tells the RETEX which series
 * exist, so that it reads each one by key range instead of scanning the snapshots.
 * <pre>
 *   facility:        pk = FACILITY   sk = FAC#{facilityId}   facilityId, [name], [region (INSEE code)]
 *   watch-list entry: pk = WATCHLIST  sk = DEV#{deviceId}     deviceId, entry (spec section 1 JSON)
 * </pre>
 * Access patterns: all facilities = Query pk = FACILITY; one facility = GetItem; the watch-list =
 * Query pk = WATCHLIST. Both partitions stay small (thousands of facilities, tens of devices).
 */
public final class DynamoRegistry implements FacilityDirectory {

    private final DynamoDbClient client;
    private final String table;

    public DynamoRegistry(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    /**
     * Registers the facilities a feed named that the registry does not know yet, with the region
     * their identifier names (see {@link Region#fromFacilityId}); a facility already registered,
     * perhaps with its name and region from the operators, is left as it is.
     */
    public void registerFacilities(Collection<String> facilityIds) {
        for (String id : facilityIds) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(Tables.PK, Items.s(Keys.FACILITY_REGISTRY));
            item.put(Tables.SK, Items.s(Keys.FACILITY + id));
            item.put("facilityId", Items.s(id));
            Region.fromFacilityId(id).ifPresent(r -> item.put("region", Items.s(r.code())));
            try {
                client.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            } catch (ConditionalCheckFailedException known) {
                // registered before: its stored name and region win over what an identifier suggests
            }
        }
    }

    /** Records the watch-list in force, entry by entry; entries no longer listed stay, as their history does. */
    public void registerWatchlist(Collection<WatchlistEntry> entries) {
        for (WatchlistEntry e : entries) {
            client.putItem(b -> b.tableName(table).item(Map.of(
                    Tables.PK, Items.s(Keys.WATCHLIST), Tables.SK, Items.s(Keys.DEVICE + e.deviceId()),
                    "deviceId", Items.s(e.deviceId()), "entry", Items.s(WatchlistJson.toJson(e).toString()))));
        }
    }

    @Override
    public List<Facility> facilities() {
        List<Facility> out = new ArrayList<>();
        partition(Keys.FACILITY_REGISTRY, item -> out.add(facility(item)));
        return out;
    }

    @Override
    public Optional<Facility> facility(String facilityId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).key(Map.of(
                Tables.PK, Items.s(Keys.FACILITY_REGISTRY), Tables.SK, Items.s(Keys.FACILITY + facilityId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(facility(item));
    }

    /** The registered watch-list, validated as any watch-list is. */
    public List<WatchlistEntry> watchlist() {
        ArrayNode entries = Json.MAPPER.createArrayNode();
        partition(Keys.WATCHLIST, item -> {
            try {
                entries.add(Json.MAPPER.readTree(Items.str(item, "entry")));
            } catch (IOException e) {
                throw new UncheckedIOException("stored watch-list entry " + Items.str(item, "deviceId") + " is not JSON", e);
            }
        });
        WatchlistValidator.Result result = WatchlistJson.parseList(entries.toString());
        if (!result.valid()) {
            throw new IllegalStateException("stored watch-list is invalid: " + result.violations());
        }
        return result.entries();
    }

    private void partition(String pk, Consumer<Map<String, AttributeValue>> sink) {
        QueryRequest query = QueryRequest.builder().tableName(table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Items.s(pk))).build();
        client.queryPaginator(query).items().forEach(sink);
    }

    private static Facility facility(Map<String, AttributeValue> item) {
        return new Facility(Items.str(item, "facilityId"), Items.str(item, "name"), Items.str(item, "region"), null);
    }
}
