package fr.vigie.fn.watchlist;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.adapter.feed.Json;
import fr.vigie.adapter.feed.WatchlistJson;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.testkit.DynamoDbLocalServer;
import fr.vigie.testkit.ProjectRoot;
import fr.vigie.testkit.TestLambdaContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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

    private static final Tables.Names NAMES = new Tables.Names("wlapi-snapshots", "wlapi-alerts", "wlapi-registry");
    private static DynamoDbClient dynamo;
    private static List<WatchlistEntry> seasonA;

    @BeforeAll
    static void setUp() throws Exception {
        dynamo = DynamoDbLocalServer.get().client();
        Tables.createMissing(dynamo, NAMES);
        var parsed = WatchlistJson.parseList(LIST);
        assertTrue(parsed.valid(), parsed.violations().toString());
        seasonA = parsed.entries();
        seasonA.forEach(e -> DynamoWatchlist.put(dynamo, NAMES.registry(), e));
    }

    @Test
    void listsEveryEntryInTheSpecShape() throws Exception {
        APIGatewayV2HTTPResponse response = handle(load());

        assertEquals(200, response.getStatusCode());
        JsonNode list = Json.MAPPER.readTree(response.getBody());
        assertEquals(seasonA.size(), list.size());
        List<String> ids = new ArrayList<>();
        list.forEach(n -> ids.add(n.get("deviceId").asText()));
        assertEquals(seasonA.stream().map(WatchlistEntry::deviceId).sorted().toList(), ids);
        JsonNode first = list.get(0);
        assertTrue(first.has("thresholds") && first.has("season") && first.has("epidemics"), first.toString());
    }

    @Test
    void oneEntryOr404() throws Exception {
        APIGatewayV2HTTPEvent one = load();
        one.setRouteKey("GET /watchlist/{deviceId}");
        one.setPathParameters(Map.of("deviceId", seasonA.get(0).deviceId()));
        APIGatewayV2HTTPResponse found = handle(one);
        assertEquals(200, found.getStatusCode());
        assertEquals(seasonA.get(0).deviceId(), Json.MAPPER.readTree(found.getBody()).get("deviceId").asText());

        one.setPathParameters(Map.of("deviceId", "NOPE"));
        assertEquals(404, handle(one).getStatusCode());
    }

    private static APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return new WatchlistApiHandler(dynamo, NAMES.registry()).handleRequest(event, new TestLambdaContext("watchlist-api"));
    }

    private static APIGatewayV2HTTPEvent load() {
        return EventLoader.loadApiGatewayHttpEvent(ProjectRoot.find().resolve("events/watchlist-http-get.json").toString());
    }
}
