package fr.vigie.fn.watchlist;

import fr.vigie.adapter.aws.HttpCaller;
import fr.vigie.domain.Caller;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.dynamodb.DynamoRegistryEditor;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.feed.WatchlistJson;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.testkit.DynamoDbLocalServer;
import fr.vigie.testkit.TestLambdaContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /watchlist on the events/ sample, the registry table on DynamoDB Local holding a small list. */
class WatchlistApiHandlerTest {

    private static final String LIST = """
            [{"deviceId": "HFNC-PED", "name": "Canule nasale haut debit pediatrique", "epidemics": ["BRONCHIOLITIS"],
              "unit": "piece", "emdn": "R0302", "season": {"start": "10-01", "end": "03-31"},
              "thresholds": {"warningDays": 21, "criticalDays": 10}},
             {"deviceId": "FFP2", "name": "Appareil de protection respiratoire FFP2", "epidemics": ["FLU", "COVID"],
              "unit": "piece", "season": {"start": "09-15", "end": "04-15"},
              "thresholds": {"warningDays": 30, "criticalDays": 14}, "active": false},
             {"deviceId": "NP-SWAB", "name": "Ecouvillon nasopharynge", "epidemics": ["FLU", "COVID", "BRONCHIOLITIS"],
              "unit": "piece", "season": {"start": "10-01", "end": "03-31"},
              "thresholds": {"warningDays": 14, "criticalDays": 7}}]
            """;

    private static ApiCalls api;
    private static List<WatchlistEntry> seasonA;

    @BeforeAll
    static void setUp() {
        api = new ApiCalls();
        var parsed = WatchlistJson.parseList(LIST);
        assertTrue(parsed.valid(), parsed.violations().toString());
        seasonA = parsed.entries();
        // written as before versions existed (DynamoWatchlist.put): they read as version 0
        seasonA.forEach(e -> DynamoWatchlist.put(api.dynamo, api.names.registry(), e));
    }

    @Test
    void listsEveryEntryInTheSpecShape() {
        APIGatewayV2HTTPResponse response = api.call(load());

        assertEquals(200, response.getStatusCode());
        JsonNode list = ApiCalls.body(response);
        assertEquals(seasonA.size(), list.size());
        List<String> ids = new ArrayList<>();
        list.forEach(n -> ids.add(n.get("deviceId").asText()));
        assertEquals(seasonA.stream().map(WatchlistEntry::deviceId).sorted().toList(), ids);
        JsonNode first = list.get(0);
        assertTrue(first.has("thresholds") && first.has("season") && first.has("epidemics"), first.toString());
        assertEquals(0, first.get("version").asLong(), "an entry written before versions existed is version 0");
    }

    @Test
    void oneEntryWithItsVersionAsETagOr404() {
        APIGatewayV2HTTPEvent one = load();
        one.setRouteKey("GET /watchlist/{deviceId}");
        one.setPathParameters(Map.of("deviceId", seasonA.get(0).deviceId()));
        APIGatewayV2HTTPResponse found = api.call(one);
        assertEquals(200, found.getStatusCode());
        assertEquals(seasonA.get(0).deviceId(), ApiCalls.body(found).get("deviceId").asText());
        assertEquals("\"0\"", found.getHeaders().get("ETag"));

        one.setPathParameters(Map.of("deviceId", "NOPE"));
        APIGatewayV2HTTPResponse missing = api.call(one);
        assertEquals(404, missing.getStatusCode());
        assertTrue(missing.getHeaders().get("Content-Type").startsWith("application/problem+json"));
        assertEquals(404, ApiCalls.body(missing).get("status").asInt());
    }

    @Test
    void aHospitalReadsTheListButSeesNotWhoChangedIt() {
        APIGatewayV2HTTPResponse response = api.call(ApiCalls.as(load(), ApiCalls.hospital("CHU-IDF-01")));
        assertEquals(200, response.getStatusCode());
        ApiCalls.body(response).forEach(n -> assertTrue(!n.has("updatedBy"), n.toString()));
    }

    @Test
    void theSampleCarriesTheAuthorizersClaims() {
        APIGatewayV2HTTPEvent e = load();
        Caller caller = HttpCaller.of(e).orElseThrow();
        assertTrue(caller.operator());
        assertEquals("c.martin", caller.who());
    }

    @Test
    void everyDeclaredRouteIsServedAndAnUnknownOneIs404() {
        for (String route : WatchlistApiHandler.ROUTES) {
            APIGatewayV2HTTPEvent e = load();
            e.setRouteKey(route);
            e.setPathParameters(Map.of("deviceId", "NOPE", "facilityId", "NOPE"));
            APIGatewayV2HTTPResponse r = api.call(e);
            assertTrue(r.getStatusCode() != 404 || !r.getBody().contains("unknown-route"), route + " is served: " + r.getBody());
        }
        APIGatewayV2HTTPEvent e = load();
        e.setRouteKey("DELETE /watchlist/{deviceId}");
        assertEquals(404, api.call(e).getStatusCode());
    }

    private static APIGatewayV2HTTPEvent load() {
        return ApiCalls.sample("watchlist-http-get.json");
    }

    @Test
    void anUnexpectedFailureIsAProblem500LoggedAtError() throws Exception {
        WatchlistApiHandler broken = new WatchlistApiHandler(new DynamoRegistryEditor(
                DynamoDbLocalServer.get().client(), "no-such-registry"), Clock.systemUTC());
        TestLambdaContext context = new TestLambdaContext("watchlist-api");
        var answer = broken.handleRequest(ApiCalls.sample("watchlist-http-get.json"), context);
        assertEquals(500, answer.getStatusCode(), answer.getBody());
        assertEquals("urn:vigie:problem:internal-error", ApiCalls.body(answer).get("type").asText());
        assertEquals(1, context.loggedErrors().size(), String.join("\n", context.logged()));
    }
}
