package fr.vigie.fn.watchlist;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.dynamodb.DynamoEpidemicSignals;
import fr.vigie.adapter.dynamodb.DynamoRegistryEditor;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.adapter.feed.Json;
import fr.vigie.testkit.DynamoDbLocalServer;
import fr.vigie.testkit.ProjectRoot;
import fr.vigie.testkit.TestLambdaContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Test helper: the events/ samples through the real handler on a fresh registry table of
 * DynamoDB Local, with the caller, route, path, headers and body changed as a test needs.
 */
final class ApiCalls {

    static final Instant NOW = Instant.parse("2025-11-02T05:02:11Z");

    final DynamoDbClient dynamo = DynamoDbLocalServer.get().client();
    final Tables.Names names;
    final WatchlistApiHandler handler;
    final TestLambdaContext context = new TestLambdaContext("watchlist-api");

    ApiCalls() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        names = new Tables.Names("t-snap-" + suffix, "t-alerts-" + suffix, "t-registry-" + suffix);
        dynamo.createTable(Tables.registry(names.registry()));
        handler = new WatchlistApiHandler(new DynamoRegistryEditor(dynamo, names.registry()),
                new DynamoEpidemicSignals(dynamo, names.registry()), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static APIGatewayV2HTTPEvent sample(String file) {
        return EventLoader.loadApiGatewayHttpEvent(ProjectRoot.find().resolve("events/" + file).toString());
    }

    APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return handler.handleRequest(event, context);
    }

    static JsonNode body(APIGatewayV2HTTPResponse response) {
        try {
            return Json.MAPPER.readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    /** The sample re-aimed: another route, path parameter, body, If-Match (null removes it). */
    static APIGatewayV2HTTPEvent with(APIGatewayV2HTTPEvent e, String route, Map<String, String> path, String body, String ifMatch) {
        e.setRouteKey(route);
        e.setPathParameters(path);
        e.setBody(body);
        Map<String, String> headers = new HashMap<>(e.getHeaders());
        headers.remove("if-match");
        if (ifMatch != null) {
            headers.put("if-match", ifMatch);
        }
        e.setHeaders(headers);
        return e;
    }

    /** Replaces the JWT claims (null: no authorizer context at all, as an unauthenticated call). */
    static APIGatewayV2HTTPEvent as(APIGatewayV2HTTPEvent e, Map<String, String> claims) {
        if (claims == null) {
            e.getRequestContext().setAuthorizer(null);
        } else {
            e.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
        }
        return e;
    }

    static Map<String, String> operator(String username) {
        return Map.of("sub", UUID.nameUUIDFromBytes(username.getBytes()).toString(), "cognito:username", username,
                "cognito:groups", "[operators]", "token_use", "id");
    }

    static Map<String, String> hospital(String facilityId) {
        return Map.of("sub", UUID.nameUUIDFromBytes(facilityId.getBytes()).toString(), "cognito:username", "pui." + facilityId.toLowerCase(),
                "custom:facilityId", facilityId, "token_use", "id");
    }

    static Map<String, String> nobodyInParticular() {
        return Map.of("sub", "0b0b0b0b-0000-4000-8000-000000000000", "cognito:username", "visitor", "cognito:groups", "[readers]");
    }
}
