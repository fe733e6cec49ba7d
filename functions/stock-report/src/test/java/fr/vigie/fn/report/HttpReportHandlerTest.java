package fr.vigie.fn.report;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.Snapshot;
import fr.vigie.testkit.DynamoDbLocalServer;
import fr.vigie.testkit.ProjectRoot;
import fr.vigie.testkit.TestLambdaContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /stock-reports on the events/ samples (JSON and CSV bodies), against DynamoDB Local. */
class HttpReportHandlerTest {

    // fresh tables for each test: one test's registered facilities must not make another's unknown
    private static Tables.Names NAMES;
    private static DynamoDbClient dynamo;

    @BeforeEach
    void setUp() {
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        NAMES = new Tables.Names("httprep-snapshots-" + run, "httprep-alerts-" + run, "httprep-registry-" + run);
        dynamo = DynamoDbLocalServer.get().client();
        Tables.createMissing(dynamo, NAMES);
        ReportFixtures.watchlist(dynamo, NAMES.registry());
    }

    @Test
    void jsonReportStoresTheGoodItemsAndNamesTheRefusedOnes() throws Exception {
        APIGatewayV2HTTPResponse response = handle(load("stock-report-http-json.json"));

        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode answer = Json.MAPPER.readTree(response.getBody());
        assertEquals(4, answer.get("read").asInt());
        assertEquals(2, answer.get("stored").asInt());
        assertEquals(2, answer.get("rejectedCount").asInt());
        assertEquals(List.of(3L, 4L), positions(answer));
        assertEquals("UNKNOWN_DEVICE", answer.get("rejected").get(0).get("code").asText());
        assertEquals("NEGATIVE_VALUE", answer.get("rejected").get(1).get("code").asText());

        List<Map<String, AttributeValue>> polls = ReportFixtures.pollsOf(dynamo, NAMES.snapshots(), "CHU-IDF-01");
        assertEquals(1, polls.size(), "one item for the report's devices");
        assertEquals("FAC#CHU-IDF-01", polls.get(0).get("pk").s());
        assertEquals("POLL#2025-11-02T05:00:00.000Z", polls.get(0).get("sk").s());
        List<Snapshot> stored = ReportFixtures.snapshotsOf(dynamo, NAMES.snapshots(), "CHU-IDF-01");
        Snapshot hfnc = stored.stream().filter(i -> i.deviceId().equals("HFNC-PED")).findFirst().orElseThrow();
        assertEquals(120, hfnc.onHand());
        assertEquals(31L, hfnc.consumed());
        assertEquals(LocalDate.parse("2025-11-05"), hfnc.expectedDelivery());
        assertEquals(Set.of("HFNC-PED", "NEB-MASK-PED"), stored.stream().map(Snapshot::deviceId).collect(Collectors.toSet()));
    }

    @Test
    void csvReportStoresEachSnapshotOnceAndRefusesTheBadLine() throws Exception {
        APIGatewayV2HTTPResponse response = handle(load("stock-report-http-csv.json"));

        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode answer = Json.MAPPER.readTree(response.getBody());
        assertEquals(5, answer.get("read").asInt());
        assertEquals(3, answer.get("stored").asInt());
        assertEquals(1, answer.get("duplicates").asInt());
        assertEquals(List.of(5L), positions(answer), "line 5 of the file (the header is line 1)");
        assertEquals("INVALID_NUMBER", answer.get("rejected").get(0).get("code").asText());
        assertEquals(3, ReportFixtures.snapshotsOf(dynamo, NAMES.snapshots(), "CH-HDF-03").size());

        JsonNode again = Json.MAPPER.readTree(handle(load("stock-report-http-csv.json")).getBody());
        assertEquals(0, again.get("stored").asInt(), "a report sent twice stores nothing twice");
        assertEquals(4, again.get("duplicates").asInt());
    }

    /** Issue 17: a second report with another stock for a stored key is a CONFLICT with both values, not a duplicate. */
    @Test
    void anotherStockForAStoredSnapshotIsAConflictAndTheFirstStays() throws Exception {
        APIGatewayV2HTTPEvent first = load("stock-report-http-json.json");
        first.setBody(first.getBody().replace("2025-11-02T05:00:00Z", "2025-10-30T05:00:00Z"));
        JsonNode firstAnswer = Json.MAPPER.readTree(handle(first).getBody());
        assertEquals(2, firstAnswer.get("stored").asInt(), firstAnswer.toString());
        APIGatewayV2HTTPEvent second = load("stock-report-http-json.json");
        second.setBody(first.getBody().replace("\"onHand\":120", "\"onHand\":95"));

        APIGatewayV2HTTPResponse response = handle(second);
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode answer = Json.MAPPER.readTree(response.getBody());
        assertEquals(0, answer.get("stored").asInt());
        assertEquals(1, answer.get("duplicates").asInt(), "NEB-MASK-PED again with the same stock");
        assertEquals(1, answer.get("conflictCount").asInt());
        JsonNode conflict = answer.get("conflicts").get(0);
        assertEquals("CONFLICT", conflict.get("code").asText());
        assertEquals(1, conflict.get("line").asInt(), "the report's first item");
        assertEquals(120, conflict.get("stored").get("onHand").asInt());
        assertEquals(95, conflict.get("offered").get("onHand").asInt());
        assertTrue(conflict.get("message").asText().contains("30/10/2025 06:00"), conflict.get("message").asText());
        Snapshot kept = ReportFixtures.snapshotsOf(dynamo, NAMES.snapshots(), "CHU-IDF-01").stream()
                .filter(i -> i.timestamp().toString().startsWith("2025-10-30") && i.deviceId().equals("HFNC-PED"))
                .findFirst().orElseThrow();
        assertEquals(120, kept.onHand(), "nothing overwritten");
    }

    @Test
    void notAReportIs400AndAnotherMediaTypeIs415() throws Exception {
        APIGatewayV2HTTPEvent garbage = load("stock-report-http-json.json");
        garbage.setBody("{\"facilityId\": \"CHU-IDF-01\", \"items\": 12}");
        APIGatewayV2HTTPResponse bad = handle(garbage);
        assertEquals(400, bad.getStatusCode());
        assertTrue(bad.getHeaders().get("Content-Type").startsWith("application/problem+json"));
        assertTrue(Json.MAPPER.readTree(bad.getBody()).get("detail").asText().contains("items"));

        // the feed CSV sent as JSON: told what it is, not « syntaxe JSON invalide » at line 1, column 10
        APIGatewayV2HTTPEvent csvAsJson = load("stock-report-http-json.json");
        csvAsJson.setBody("timestamp,facility_id,device_id,on_hand\n2025-11-02T05:00:00Z,CHU-IDF-01,HFNC-PED,120\n");
        APIGatewayV2HTTPResponse refused = handle(csvAsJson);
        assertEquals(400, refused.getStatusCode());
        assertTrue(refused.getBody().contains("ce n'est pas un document JSON (il commence par « timestamp,facility_id"), refused.getBody());

        APIGatewayV2HTTPEvent xml = load("stock-report-http-json.json");
        Map<String, String> headers = new HashMap<>(xml.getHeaders());
        headers.put("content-type", "application/xml");
        xml.setHeaders(headers);
        assertEquals(415, handle(xml).getStatusCode());
    }

    @Test
    void aHospitalReportsForItselfOnlyAndAnAnonymousCallIs401() throws Exception {
        APIGatewayV2HTTPEvent forOther = load("stock-report-http-json.json");
        forOther.setBody(forOther.getBody().replace("CHU-IDF-01", "CH-OCC-05"));
        JsonNode answer = Json.MAPPER.readTree(handle(forOther).getBody());
        assertEquals(0, answer.get("stored").asInt());
        assertEquals(2, answer.get("rejectedByCode").get("FACILITY_NOT_ALLOWED").asInt(), "the two good items, refused");
        assertEquals(List.of(), ReportFixtures.snapshotsOf(dynamo, NAMES.snapshots(), "CH-OCC-05"));

        APIGatewayV2HTTPEvent anonymous = load("stock-report-http-json.json");
        anonymous.getRequestContext().setAuthorizer(null);
        assertEquals(401, handle(anonymous).getStatusCode());
    }

    @Test
    void aRegionalOperatorReportsForItsRegionsRegisteredFacilitiesOnly() throws Exception {
        DynamoFacilityDirectory registry = new DynamoFacilityDirectory(dynamo, NAMES.registry());
        registry.put(new fr.vigie.domain.Facility("CH-IDF-44", "CH Melun", "11", null));
        registry.put(new fr.vigie.domain.Facility("CH-HDF-44", "CH Lens", "32", null));
        for (Map.Entry<String, Integer> c : Map.of("CH-IDF-44", 2, "CH-HDF-44", 0, "CH-NOWHERE-44", 0).entrySet()) {
            APIGatewayV2HTTPEvent report = load("stock-report-http-json.json");
            report.setBody(report.getBody().replace("CHU-IDF-01", c.getKey()));
            report.getRequestContext().getAuthorizer().getJwt().setClaims(Map.of("sub", "ars-idf", "cognito:groups", "[operators-11]"));
            JsonNode answer = Json.MAPPER.readTree(handle(report).getBody());
            assertEquals((int) c.getValue(), answer.get("stored").asInt(), c.getKey() + " " + answer);
            if (c.getValue() == 0) {
                assertEquals(2, answer.get("rejectedByCode").get("FACILITY_NOT_ALLOWED").asInt(), c.getKey());
            }
        }
        APIGatewayV2HTTPEvent lookalike = load("stock-report-http-json.json");
        lookalike.getRequestContext().getAuthorizer().getJwt().setClaims(Map.of("sub", "x", "cognito:groups", "[operators-]"));
        assertEquals(403, handle(lookalike).getStatusCode());
    }

    @Test
    void futureDatedRowsAndIdsOutsideTheRuleAreRefusedAtIngestion() throws Exception {
        APIGatewayV2HTTPEvent csv = load("stock-report-http-csv.json");
        String header = "timestamp,facility_id,device_id,on_hand,consumed,received,on_order,expected_delivery\n";
        csv.setIsBase64Encoded(false);
        csv.setBody(header + "2099-01-01T05:00:00Z,CH-HDF-03,HFNC-PED,5000,0,0,0,\n"
                + "+10000-01-05T05:00:00Z,CH-HDF-03,HFNC-PED,5000,0,0,0,\n"
                + "2025-11-01T05:00:00Z,CH-HDF-03,HFNC-PED,12,\"1\n2\",0,0,\n");
        JsonNode answer = Json.MAPPER.readTree(handle(csv).getBody());
        assertEquals(List.of("TIMESTAMP_OUT_OF_RANGE", "TIMESTAMP_OUT_OF_RANGE", "INVALID_NUMBER"),
                codes(answer), answer.toString());
        assertEquals(List.of(2L, 3L, 4L), positions(answer));
    }

    @Test
    void anOversizedReportIs413AndPointsToTheFileDrop() throws Exception {
        APIGatewayV2HTTPEvent huge = load("stock-report-http-json.json");
        huge.setBody("x".repeat(HttpReportHandler.MAX_BODY_BYTES + 1));
        APIGatewayV2HTTPResponse answer = handle(huge);
        assertEquals(413, answer.getStatusCode());
        assertTrue(Json.MAPPER.readTree(answer.getBody()).get("detail").asText().contains("S3"));
    }

    @Test
    void aBodyThatIsNotTheBase64ItClaimsIs400NotAnUncaught500() throws Exception {
        APIGatewayV2HTTPEvent bad = load("stock-report-http-json.json");
        bad.setBody("%%% pas du base64 %%%");
        bad.setIsBase64Encoded(true);
        APIGatewayV2HTTPResponse answer = handle(bad);
        assertEquals(400, answer.getStatusCode(), answer.getBody());
        JsonNode problem = Json.MAPPER.readTree(answer.getBody());
        assertEquals("urn:vigie:problem:invalid-input", problem.get("type").asText());
        assertEquals("(corps)", problem.at("/errors/0/field").asText());

        APIGatewayV2HTTPEvent good = load("stock-report-http-json.json");
        String another = good.getBody().replace("CHU-IDF-01", "CH-B64-01");
        good.setBody(java.util.Base64.getEncoder().encodeToString(another.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        good.setIsBase64Encoded(true);
        good.getRequestContext().getAuthorizer().getJwt().setClaims(Map.of("sub", "op", "cognito:groups", "[operators]"));
        APIGatewayV2HTTPResponse read = handle(good);
        assertEquals(200, read.getStatusCode(), read.getBody());
        assertEquals(2, Json.MAPPER.readTree(read.getBody()).get("stored").asInt(), "a well-encoded body is read as the plain one");
    }

    @Test
    void anUnexpectedFailureIsAProblem500LoggedAtError() throws Exception {
        TestLambdaContext context = new TestLambdaContext("stock-report-http");
        APIGatewayV2HTTPResponse answer = new HttpReportHandler(new DynamoSnapshotStore(dynamo, NAMES.snapshots()), () -> DynamoWatchlist.load(dynamo, "no-such-registry-table"),
                new DynamoFacilityDirectory(dynamo, "no-such-registry-table"))
                .handleRequest(load("stock-report-http-json.json"), context);
        assertEquals(500, answer.getStatusCode(), answer.getBody());
        assertTrue(answer.getHeaders().get("Content-Type").startsWith("application/problem+json"));
        assertEquals("urn:vigie:problem:internal-error", Json.MAPPER.readTree(answer.getBody()).get("type").asText());
        assertEquals(1, context.loggedErrors().size(), String.join("\n", context.logged()));
        assertTrue(context.loggedErrors().get(0).contains("ResourceNotFoundException"), context.loggedErrors().get(0));
    }

    private static APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return new HttpReportHandler(new DynamoSnapshotStore(dynamo, NAMES.snapshots()), () -> DynamoWatchlist.load(dynamo, NAMES.registry()),
                new DynamoFacilityDirectory(dynamo, NAMES.registry()), fr.vigie.domain.SnapshotAdmission.Window.DEFAULT, ReportFixtures.RECEIVED)
                .handleRequest(event, new TestLambdaContext("stock-report-http"));
    }

    private static APIGatewayV2HTTPEvent load(String name) {
        return EventLoader.loadApiGatewayHttpEvent(ProjectRoot.find().resolve("events/" + name).toString());
    }

    private static List<String> codes(JsonNode answer) {
        List<String> codes = new java.util.ArrayList<>();
        answer.get("rejected").forEach(r -> codes.add(r.get("code").asText()));
        return codes;
    }

    private static List<Long> positions(JsonNode answer) {
        List<Long> lines = new java.util.ArrayList<>();
        answer.get("rejected").forEach(r -> lines.add(r.get("line").asLong()));
        return lines;
    }
}
