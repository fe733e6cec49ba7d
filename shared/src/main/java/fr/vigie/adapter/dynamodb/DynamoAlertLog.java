package fr.vigie.adapter.dynamodb;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.adapter.feed.AlertEventJson;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertQuery;
import fr.vigie.domain.OpenAlert;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.port.AlertLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's reads of the alerts table, by key or index only.
 * <ul>
 *   <li>open alerts: {@code Query OpenIndex openPk = OPEN};</li>
 *   <li>a series' events: {@code Query pk = FAC#f#DEV#d, sk BETWEEN EVENT#{from} AND EVENT#{to}};</li>
 *   <li>the history: {@code Query LogIndex logPk = LOG#{month}, logSk BETWEEN {from} AND {to}},
 *       newest first, month after month back to {@code from}; facility, device and level are filters
 *       of that query (the events it reads are the range's, never the table's).</li>
 * </ul>
 * A history cursor is the month and the index key of the last event returned, base64url JSON; one
 * that does not lie within the search's own range (tampered with, or passed back with other dates) is
 * refused as unreadable rather than read from (a month of year 9999 was a query per month down to the
 * range; a key of another month or day a 500 from DynamoDB).
 */
public final class DynamoAlertLog implements AlertLog {

    /** With no date range, the history reaches back this many months from {@code now}. */
    static final int DEFAULT_MONTHS = 24;

    private final DynamoDbClient client;
    private final String table;
    private final DynamoAlertStore alerts;
    private final DynamoDisruptionStore disruptions;
    private final java.time.Clock clock;

    public DynamoAlertLog(DynamoDbClient client, String table, java.time.Clock clock) {
        this.client = client;
        this.table = table;
        this.alerts = new DynamoAlertStore(client, table);
        this.disruptions = new DynamoDisruptionStore(client, table);
        this.clock = clock;
    }

    /** The attributes that put an alert event in {@link Tables#LOG_INDEX} (written with the event). */
    static Map<String, AttributeValue> logAttributes(AlertEvent event) {
        return Map.of(
                Tables.LOG_PK, Items.s(logPartition(YearMonth.from(event.at().atZone(ZoneOffset.UTC)))),
                Tables.LOG_SK, Items.s(Keys.time(event.at()) + "#" + event.facilityId() + "#" + event.deviceId()),
                "facilityId", Items.s(event.facilityId()),
                "deviceId", Items.s(event.deviceId()));
    }

    @Override
    public List<OpenAlert> open() {
        return alerts.openAlerts();
    }

    @Override
    public Optional<AlertEvent> lastEvent(SeriesKey series) {
        QueryResponse r = client.query(b -> b.tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :e)")
                .expressionAttributeValues(Map.of(":pk", Items.s(Keys.series(series.facilityId(), series.deviceId())),
                        ":e", Items.s(Keys.ALERT_EVENT)))
                .scanIndexForward(false).limit(1));
        return r.items().stream().findFirst().map(item -> AlertEventJson.readAlert(Items.str(item, "event")));
    }

    @Override
    public List<AlertEvent> events(SeriesKey series, Instant from, Instant to) {
        return alerts.events(series, Keys.time(from), Keys.time(to) + "~");
    }

    @Override
    public List<SupplyDisruptionEvent> disruptions(String deviceId, Instant from, Instant to) {
        return disruptions.events(deviceId, from, to);
    }

    @Override
    public Page search(AlertQuery q) {
        LocalDate to = q.to() != null ? q.to() : LocalDate.now(clock);
        LocalDate from = q.from() != null ? q.from() : to.minusMonths(DEFAULT_MONTHS);
        String lowest = Keys.time(from.atStartOfDay(ZoneOffset.UTC).toInstant());
        // the day's last millisecond, then '~' above any "#facility#device": no day after it, which 9999-12-31 lacks
        String highest = Keys.time(to.atTime(LocalTime.MAX).toInstant(ZoneOffset.UTC)) + "~";
        Cursor cursor = Cursor.decode(q.cursor());
        if (cursor != null) {
            cursor.check(YearMonth.from(from), YearMonth.from(to), lowest, highest);
        }
        YearMonth month = cursor != null ? cursor.month() : YearMonth.from(to);
        Map<String, AttributeValue> start = cursor != null ? cursor.key() : null;
        List<AlertEvent> found = new ArrayList<>();
        while (!month.isBefore(YearMonth.from(from))) {
            do {
                QueryResponse r = client.query(page(q, month, lowest, highest, start, q.size() - found.size() + 1));
                for (Map<String, AttributeValue> item : r.items()) {
                    if (found.size() == q.size()) {
                        // one more match exists: the next page starts after the last one returned
                        return new Page(found, new Cursor(month, start).encode());
                    }
                    found.add(AlertEventJson.readAlert(Items.str(item, "event")));
                    start = indexKey(item);
                }
                start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
            } while (start != null);
            month = month.minusMonths(1);
        }
        return new Page(found, null);
    }

    private QueryRequest page(AlertQuery q, YearMonth month, String lowest, String highest,
                              Map<String, AttributeValue> start, int limit) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":p", Items.s(logPartition(month)), ":lo", Items.s(lowest), ":hi", Items.s(highest)));
        List<String> filters = new ArrayList<>();
        if (q.facilityId() != null) {
            filters.add("facilityId = :f");
            values.put(":f", Items.s(q.facilityId()));
        }
        if (q.deviceId() != null) {
            filters.add("deviceId = :d");
            values.put(":d", Items.s(q.deviceId()));
        }
        if (q.level() != null) {
            filters.add("#level = :l");
            values.put(":l", Items.s(q.level().name()));
        }
        QueryRequest.Builder b = QueryRequest.builder().tableName(table).indexName(Tables.LOG_INDEX)
                .keyConditionExpression("logPk = :p AND logSk BETWEEN :lo AND :hi")
                .expressionAttributeValues(values).scanIndexForward(false).limit(Math.max(limit, 1))
                .exclusiveStartKey(start);
        if (!filters.isEmpty()) {
            b.filterExpression(String.join(" AND ", filters));
            if (q.level() != null) {
                b.expressionAttributeNames(Map.of("#level", "level"));
            }
        }
        return b.build();
    }

    private static Map<String, AttributeValue> indexKey(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String name : List.of(Tables.PK, Tables.SK, Tables.LOG_PK, Tables.LOG_SK)) {
            key.put(name, item.get(name));
        }
        return key;
    }

    private static String logPartition(YearMonth month) {
        return "LOG#" + month;
    }

    /** Where the next page starts: a month and, within it, the index key after which to read (null: its top). */
    private record Cursor(YearMonth month, Map<String, AttributeValue> key) {

        static final String UNREADABLE = "cursor not readable: pass back the \"next\" of the previous page, with the same dates";

        String encode() {
            ObjectNode n = Json.MAPPER.createObjectNode().put("month", month.toString());
            if (key != null) {
                ObjectNode k = n.putObject("key");
                key.forEach((name, v) -> k.put(name, v.s()));
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(n.toString().getBytes(StandardCharsets.UTF_8));
        }

        /**
         * @throws IllegalArgumentException when the month lies outside {@code first}–{@code last}, or the key is
         *                                  not one of that month's partition within {@code lowest}–{@code highest}
         */
        void check(YearMonth first, YearMonth last, String lowest, String highest) {
            boolean inRange = !month.isBefore(first) && !month.isAfter(last);
            if (inRange && key != null) {
                String sk = key.get(Tables.LOG_SK).s();
                inRange = logPartition(month).equals(key.get(Tables.LOG_PK).s())
                        && sk.compareTo(lowest) >= 0 && sk.compareTo(highest) <= 0;
            }
            if (!inRange) {
                throw new IllegalArgumentException(UNREADABLE);
            }
        }

        static Cursor decode(String token) {
            if (token == null || token.isBlank()) {
                return null;
            }
            try {
                var n = Json.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
                Map<String, AttributeValue> key = null;
                if (n.has("key")) {
                    key = new LinkedHashMap<>();
                    for (String name : List.of(Tables.PK, Tables.SK, Tables.LOG_PK, Tables.LOG_SK)) {
                        var part = n.get("key").get(name);
                        if (part == null || !part.isTextual() || part.asText().isBlank()) {
                            throw new IllegalArgumentException("cursor key without " + name);
                        }
                        key.put(name, Items.s(part.asText()));
                    }
                }
                return new Cursor(YearMonth.parse(n.get("month").asText()), key);
            } catch (RuntimeException | java.io.IOException e) {
                throw new IllegalArgumentException(UNREADABLE, e);
            }
        }
    }
}
