package fr.vigie.fn.watchlist;

import fr.vigie.adapter.aws.HttpCaller;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.dynamodb.DynamoRegistryEditor;
import fr.vigie.adapter.feed.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.util.List;

/**
 * The operators' registry API (HTTP API, payload 2.0): the watch-list and the facility registry,
 * optimistic locking, the audit trail and who may do what. The routes are {@link RegistryApi}'s;
 * this handler builds it once per container and logs one JSON line per request (route, status,
 * caller's subject — never a body, which may hold a contact or a mistaken secret).
 */
public final class WatchlistApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Environment variables this handler reads; template.yaml sets each (a test checks it). */
    public static final List<String> ENV = List.of("REGISTRY_TABLE");

    /** The HTTP API route keys this handler serves; template.yaml wires each behind the JWT authorizer (a test checks it). */
    public static final List<String> ROUTES = List.of(
            "GET /watchlist", "GET /watchlist/{deviceId}", "POST /watchlist", "PUT /watchlist/{deviceId}",
            "POST /watchlist/{deviceId}/deactivate", "GET /watchlist/{deviceId}/audit",
            "GET /facilities", "GET /facilities/{facilityId}", "POST /facilities", "PUT /facilities/{facilityId}",
            "GET /facilities/{facilityId}/audit");

    private final RegistryApi api;

    public WatchlistApiHandler() {
        this(LambdaEnvironment.system());
    }

    private WatchlistApiHandler(LambdaEnvironment env) {
        this(env.dynamoDb(), env.require("REGISTRY_TABLE"), Clock.systemUTC());
    }

    public WatchlistApiHandler(DynamoDbClient dynamo, String registryTable, Clock clock) {
        this.api = new RegistryApi(new DynamoRegistryEditor(dynamo, registryTable), clock);
    }

    WatchlistApiHandler(DynamoDbClient dynamo, String registryTable) {
        this(dynamo, registryTable, Clock.systemUTC());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
        APIGatewayV2HTTPResponse response = api.handle(request);
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("event", "registry_request");
        line.put("route", request.getRouteKey());
        line.put("status", response.getStatusCode());
        HttpCaller.of(request).ifPresent(c -> {
            line.put("subject", c.subject());
            line.put("operator", c.operator());
        });
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(line.toString());
        }
        return response;
    }
}
