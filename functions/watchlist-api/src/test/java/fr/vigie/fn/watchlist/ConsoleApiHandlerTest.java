package fr.vigie.fn.watchlist;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.domain.Caller;
import fr.vigie.app.ConsoleViews;
import fr.vigie.adapter.dynamodb.DynamoSeriesLog;
import fr.vigie.adapter.dynamodb.DynamoAlertLog;
import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.DynamoDisruptionStore;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoFollowUps;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.adapter.feed.WatchlistJson;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.AlertQuery;
import fr.vigie.domain.DisruptionKind;
import fr.vigie.domain.DisruptionStatus;
import fr.vigie.domain.Facility;
import fr.vigie.domain.Reason;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.forecast.AlertState;
import fr.vigie.testkit.DynamoDbLocalServer;
import fr.vigie.testkit.TestLambdaContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static fr.vigie.fn.watchlist.ApiCalls.body;
import static fr.vigie.fn.watchlist.ApiCalls.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's routes on DynamoDB Local, called with the events of events/: what each role sees, paging, errors. */
class ConsoleApiHandlerTest {

    private static final Instant START = Instant.parse("2025-11-01T05:00:00Z");
    private static final TestLambdaContext CONTEXT = new TestLambdaContext("console-api");
    private static ConsoleApiHandler handler;
    /** The DynamoDB queries the handler made: a search reads one index partition a month. */
    private static final AtomicInteger QUERIES = new AtomicInteger();

    @BeforeAll
    static void season() throws Exception {
        DynamoDbClient dynamo = DynamoDbLocalServer.get().client();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Tables.Names names = new Tables.Names("c-snap-" + suffix, "c-alerts-" + suffix, "c-registry-" + suffix);
        Tables.createMissing(dynamo, names);
        var list = WatchlistJson.parseList(Files.readString(Path.of("../../../shared/samples/season-a/watchlist.json")));
        assertTrue(list.valid(), list.violations().toString());
        list.entries().forEach(e -> DynamoWatchlist.put(dynamo, names.registry(), e));
        DynamoFacilityDirectory facilities = new DynamoFacilityDirectory(dynamo, names.registry());
        facilities.put(new Facility("CHU-IDF-01", "CHU Paris Nord", "11", null));
        facilities.put(new Facility("CH-BRE-08", "CH de Quimper", "53", null));
        // thirty days of CHU-IDF-01's HFNC-PED running down, 12 a day, a delivery expected
        List<Snapshot> days = new ArrayList<>();
        for (int d = 0; d < 30; d++) {
            days.add(new Snapshot("CHU-IDF-01", "HFNC-PED", START.plus(Duration.ofDays(d)), 500 - 12L * d, 12L, 0L, 100L,
                    LocalDate.of(2025, 12, 5)));
        }
        new DynamoSnapshotStore(dynamo, names.snapshots()).storeNew(days);
        DynamoAlertStore alerts = new DynamoAlertStore(dynamo, names.alerts());
        transition(alerts, "CHU-IDF-01", AlertLevel.WARNING, null, START.plus(Duration.ofDays(20)), 17.0);
        transition(alerts, "CHU-IDF-01", AlertLevel.CRITICAL, AlertLevel.WARNING, START.plus(Duration.ofDays(29)), 7.5);
        transition(alerts, "CH-BRE-08", AlertLevel.CRITICAL, null, Instant.parse("2025-10-15T05:00:00Z"), 5.0);
        new DynamoDisruptionStore(dynamo, names.alerts()).recordEvent(new SupplyDisruptionEvent("HFNC-PED#2025-11-20", "HFNC-PED",
                DisruptionStatus.OPEN, START.plus(Duration.ofDays(25)), START.plus(Duration.ofDays(19)),
                List.of("CHU-IDF-01", "CH-BRE-08"), DisruptionKind.DELAY, 12, null));
        Clock clock = Clock.fixed(Instant.parse("2025-12-15T00:00:00Z"), ZoneOffset.UTC);
        DynamoDbClient counted = DynamoDbLocalServer.get().clientBuilder().overrideConfiguration(c -> c.addExecutionInterceptor(
                new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof QueryRequest) {
                            QUERIES.incrementAndGet();
                        }
                    }
                })).build();
        handler = new ConsoleApiHandler(new ConsoleViews(new DynamoAlertLog(counted, names.alerts(), clock),
                new DynamoSeriesLog(dynamo, names.snapshots()), () -> DynamoWatchlist.load(dynamo, names.registry()), facilities, clock,
                new DynamoFollowUps(dynamo, names.alerts())));
    }

    private static void transition(DynamoAlertStore alerts, String facility, AlertLevel level, AlertLevel before, Instant at, double coverage) {
        alerts.recordTransition(new AlertEvent(AlertEvent.alertId(facility, "HFNC-PED", at), facility, "HFNC-PED", level, before, at,
                        coverage, LocalDate.ofInstant(at, ZoneOffset.UTC).plusDays((long) coverage), 100, 12,
                        List.of(level == AlertLevel.CRITICAL ? Reason.COVERAGE_BELOW_CRITICAL : Reason.COVERAGE_BELOW_WARNING)),
                new AlertState(level, AlertLevel.NONE, 0, at));
    }

    private static JsonNode ok(APIGatewayV2HTTPEvent event) {
        var response = handler.handleRequest(event, CONTEXT);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return body(response);
    }

    private static APIGatewayV2HTTPEvent asHospital(APIGatewayV2HTTPEvent event, String facility) {
        event.getRequestContext().getAuthorizer().getJwt().setClaims(new HashMap<>(Map.of("sub", "h-1", "custom:facilityId", facility)));
        return event;
    }

    @Test
    void openAlertsComeWorstFirstWithNamesFiguresAndLastReport() {
        JsonNode rows = ok(sample("alerts-open-http-get.json")).get("alerts");
        assertEquals(2, rows.size());
        JsonNode first = rows.get(0);
        assertEquals("CH-BRE-08", first.get("facilityId").asText(), "both critical: the least coverage first");
        assertEquals("CH de Quimper", first.get("facilityName").asText());
        assertEquals("Bretagne", first.get("regionLabel").asText());
        JsonNode paris = rows.get(1);
        assertEquals("CRITICAL", paris.get("level").asText());
        assertEquals(7.5, paris.get("coverageDays").asDouble());
        assertEquals("2025-11-30T05:00:00Z", paris.get("lastReport").asText());
        assertEquals("2025-11-30T05:00:00Z", paris.get("since").asText());
        assertTrue(paris.get("deviceName").asText().length() > "HFNC-PED".length(), "the device by name");
        assertTrue(paris.get("acknowledgement").isNull());

        JsonNode own = ok(asHospital(sample("alerts-open-http-get.json"), "CHU-IDF-01")).get("alerts");
        assertEquals(1, own.size());
        assertEquals("CHU-IDF-01", own.get(0).get("facilityId").asText());
    }

    @Test
    void historyPagesNewestFirstThroughMonthsWithTexts() {
        JsonNode first = ok(sample("alerts-http-get.json"));
        assertEquals(1, first.get("alerts").size());
        JsonNode newest = first.get("alerts").get(0);
        assertEquals("CHU-IDF-01", newest.get("event").get("facilityId").asText());
        assertEquals("CRITICAL", newest.get("event").get("level").asText());
        assertTrue(newest.get("texts").get("emailBody").asText().contains("Couverture projetée : 7,5 jours"), newest.toString());
        assertTrue(newest.get("texts").get("sms").asText().length() <= 160);
        String next = first.get("next").asText();

        APIGatewayV2HTTPEvent second = sample("alerts-http-get.json");
        second.getQueryStringParameters().put("cursor", next);
        JsonNode page2 = ok(second);
        assertEquals(1, page2.get("alerts").size());
        assertEquals("CH-BRE-08", page2.get("alerts").get(0).get("event").get("facilityId").asText(), "October, a month earlier");
        assertTrue(page2.get("next").isNull(), "no third critical");

        APIGatewayV2HTTPEvent hospital = asHospital(sample("alerts-http-get.json"), "CH-BRE-08");
        hospital.getQueryStringParameters().put("size", "50");
        JsonNode own = ok(hospital).get("alerts");
        assertEquals(1, own.size());
        assertEquals("CH-BRE-08", own.get(0).get("event").get("facilityId").asText(), "a hospital sees its own only");

        APIGatewayV2HTTPEvent all = sample("alerts-http-get.json");
        all.setQueryStringParameters(new HashMap<>(Map.of("size", "10")));
        assertEquals(3, ok(all).get("alerts").size());
    }

    @Test
    void invalidSearchNamesEachField() {
        APIGatewayV2HTTPEvent bad = sample("alerts-http-get.json");
        bad.setQueryStringParameters(new HashMap<>(Map.of("level", "ORANGE", "from", "01/11/2025", "size", "0")));
        var response = handler.handleRequest(bad, CONTEXT);
        assertEquals(400, response.getStatusCode());
        List<String> fields = new ArrayList<>();
        body(response).get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertEquals(List.of("level", "from", "size"), fields);

        // ids no alert carries: a repeated parameter (comma-joined by API Gateway), lower case, a key separator
        APIGatewayV2HTTPEvent ids = sample("alerts-http-get.json");
        ids.setQueryStringParameters(new HashMap<>(Map.of("facility", "CHU-IDF-01,CH-BRE-08", "device", "HFNC-PED#X")));
        var refused = handler.handleRequest(ids, CONTEXT);
        assertEquals(400, refused.getStatusCode(), refused.getBody());
        List<String> named = new ArrayList<>();
        body(refused).get("errors").forEach(e -> named.add(e.get("field").asText()));
        assertEquals(List.of("facility", "device"), named);
    }

    @Test
    void aTamperedCursorOrAnEndlessRangeIsA400NotA500NorAQueryPerEmptyMonth() {
        String next = ok(sample("alerts-http-get.json")).get("next").asText();
        String key = "\"pk\":\"FAC#CH-BRE-08#DEV#HFNC-PED\",\"sk\":\"EVENT#2025-10-15T05:00:00.000Z#CRITICAL\"";
        Map<String, String> tampered = new LinkedHashMap<>();
        tampered.put("a month of year 9999", "{\"month\":\"9999-12\"}");
        tampered.put("a key of another month", "{\"month\":\"2025-11\",\"key\":{" + key
                + ",\"logPk\":\"LOG#2025-10\",\"logSk\":\"2025-10-15T05:00:00.000Z#CH-BRE-08#HFNC-PED\"}}");
        tampered.put("a key outside the dates", "{\"month\":\"2025-11\",\"key\":{" + key
                + ",\"logPk\":\"LOG#2025-11\",\"logSk\":\"zzz\"}}");
        tampered.put("an empty key part", "{\"month\":\"2025-11\",\"key\":{\"pk\":\"\",\"sk\":1,"
                + "\"logPk\":\"LOG#2025-11\",\"logSk\":\"2025-11-20T05:00:00.000Z#CHU-IDF-01#HFNC-PED\"}}");
        for (var t : tampered.entrySet()) {
            APIGatewayV2HTTPEvent e = sample("alerts-http-get.json");
            e.getQueryStringParameters().put("cursor",
                    Base64.getUrlEncoder().withoutPadding().encodeToString(t.getValue().getBytes(StandardCharsets.UTF_8)));
            assertRefused(e, "cursor", t.getKey());
        }
        // the first page's cursor (October, the month of the next match) passed back with dates that end before it
        APIGatewayV2HTTPEvent otherDates = sample("alerts-http-get.json");
        otherDates.getQueryStringParameters().putAll(Map.of("cursor", next, "to", "2025-09-30"));
        assertRefused(otherDates, "cursor", "a cursor outside the dates asked");

        APIGatewayV2HTTPEvent yearOne = sample("alerts-http-get.json");
        yearOne.setQueryStringParameters(new HashMap<>(Map.of("from", "0001-01-01", "facility", "CH-NONE-99")));
        assertRefused(yearOne, "from", "no alert predates 2000");
        APIGatewayV2HTTPEvent centuries = sample("alerts-http-get.json");
        centuries.setQueryStringParameters(new HashMap<>(Map.of("from", "2000-01-01", "to", "9999-12-30", "facility", "CH-NONE-99")));
        assertRefused(centuries, "from", "eight thousand years");

        APIGatewayV2HTTPEvent lastDay = sample("alerts-http-get.json");
        lastDay.setQueryStringParameters(new HashMap<>(Map.of("from", "9999-12-01", "to", "9999-12-31")));
        QUERIES.set(0);
        assertEquals(0, ok(lastDay).get("alerts").size(), "the last day keys can order is a range like any other");
        APIGatewayV2HTTPEvent decade = sample("alerts-http-get.json");
        decade.setQueryStringParameters(new HashMap<>(Map.of("from", "2016-01-01", "to", "2025-12-31", "facility", "CH-NONE-99")));
        assertEquals(0, ok(decade).get("alerts").size());
        assertTrue(QUERIES.get() <= 1 + AlertQuery.MAX_MONTHS, QUERIES.get() + " queries for a month and a decade");
    }

    private static void assertRefused(APIGatewayV2HTTPEvent event, String field, String why) {
        QUERIES.set(0);
        var response = handler.handleRequest(event, CONTEXT);
        assertEquals(400, response.getStatusCode(), why + ": " + response.getBody());
        assertEquals(field, body(response).get("errors").get(0).get("field").asText(), why);
        assertTrue(QUERIES.get() <= AlertQuery.MAX_MONTHS, why + ": " + QUERIES.get() + " queries before the answer");
    }

    @Test
    void seriesHasTheSeasonSoFarItsProjectionThresholdsAndAlerts() {
        JsonNode series = ok(sample("series-http-get.json"));
        assertEquals(30, series.get("snapshots").size());
        assertEquals("2025-2026", series.get("season").asText());
        assertEquals(18, series.get("thresholds").get("warningDays").asInt());
        assertEquals(2, series.get("alerts").size());
        JsonNode outlook = series.get("outlook");
        assertEquals("2025-11-30", outlook.get("from").asText());
        assertTrue(outlook.get("days").size() >= 14);
        JsonNode day1 = outlook.get("days").get(0);
        assertTrue(day1.get("stockLow").asDouble() <= day1.get("stock").asDouble()
                && day1.get("stock").asDouble() <= day1.get("stockHigh").asDouble(), day1.toString());
        assertEquals(12.0, outlook.get("dailyUse").asDouble(), 1.0);
        // 152 on hand at 12 a day, plus the 100 expected on 5 December: the shelf lasts about 21 days
        assertEquals(21.0, outlook.get("shelfDays").asDouble(), 1.0);

        assertEquals(403, handler.handleRequest(asHospital(sample("series-http-get.json"), "CH-BRE-08"), CONTEXT).getStatusCode());
        assertEquals(200, handler.handleRequest(asHospital(sample("series-http-get.json"), "CHU-IDF-01"), CONTEXT).getStatusCode());
        APIGatewayV2HTTPEvent unknown = sample("series-http-get.json");
        unknown.setPathParameters(Map.of("facilityId", "CHU-IDF-01", "deviceId", "NOT-WATCHED"));
        assertEquals(404, handler.handleRequest(unknown, CONTEXT).getStatusCode());
    }

    @Test
    void disruptionsForOperatorsAndWhoIsSignedIn() {
        JsonNode rows = ok(sample("disruptions-http-get.json")).get("disruptions");
        assertEquals(1, rows.size());
        assertEquals(List.of("CHU Paris Nord", "CH de Quimper"),
                List.of(rows.get(0).get("facilityNames").get(0).asText(), rows.get(0).get("facilityNames").get(1).asText()));
        assertEquals(403, handler.handleRequest(asHospital(sample("disruptions-http-get.json"), "CHU-IDF-01"), CONTEXT).getStatusCode());

        JsonNode me = ok(sample("me-http-get.json"));
        assertTrue(me.get("operator").asBoolean());
        assertEquals("c.martin", me.get("username").asText());
        assertNull(me.get("region").textValue());
        APIGatewayV2HTTPEvent regional = sample("me-http-get.json");
        regional.getRequestContext().getAuthorizer().getJwt().getClaims().put(Caller.GROUPS_CLAIM, "[" + Caller.REGIONAL_OPERATORS_PREFIX + "84]");
        assertEquals("84", ok(regional).get("region").asText(), "a regional operator's region, for the console to show it first");
        JsonNode hospital = ok(asHospital(sample("me-http-get.json"), "CHU-IDF-01"));
        assertFalse(hospital.get("operator").asBoolean());
        APIGatewayV2HTTPEvent anonymous = sample("me-http-get.json");
        anonymous.getRequestContext().setAuthorizer(null);
        assertEquals(401, handler.handleRequest(anonymous, CONTEXT).getStatusCode());
    }
}
