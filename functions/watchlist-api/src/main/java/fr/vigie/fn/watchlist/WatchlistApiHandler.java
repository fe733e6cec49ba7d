package fr.vigie.fn.watchlist;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fr.vigie.adapter.api.HttpApi;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.dynamodb.DynamoEpidemicSignals;
import fr.vigie.adapter.dynamodb.DynamoRegistryEditor;
import fr.vigie.app.EpidemicSignalImport;
import fr.vigie.app.RegistryEditing;
import fr.vigie.port.EpidemicSignals;
import fr.vigie.port.Registry;

import java.time.Clock;
import java.util.List;

/**
 * The operators' registry API (HTTP API, payload 2.0): the watch-list and the facility registry
 * (and the weekly epidemic signal the forecast may be led by, {@code POST /epidemic-signal}),
 * optimistic locking, the audit trail and who may do what ({@link RegistryEditing}). The routes are
 * {@link RegistryApi}'s; this handler builds them once per container and serves each request
 * through the HTTP kit ({@link HttpApi}: problems, the catch-all, one log line per request).
 */
public final class WatchlistApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Environment variables this handler reads; template.yaml sets each (a test checks it). */
    public static final List<String> ENV = List.of("REGISTRY_TABLE");

    /** The HTTP API route keys this handler serves; template.yaml wires each behind the JWT authorizer (a test checks it). */
    public static final List<String> ROUTES = List.of(
            "GET /watchlist", "GET /watchlist/{deviceId}", "POST /watchlist", "PUT /watchlist/{deviceId}",
            "POST /watchlist/{deviceId}/deactivate", "GET /watchlist/{deviceId}/audit",
            "GET /facilities", "GET /facilities/{facilityId}", "POST /facilities", "PUT /facilities/{facilityId}",
            "GET /facilities/{facilityId}/audit", "POST /epidemic-signal");

    private final RegistryApi api;

    public WatchlistApiHandler() {
        this(LambdaEnvironment.system());
    }

    private WatchlistApiHandler(LambdaEnvironment env) {
        this(new DynamoRegistryEditor(env.dynamoDb(), env.require("REGISTRY_TABLE")),
                new DynamoEpidemicSignals(env.dynamoDb(), env.require("REGISTRY_TABLE")), Clock.systemUTC());
    }

    /** Without an epidemic signal store: {@code POST /epidemic-signal} answers 404 (the local console's registry). */
    public WatchlistApiHandler(Registry registry, Clock clock) {
        this.api = new RegistryApi(new RegistryEditing(registry, clock), null);
    }

    public WatchlistApiHandler(Registry registry, EpidemicSignals epidemics, Clock clock) {
        this.api = new RegistryApi(new RegistryEditing(registry, clock), new EpidemicSignalImport(epidemics, clock));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
        return HttpApi.serve(request, context, api::answer);
    }
}
