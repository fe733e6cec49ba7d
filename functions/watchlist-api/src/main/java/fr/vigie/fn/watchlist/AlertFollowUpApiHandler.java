package fr.vigie.fn.watchlist;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.adapter.api.HttpApi;
import fr.vigie.adapter.api.HttpRequest;
import fr.vigie.adapter.api.Problem;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.dynamodb.DynamoAlertLog;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoFollowUps;
import fr.vigie.adapter.dynamodb.DynamoRegistryEditor;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.app.AlertAcknowledgement;
import fr.vigie.app.AlertHelp;
import fr.vigie.app.AlertNeighbours;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import fr.vigie.domain.followup.Acknowledgement;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What follows an alert (HTTP API, payload 2.0, behind the JWT authorizer; issue 22), for its own
 * hospital, its region's operators and national operators only:
 * <pre>
 *   POST /alerts/{alertId}/ack          acknowledge an open alert
 *   GET  /alerts/{alertId}/neighbours   who could lend: up to 3 facilities of the region, comfortable coverage
 * </pre>
 * {@code GET .../neighbours} answers {@code {"neighbours": [{facilityId, name, region, coverageDays, contact}, …]}},
 * empty for a WARNING or an alert no longer open.
 * <p>
 * {@code POST .../ack}: a hospital acknowledges its own facility's open alert, an operator one of its
 * region's (national: any).
 * Body: {@code {"action": "URGENT_ORDER" | "LOAN_REQUESTED" | "SUBSTITUTE" | "OTHER", "note": "…"}}
 * ({@code note} optional, at most 500 characters: 400 naming {@code note} beyond). Answers 201 with the acknowledgement
 * ({@code alertId, by, role, action, actionLabel, note, at}), 200 with the same when the same
 * person sends it again; problem documents (RFC 7807) otherwise: 400 unknown action, 403 another
 * facility's or region's alert, 404 no such alert, 409 an alert closed or replaced, or already
 * acknowledged by someone else or otherwise. The alert id is URL-encoded in the path ({@code #} as {@code %23}).
 */
public final class AlertFollowUpApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Environment variables this handler reads; template.yaml sets each (a test checks it). */
    public static final List<String> ENV = List.of("ALERTS_TABLE", "REGISTRY_TABLE", "SNAPSHOTS_TABLE");
    /** The HTTP API route keys this handler serves. */
    public static final List<String> ROUTES = List.of("POST /alerts/{alertId}/ack", "GET /alerts/{alertId}/neighbours");

    private static final int MAX_BODY = 4096;
    private static final String EXAMPLE = "{\"action\": \"URGENT_ORDER\", \"note\": \"commande passée au fournisseur\"}";

    private final AlertAcknowledgement acknowledgement;
    private final AlertNeighbours neighbours;
    private final Clock clock;

    public AlertFollowUpApiHandler() {
        this(LambdaEnvironment.system());
    }

    private AlertFollowUpApiHandler(LambdaEnvironment env) {
        this(env.dynamoDb(), env.require("ALERTS_TABLE"), env.require("REGISTRY_TABLE"), env.require("SNAPSHOTS_TABLE"), Clock.systemUTC());
    }

    /** The handler over the tables (the function, and {@code ./vigie console} over its local database). */
    public AlertFollowUpApiHandler(DynamoDbClient dynamo, String alertsTable, String registryTable, String snapshotsTable, Clock clock) {
        this(new AlertAcknowledgement(new DynamoAlertLog(dynamo, alertsTable, clock), new DynamoFollowUps(dynamo, alertsTable),
                        new DynamoFacilityDirectory(dynamo, registryTable)),
                new AlertNeighbours(new DynamoAlertLog(dynamo, alertsTable, clock), new DynamoFacilityDirectory(dynamo, registryTable),
                        new AlertHelp(new DynamoRegistryEditor(dynamo, registryTable), new DynamoSnapshotStore(dynamo, snapshotsTable),
                                () -> DynamoWatchlist.load(dynamo, registryTable), new DynamoFollowUps(dynamo, alertsTable), null)),
                clock);
    }

    AlertFollowUpApiHandler(AlertAcknowledgement acknowledgement, AlertNeighbours neighbours, Clock clock) {
        this.acknowledgement = acknowledgement;
        this.neighbours = neighbours;
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.serve(event, context, this::answer);
    }

    private APIGatewayV2HTTPResponse answer(HttpRequest request) {
        // the id holds '#' (sent as %23): decoded here whether or not the gateway decoded it
        String alertId = URLDecoder.decode(String.valueOf(request.path("alertId")), StandardCharsets.UTF_8);
        return switch (request.route()) {
            case "POST /alerts/{alertId}/ack" -> acknowledge(request, alertId);
            case "GET /alerts/{alertId}/neighbours" -> HttpApi.json(200, Map.of("neighbours", neighbours.of(request.caller(), alertId)));
            default -> throw HttpApi.unknownRoute(request);
        };
    }

    private APIGatewayV2HTTPResponse acknowledge(HttpRequest request, String alertId) {
        ObjectNode body = request.jsonObject(MAX_BODY, "un acquittement tient en " + MAX_BODY + " octets", EXAMPLE);
        JsonNode note = body.get("note");
        if (note != null && !note.isNull() && !note.isTextual()) {
            throw Problem.invalid("note : texte attendu", "note", "texte attendu");
        }
        AlertAcknowledgement.Outcome outcome = acknowledgement.acknowledge(request.caller(), alertId,
                body.path("action").asText(null), note == null || note.isNull() ? null : note.asText(), clock.instant());
        Acknowledgement ack = outcome.acknowledgement();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("alertId", ack.alertId());
        out.put("by", ack.by());
        out.put("role", ack.role());
        out.put("action", ack.action().name());
        out.put("actionLabel", ack.action().label());
        out.put("note", ack.note());
        out.put("at", ack.at().toString());
        return HttpApi.json(outcome.created() ? 201 : 200, out);
    }
}
