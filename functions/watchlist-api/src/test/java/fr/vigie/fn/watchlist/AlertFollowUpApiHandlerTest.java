package fr.vigie.fn.watchlist;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.dynamodb.DynamoAlertLog;
import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoFollowUps;
import fr.vigie.adapter.dynamodb.DynamoSeriesLog;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.app.ConsoleViews;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.adapter.dynamodb.DynamoRegistryEditor;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.Facility;
import fr.vigie.domain.FacilityContact;
import fr.vigie.domain.RegisteredFacility;
import fr.vigie.domain.SeasonWindow;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.port.Registry;
import fr.vigie.domain.Reason;
import fr.vigie.domain.forecast.AlertState;
import fr.vigie.testkit.DynamoDbLocalServer;
import fr.vigie.testkit.TestLambdaContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Set;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static fr.vigie.fn.watchlist.ApiCalls.as;
import static fr.vigie.fn.watchlist.ApiCalls.body;
import static fr.vigie.fn.watchlist.ApiCalls.sample;
import static fr.vigie.fn.watchlist.ApiCalls.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /alerts/{alertId}/ack} on DynamoDB Local: stored with who, role and when, audited in
 * the same write, idempotent, shown by the console's open alerts; another facility's hospital or
 * another region's operator is refused (403), an unknown alert is 404, a closed alert or a second,
 * different acknowledgement 409 — each a problem document.
 */
class AlertFollowUpApiHandlerTest {

    static final Instant OPENED = Instant.parse("2025-11-20T05:00:00Z");
    static final Instant NOW = Instant.parse("2025-11-20T09:30:00Z");

    final DynamoDbClient dynamo = DynamoDbLocalServer.get().client();
    final Tables.Names names;
    final AlertFollowUpApiHandler handler;
    final ConsoleViews views;
    final DynamoAlertStore alerts;

    AlertFollowUpApiHandlerTest() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        names = new Tables.Names("k-snap-" + suffix, "k-alerts-" + suffix, "k-registry-" + suffix);
        Tables.createMissing(dynamo, names);
        DynamoFacilityDirectory facilities = new DynamoFacilityDirectory(dynamo, names.registry());
        DynamoRegistryEditor registry = new DynamoRegistryEditor(dynamo, names.registry());
        Registry.Author author = new Registry.Author("test", "CREATE", OPENED);
        registry.create(new RegisteredFacility(new Facility("CH-HDF-01", "CH de Lille", "32", null), null), author);
        registry.create(new RegisteredFacility(new Facility("CH-HDF-02", "CH d'Amiens", "32", null),
                new FacilityContact("Pharmacie", "pui@amiens.example", "03 22 00 00 00")), author);
        registry.create(new RegisteredFacility(new Facility("CH-HDF-03", "CH de Calais", "32", null), null), author);
        registry.create(new RegisteredFacility(new Facility("CHU-IDF-01", "CHU Paris Nord", "11", null), null), author);
        DynamoWatchlist.put(dynamo, names.registry(), new WatchlistEntry("HFNC-PED", "Canule nasale haut débit pédiatrique",
                Set.of(Epidemic.BRONCHIOLITIS), "pièce", null, null, new SeasonWindow(MonthDay.of(9, 1), MonthDay.of(4, 30)),
                new Thresholds(14, 7), true));
        // Amiens holds 60 days (600 at 10 a day), Calais 5 days, Paris 90 days but in another region
        List<Snapshot> rows = new ArrayList<>();
        for (int d = 0; d < 20; d++) {
            Instant at = OPENED.minus(Duration.ofDays(20 - d));
            rows.add(new Snapshot("CH-HDF-02", "HFNC-PED", at, 600, 10L, 0L, 0L, null));
            rows.add(new Snapshot("CH-HDF-03", "HFNC-PED", at, 50, 10L, 0L, 0L, null));
            rows.add(new Snapshot("CHU-IDF-01", "HFNC-PED", at, 900, 10L, 0L, 0L, null));
        }
        new DynamoSnapshotStore(dynamo, names.snapshots()).storeNew(rows);
        alerts = new DynamoAlertStore(dynamo, names.alerts());
        alerts.recordTransition(event("CH-HDF-01", AlertLevel.CRITICAL, OPENED), new AlertState(AlertLevel.CRITICAL, AlertLevel.NONE, 0, OPENED));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        DynamoFollowUps followUps = new DynamoFollowUps(dynamo, names.alerts());
        handler = new AlertFollowUpApiHandler(dynamo, names.alerts(), names.registry(), names.snapshots(), clock);
        views = new ConsoleViews(new DynamoAlertLog(dynamo, names.alerts(), clock), new DynamoSeriesLog(dynamo, names.snapshots()),
                () -> DynamoWatchlist.load(dynamo, names.registry()), facilities, clock, followUps);
    }

    static AlertEvent event(String facility, AlertLevel level, Instant at) {
        return new AlertEvent(AlertEvent.alertId(facility, "HFNC-PED", at), facility, "HFNC-PED", level, null, at, 3.0,
                LocalDate.of(2025, 11, 23), 30, 10, List.of(Reason.COVERAGE_BELOW_CRITICAL));
    }

    APIGatewayV2HTTPResponse ack(String alertId, Map<String, String> claims, String body) {
        APIGatewayV2HTTPEvent e = with(sample("alerts-http-get.json"), "POST /alerts/{alertId}/ack",
                Map.of("alertId", URLEncoder.encode(alertId, StandardCharsets.UTF_8)), body, null);
        Map<String, String> headers = new HashMap<>(e.getHeaders());
        headers.put("content-type", "application/json");
        e.setHeaders(headers);
        return handler.handleRequest(as(e, claims), new TestLambdaContext("ack"));
    }

    static Map<String, String> hospital(String facility) {
        return Map.of("sub", "h-" + facility, "cognito:username", "pharmacien-" + facility, "custom:facilityId", facility);
    }

    static final String URGENT = "{\"action\": \"URGENT_ORDER\", \"note\": \"commande passée à 9 h\"}";

    @Test
    void theHospitalAcknowledgesItsAlertStoredAuditedAndShown() {
        String alertId = event("CH-HDF-01", AlertLevel.CRITICAL, OPENED).alertId();
        APIGatewayV2HTTPResponse created = ack(alertId, hospital("CH-HDF-01"), URGENT);
        assertEquals(201, created.getStatusCode(), created.getBody());
        JsonNode ack = body(created);
        assertEquals("pharmacien-CH-HDF-01", ack.get("by").asText());
        assertEquals("facility", ack.get("role").asText());
        assertEquals("commande urgente passée", ack.get("actionLabel").asText());
        assertEquals(NOW.toString(), ack.get("at").asText());

        List<Map<String, AttributeValue>> audit = dynamo.query(b -> b.tableName(names.alerts()).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("AUDIT#ALERT#" + alertId)))).items();
        assertEquals(1, audit.size(), "one audit record");
        assertEquals("URGENT_ORDER", audit.get(0).get("action").s());
        assertEquals("pharmacien-CH-HDF-01", audit.get(0).get("by").s());

        APIGatewayV2HTTPResponse again = ack(alertId, hospital("CH-HDF-01"), URGENT);
        assertEquals(200, again.getStatusCode(), "the same acknowledgement again is idempotent: " + again.getBody());
        assertEquals(1, dynamo.query(b -> b.tableName(names.alerts()).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("AUDIT#ALERT#" + alertId)))).items().size());

        APIGatewayV2HTTPResponse other = ack(alertId, Map.of("sub", "op-1", "cognito:groups", "[operators-32]"), "{\"action\": \"OTHER\"}");
        assertEquals(409, other.getStatusCode(), other.getBody());
        assertEquals("urn:vigie:problem:already-exists", body(other).get("type").asText());

        ConsoleViews.OpenAlertRow row = views.openAlerts("CH-HDF-01").get(0);
        assertEquals(alertId, row.alertId());
        assertEquals("commande passée à 9 h", row.acknowledgement().note());
    }

    /** The sample event as API Gateway delivers it: CHU-IDF-01's pharmacy acknowledges its CRITICAL. */
    @Test
    void theSampleEventAcknowledges() {
        Instant at = Instant.parse("2025-11-02T05:00:00Z");
        new DynamoRegistryEditor(dynamo, names.registry()).create(new RegisteredFacility(new Facility("CHU-IDF-01", "CHU Paris Nord", "11", null),
                null), new Registry.Author("test", "CREATE", at));
        AlertEvent critical = event("CHU-IDF-01", AlertLevel.CRITICAL, at);
        alerts.recordTransition(critical, new AlertState(AlertLevel.CRITICAL, AlertLevel.NONE, 0, at));
        APIGatewayV2HTTPResponse r = handler.handleRequest(sample("alerts-ack-http-post.json"), new TestLambdaContext("ack"));
        assertEquals(201, r.getStatusCode(), r.getBody());
        assertEquals(critical.alertId(), body(r).get("alertId").asText());
        assertEquals("pharmacie.chu-idf-01", body(r).get("by").asText());
    }

    @Test
    void aHospitalCannotAcknowledgeAnotherFacilitysAlertNorAnOperatorAnotherRegions() {
        String alertId = event("CH-HDF-01", AlertLevel.CRITICAL, OPENED).alertId();
        APIGatewayV2HTTPResponse refused = ack(alertId, hospital("CH-HDF-02"), URGENT);
        assertEquals(403, refused.getStatusCode(), refused.getBody());
        assertEquals("urn:vigie:problem:forbidden", body(refused).get("type").asText());
        APIGatewayV2HTTPResponse otherRegion = ack(alertId, Map.of("sub", "op-11", "cognito:groups", "[operators-11]"), URGENT);
        assertEquals(403, otherRegion.getStatusCode(), otherRegion.getBody());
        APIGatewayV2HTTPResponse regional = ack(alertId, Map.of("sub", "op-32", "cognito:username", "ars-hdf", "cognito:groups", "[operators-32]"),
                "{\"action\": \"LOAN_REQUESTED\"}");
        assertEquals(201, regional.getStatusCode(), regional.getBody());
        assertEquals("operators-32", body(regional).get("role").asText());
    }

    APIGatewayV2HTTPResponse neighbours(String alertId, Map<String, String> claims) {
        APIGatewayV2HTTPEvent e = with(sample("alerts-http-get.json"), "GET /alerts/{alertId}/neighbours",
                Map.of("alertId", URLEncoder.encode(alertId, StandardCharsets.UTF_8)), null, null);
        return handler.handleRequest(as(e, claims), new TestLambdaContext("neighbours"));
    }

    @Test
    void theNeighboursAreOfTheSameRegionWithComfortableCoverageAndShownOnlyToThoseConcerned() {
        String alertId = event("CH-HDF-01", AlertLevel.CRITICAL, OPENED).alertId();
        for (Map<String, String> who : List.of(hospital("CH-HDF-01"), Map.of("sub", "op-32", "cognito:groups", "[operators-32]"),
                Map.of("sub", "op", "cognito:groups", "[operators]"))) {
            APIGatewayV2HTTPResponse r = neighbours(alertId, who);
            assertEquals(200, r.getStatusCode(), r.getBody());
            JsonNode list = body(r).get("neighbours");
            assertEquals(1, list.size(), "Amiens only (Calais 5 days < 2 x 14; Paris in another region): " + r.getBody());
            assertEquals("CH-HDF-02", list.get(0).get("facilityId").asText());
            assertEquals("32", list.get(0).get("region").asText());
            assertTrue(list.get(0).get("coverageDays").asDouble() >= 28, r.getBody());
            assertTrue(list.get(0).get("contact").asText().contains("pui@amiens.example"), r.getBody());
        }
        assertEquals(403, neighbours(alertId, hospital("CH-HDF-02")).getStatusCode(), "another hospital, even of the region");
        assertEquals(403, neighbours(alertId, hospital("CHU-IDF-01")).getStatusCode(), "a hospital of another region");
        assertEquals(403, neighbours(alertId, Map.of("sub", "op-11", "cognito:groups", "[operators-11]")).getStatusCode());
    }

    @Test
    void unknownClosedOrBadRequestsAreProblems() {
        assertEquals(404, ack("CH-HDF-01#HFNC-PED#2025-01-01T00:00:00Z", hospital("CH-HDF-01"), URGENT).getStatusCode());
        assertEquals(404, ack("not-an-alert", hospital("CH-HDF-01"), URGENT).getStatusCode());
        String alertId = event("CH-HDF-01", AlertLevel.CRITICAL, OPENED).alertId();
        APIGatewayV2HTTPResponse bad = ack(alertId, hospital("CH-HDF-01"), "{\"action\": \"PRAY\"}");
        assertEquals(400, bad.getStatusCode(), bad.getBody());
        // a note over 500 characters was cut without a word: refused, naming the field and the limit
        APIGatewayV2HTTPResponse longNote = ack(alertId, hospital("CH-HDF-01"), "{\"action\": \"OTHER\", \"note\": \"" + "n".repeat(501) + "\"}");
        assertEquals(400, longNote.getStatusCode(), longNote.getBody());
        assertEquals("note", body(longNote).at("/errors/0/field").asText());
        assertTrue(body(longNote).at("/errors/0/message").asText().contains("500 au plus"), longNote.getBody());
        Instant closed = OPENED.plusSeconds(86_400);
        alerts.recordTransition(event("CH-HDF-01", AlertLevel.RECOVERED, closed), new AlertState(AlertLevel.NONE, AlertLevel.NONE, 0, closed));
        APIGatewayV2HTTPResponse late = ack(alertId, hospital("CH-HDF-01"), URGENT);
        assertEquals(409, late.getStatusCode(), late.getBody());
        assertTrue(body(late).get("detail").asText().contains("n'est plus ouverte"), late.getBody());
    }
}
