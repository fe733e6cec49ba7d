package fr.vigie.fn.watchlist;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.feed.Json;
import fr.vigie.adapter.feed.WatchlistJson;
import fr.vigie.domain.WatchlistEntry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The watch-list API, read side only for now: {@code GET /watchlist} lists the entries of the
 * registry table in the spec's JSON, {@code GET /watchlist/{deviceId}} gives one (404 when unknown).
 * Creating, replacing and deactivating entries, optimistic locking, the audit trail and the
 * operators' authorization are issue 5's.
 */
public final class WatchlistApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Environment variables this handler reads; template.yaml sets each (a test checks it). */
    public static final List<String> ENV = List.of("REGISTRY_TABLE");

    private final DynamoDbClient dynamo;
    private final String registryTable;

    public WatchlistApiHandler() {
        this(LambdaEnvironment.system());
    }

    private WatchlistApiHandler(LambdaEnvironment env) {
        this(env.dynamoDb(), env.require("REGISTRY_TABLE"));
    }

    WatchlistApiHandler(DynamoDbClient dynamo, String registryTable) {
        this.dynamo = dynamo;
        this.registryTable = registryTable;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
        String route = request.getRouteKey() == null ? "" : request.getRouteKey();
        DynamoWatchlist watchlist = DynamoWatchlist.load(dynamo, registryTable);
        switch (route) {
            case "GET /watchlist" -> {
                ArrayNode list = Json.MAPPER.createArrayNode();
                watchlist.entries().stream().sorted(Comparator.comparing(WatchlistEntry::deviceId))
                        .forEach(e -> list.add(WatchlistJson.toJson(e)));
                return json(200, "application/json", list.toString());
            }
            case "GET /watchlist/{deviceId}" -> {
                String deviceId = request.getPathParameters() == null ? null : request.getPathParameters().get("deviceId");
                return watchlist.entry(deviceId)
                        .map(e -> json(200, "application/json", WatchlistJson.toJson(e).toString()))
                        .orElseGet(() -> problem(404, "Dispositif inconnu", "aucune entrée de la liste de surveillance pour \"" + deviceId + "\""));
            }
            default -> {
                return problem(405, "Méthode non prise en charge", route + " : seule la lecture (GET) est disponible pour l'instant");
            }
        }
    }

    private static APIGatewayV2HTTPResponse problem(int status, String title, String detail) {
        return json(status, "application/problem+json", Json.write(Map.of("type", "about:blank", "title", title, "status", status, "detail", detail)));
    }

    private static APIGatewayV2HTTPResponse json(int status, String contentType, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", contentType + "; charset=utf-8")).withBody(body).build();
    }
}
