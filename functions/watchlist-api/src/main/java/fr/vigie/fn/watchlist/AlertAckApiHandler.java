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
import fr.vigie.app.AlertAcknowledgement;
import fr.vigie.domain.followup.Acknowledgement;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /alerts/{alertId}/ack} (HTTP API, payload 2.0, behind the JWT authorizer): a hospital
 * acknowledges its own facility's open alert, an operator one of its region's (national: any).
 * Body: {@code {"action": "URGENT_ORDER" | "LOAN_REQUESTED" | "SUBSTITUTE" | "OTHER", "note": "…"}}
 * ({@code note} optional, at most 500 characters kept). Answers 201 with the acknowledgement
 * ({@code alertId, by, role, action, actionLabel, note, at}), 200 with the same when the same
 * person sends it again; problem documents (RFC 7807) otherwise: 400 unknown action, 403 another
 * facility's or region's alert, 404 no such alert, 409 an alert closed or replaced, or already
 * acknowledged by someone else or otherwise. The alert id is URL-encoded in the path ({@code #} as {@code %23}).
 */
public final class AlertAckApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Environment variables this handler reads; template.yaml sets each (a test checks it). */
    public static final List<String> ENV = List.of("ALERTS_TABLE", "REGISTRY_TABLE");
    /** The HTTP API route keys this handler serves. */
    public static final List<String> ROUTES = List.of("POST /alerts/{alertId}/ack");

    private static final int MAX_BODY = 4096;
    private static final String EXAMPLE = "{\"action\": \"URGENT_ORDER\", \"note\": \"commande passée au fournisseur\"}";

    private final AlertAcknowledgement acknowledgement;
    private final Clock clock;

    public AlertAckApiHandler() {
        this(LambdaEnvironment.system());
    }

    private AlertAckApiHandler(LambdaEnvironment env) {
        this(new AlertAcknowledgement(new DynamoAlertLog(env.dynamoDb(), env.require("ALERTS_TABLE"), Clock.systemUTC()),
                new DynamoFollowUps(env.dynamoDb(), env.require("ALERTS_TABLE")),
                new DynamoFacilityDirectory(env.dynamoDb(), env.require("REGISTRY_TABLE"))), Clock.systemUTC());
    }

    /** The handler over the use case (tests, and {@code ./vigie console}). */
    public AlertAckApiHandler(AlertAcknowledgement acknowledgement, Clock clock) {
        this.acknowledgement = acknowledgement;
        this.clock = clock;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.serve(event, context, this::answer);
    }

    private APIGatewayV2HTTPResponse answer(HttpRequest request) {
        if (!ROUTES.contains(request.route())) {
            throw HttpApi.unknownRoute(request);
        }
        ObjectNode body = request.jsonObject(MAX_BODY, "un acquittement tient en " + MAX_BODY + " octets", EXAMPLE);
        JsonNode note = body.get("note");
        if (note != null && !note.isNull() && !note.isTextual()) {
            throw Problem.invalid("note : texte attendu", "note", "texte attendu");
        }
        // the id holds '#' (sent as %23): decoded here whether or not the gateway decoded it
        String alertId = URLDecoder.decode(String.valueOf(request.path("alertId")), StandardCharsets.UTF_8);
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
