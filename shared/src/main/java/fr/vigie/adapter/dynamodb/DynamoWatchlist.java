package fr.vigie.adapter.dynamodb;

import fr.vigie.adapter.feed.Json;
import fr.vigie.adapter.feed.WatchlistJson;
import fr.vigie.adapter.memory.MemoryWatchlist;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.WatchlistValidator;
import fr.vigie.port.Watchlist;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The watch-list in the registry table, read whole when loaded (tens of entries: one Query).
 * <pre>
 *   pk = WATCHLIST   sk = DEV#{deviceId}      deviceId, active (BOOL), entry (spec JSON, section 1)
 * </pre>
 * Access patterns: the whole list = Query pk = WATCHLIST; one entry = GetItem. Entries are stored
 * as the spec's JSON and validated again when read: an entry that no longer passes the rules is
 * left out (and logged) rather than half-used. Versioning, optimistic locking and the audit trail
 * belong to the watch-list API (issue 5) and extend this layout with more attributes.
 */
public final class DynamoWatchlist {

    public static final String PARTITION = "WATCHLIST";
    private static final Logger LOG = LoggerFactory.getLogger(DynamoWatchlist.class);
    private static final WatchlistValidator VALIDATOR = new WatchlistValidator();

    private DynamoWatchlist() {
    }

    /** Reads the whole watch-list now; the returned list does not change afterwards. */
    public static Watchlist load(DynamoDbClient client, String table) {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", Items.s(PARTITION))).build();
        List<WatchlistEntry> entries = new ArrayList<>();
        client.queryPaginator(query).items().forEach(item -> fromItem(item).ifPresent(entries::add));
        return MemoryWatchlist.of(entries);
    }

    /** Writes (or replaces) one entry. */
    public static void put(DynamoDbClient client, String table, WatchlistEntry entry) {
        client.putItem(b -> b.tableName(table).item(toItem(entry)));
    }

    static Map<String, AttributeValue> toItem(WatchlistEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Tables.PK, Items.s(PARTITION));
        item.put(Tables.SK, Items.s(Keys.device(entry.deviceId())));
        item.put("deviceId", Items.s(entry.deviceId()));
        item.put("active", AttributeValue.fromBool(entry.active()));
        item.put("entry", Items.s(WatchlistJson.toJson(entry).toString()));
        return item;
    }

    static Optional<WatchlistEntry> fromItem(Map<String, AttributeValue> item) {
        return fromJson(Items.str(item, "entry"), Items.str(item, Tables.SK));
    }

    /**
     * An entry from the spec's JSON as stored (an item's or an audit record's), validated again; empty (and logged)
     * when it no longer passes. A reference stored before its rules were checked is read as they allow (a udiDi of
     * 13 digits left out, its supplier and ref kept for matching), a text with invisible characters as spaces and
     * one over its limit cut there ({@link WatchlistDraft#withPlainText}), and a season ending on its first day as the whole year
     * ({@link WatchlistDraft#withWholeYearForEqualSeasonBounds}), each logged: the device is still watched.
     */
    static Optional<WatchlistEntry> fromJson(String json, String sk) {
        try {
            var stored = WatchlistJson.draft(Json.MAPPER.readTree(json));
            var plain = stored.withPlainText();
            if (!plain.equals(stored)) {
                LOG.atWarn().addKeyValue("sk", sk).log("watchlist_text_flattened");
            }
            var draft = plain.withValidReferences();
            if (!draft.equals(plain)) {
                LOG.atWarn().addKeyValue("sk", sk).addKeyValue("references", plain.references()).log("watchlist_reference_invalid");
            }
            var yearRound = draft.withWholeYearForEqualSeasonBounds();
            if (!yearRound.equals(draft)) {
                LOG.atWarn().addKeyValue("sk", sk).addKeyValue("season", draft.seasonStart()).log("watchlist_season_read_as_whole_year");
            }
            WatchlistValidator.Result result = VALIDATOR.validateAll(List.of(yearRound));
            if (!result.valid()) {
                LOG.atWarn().addKeyValue("sk", sk).addKeyValue("violations", result.violations()).log("watchlist_entry_invalid");
                return Optional.empty();
            }
            return result.entries().stream().findFirst();
        } catch (Exception e) {
            LOG.atWarn().addKeyValue("sk", sk).addKeyValue("cause", e.toString()).log("watchlist_entry_unreadable");
            return Optional.empty();
        }
    }
}
