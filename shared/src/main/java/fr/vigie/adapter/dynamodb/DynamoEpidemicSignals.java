package fr.vigie.adapter.dynamodb;

import fr.vigie.domain.Epidemic;
import fr.vigie.domain.epidemic.EpidemicWeek;
import fr.vigie.port.EpidemicSignals;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weekly epidemic signal in the registry table, beside the watch-list whose epidemics it speaks of:
 * <pre>
 *   pk = EPIDEMIC#{region}#{epidemic}   sk = {week's Monday}#{published}   intensity (%), at, by
 *   pk = AUDIT#EPIDEMIC                 sk = {at}#{by}                      at, by, action (the route), season, rows, changed, weeks
 * </pre>
 * One partition per region and epidemic (about 52 items a year, read by one Query, oldest week
 * first). An import reads the series it touches, writes only what is new or changed (BatchWriteItem,
 * unprocessed items retried with {@link Backoff}), then its audit entry: importing the same file twice
 * writes one audit entry and nothing else.
 */
public final class DynamoEpidemicSignals implements EpidemicSignals {

    static final String PARTITION = "EPIDEMIC#";
    static final String AUDIT = DynamoRegistryEditor.AUDIT + "EPIDEMIC";
    private static final int BATCH = 25;

    private final DynamoDbClient client;
    private final String table;

    public DynamoEpidemicSignals(DynamoDbClient client, String registryTable) {
        this.client = client;
        this.table = registryTable;
    }

    @Override
    public int store(List<EpidemicWeek> weeks, Author author) {
        Map<String, Map<String, EpidemicWeek>> stored = new HashMap<>();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        String at = Keys.time(author.at());
        for (EpidemicWeek w : weeks) {
            EpidemicWeek before = stored.computeIfAbsent(pk(w.region(), w.epidemic()), pk -> {
                Map<String, EpidemicWeek> read = new HashMap<>();
                of(w.region(), w.epidemic()).forEach(r -> read.put(r.key(), r));
                return read;
            }).put(w.key(), w);
            if (w.equals(before)) {
                continue;
            }
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(Tables.PK, Items.s(pk(w.region(), w.epidemic())));
            item.put(Tables.SK, Items.s(w.key()));
            item.put("intensity", AttributeValue.fromN(Double.toString(w.intensity())));
            item.put("at", Items.s(at));
            item.put("by", Items.s(author.by()));
            items.add(item);
        }
        for (int i = 0; i < items.size(); i += BATCH) {
            write(items.subList(i, Math.min(items.size(), i + BATCH)));
        }
        Map<String, AttributeValue> audit = new LinkedHashMap<>();
        audit.put(Tables.PK, Items.s(AUDIT));
        audit.put(Tables.SK, Items.s(at + "#" + author.by()));
        audit.put("at", Items.s(at));
        audit.put("by", Items.s(author.by()));
        audit.put("action", Items.s(author.via()));
        audit.put("season", Items.s(DynamoRegistryEditor.season(author.at())));
        audit.put("rows", Items.n(weeks.size()));
        audit.put("changed", Items.n(items.size()));
        weeks.stream().map(EpidemicWeek::week).min(Comparator.naturalOrder()).ifPresent(first -> audit.put("weeks",
                Items.s(first + "/" + weeks.stream().map(EpidemicWeek::week).max(Comparator.naturalOrder()).orElseThrow())));
        client.putItem(b -> b.tableName(table).item(audit));
        return items.size();
    }

    @Override
    public List<EpidemicWeek> of(String region, Epidemic epidemic) {
        List<EpidemicWeek> out = new ArrayList<>();
        client.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", Items.s(pk(region, epidemic)))))
                .items().forEach(i -> {
                    String[] key = Items.str(i, Tables.SK).split("#");
                    out.add(new EpidemicWeek(region, epidemic, LocalDate.parse(key[0]), Double.parseDouble(i.get("intensity").n()),
                            LocalDate.parse(key[1])));
                });
        return out;
    }

    private static String pk(String region, Epidemic epidemic) {
        return PARTITION + region + "#" + epidemic;
    }

    private void write(List<Map<String, AttributeValue>> items) {
        Map<String, List<WriteRequest>> pending = Map.of(table, items.stream()
                .map(i -> WriteRequest.builder().putRequest(PutRequest.builder().item(i).build()).build()).toList());
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 0) {
                Backoff.pause(attempt, "BatchWriteItem epidemic signal");
            }
            Map<String, List<WriteRequest>> left = pending;
            pending = client.batchWriteItem(b -> b.requestItems(left)).unprocessedItems();
        }
    }
}
