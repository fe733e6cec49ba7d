package fr.vigie.adapter.dynamodb;

import fr.vigie.adapter.feed.NoticeJson;
import fr.vigie.domain.notice.MatchedNotice;
import fr.vigie.port.NoticeStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Manufacturers' notice records in the registry table, beside the watch-list they are matched to:
 * <pre>
 *   pk = NOTICE                  sk = {publishedAt}#{noticeId}#{status}   json (spec record + deviceIds, matchedBy), at, by
 *   pk = AUDIT#NOTICE#{noticeId} sk = {publishedAt}#{noticeId}#{status}[#{at}#{hash}]   at, by, action (the route), season, after (the JSON)
 * </pre>
 * Both written in one transaction, the record on condition that its key is new: a record posted
 * twice, or by two routes, is stored and audited once. Another record under a key already taken is
 * read back and written over it, on condition that it still holds what was read, with an audit entry
 * of its own (its sort key ends with the time it came): a revision. A few hundred records a year fit one
 * partition; the records of a period are one Query on the sort key, in publication order.
 */
public final class DynamoNoticeStore implements NoticeStore {

    static final String PARTITION = "NOTICE";
    static final String AUDIT = DynamoRegistryEditor.AUDIT + "NOTICE#";

    private final DynamoDbClient client;
    private final String table;

    public DynamoNoticeStore(DynamoDbClient client, String registryTable) {
        this.client = client;
        this.table = registryTable;
    }

    @Override
    public Stored store(MatchedNotice record, Author author) {
        String sk = record.notice().recordKey();
        String json = NoticeJson.toJson(record).toString();
        String at = Keys.time(author.at());
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Tables.PK, Items.s(PARTITION));
        item.put(Tables.SK, Items.s(sk));
        item.put("json", Items.s(json));
        item.put("at", Items.s(at));
        item.put("by", Items.s(author.by()));
        Map<String, AttributeValue> audit = new HashMap<>();
        audit.put(Tables.PK, Items.s(AUDIT + record.notice().noticeId()));
        audit.put(Tables.SK, Items.s(sk));
        audit.put("at", Items.s(at));
        audit.put("by", Items.s(author.by()));
        audit.put("action", Items.s(author.via()));
        audit.put("season", Items.s(DynamoRegistryEditor.season(author.at())));
        audit.put("after", Items.s(json));
        try {
            write(item, audit, "attribute_not_exists(pk)", Map.of());
            return Stored.NEW;
        } catch (TransactionCanceledException alreadyThere) {
            Map<String, AttributeValue> kept = client.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(Map.of(Tables.PK, Items.s(PARTITION), Tables.SK, Items.s(sk)))).item();
            if (kept == null || kept.isEmpty()) {
                throw alreadyThere; // not a key already taken: the write failed
            }
            Stored stored = Stored.against(NoticeJson.fromJson(Items.str(kept, "json")), record);
            if (stored.fresh()) {
                // a revision: over the record read (another writer's revision in between fails it), audited apart,
                // one audit entry per version (the time it came and its content)
                audit.put(Tables.SK, Items.s(sk + "#" + at + "#" + Integer.toHexString(json.hashCode())));
                try {
                    write(item, audit, "json = :former", Map.of(":former", kept.get("json")));
                } catch (TransactionCanceledException concurrent) {
                    throw new IllegalStateException("notice record " + sk + " changed while being revised: send it again", concurrent);
                }
            }
            return stored;
        }
    }

    private void write(Map<String, AttributeValue> item, Map<String, AttributeValue> audit, String condition,
                       Map<String, AttributeValue> values) {
        Put.Builder record = Put.builder().tableName(table).item(item).conditionExpression(condition);
        if (!values.isEmpty()) {
            record.expressionAttributeValues(values);
        }
        client.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder().put(record.build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(audit)
                        .conditionExpression("attribute_not_exists(pk)").build()).build()));
    }

    @Override
    public List<MatchedNotice> published(LocalDate from, LocalDate to) {
        List<MatchedNotice> out = new ArrayList<>();
        client.queryPaginator(b -> b.tableName(table)
                        .keyConditionExpression("pk = :p AND sk BETWEEN :from AND :to")
                        .expressionAttributeValues(Map.of(":p", Items.s(PARTITION),
                                ":from", Items.s(sortable(from)), ":to", Items.s(sortable(to) + "~"))))
                .items().forEach(i -> out.add(NoticeJson.fromJson(Items.str(i, "json"))));
        return out;
    }

    /** A date as a sort key prefix, the open ends of the calendar clamped to four-digit years. */
    private static String sortable(LocalDate day) {
        LocalDate clamped = day.isBefore(LocalDate.of(1, 1, 1)) ? LocalDate.of(1, 1, 1)
                : day.isAfter(LocalDate.of(9999, 12, 31)) ? LocalDate.of(9999, 12, 31) : day;
        return String.format("%04d-%02d-%02d", clamped.getYear(), clamped.getMonthValue(), clamped.getDayOfMonth());
    }
}
