package fr.vigie.fn.subscriptions;

import fr.vigie.domain.Excerpt;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.adapter.api.HttpApi;
import fr.vigie.adapter.api.HttpRequest;
import fr.vigie.adapter.api.Problem;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoSubscriptionRecords;
import fr.vigie.adapter.feed.Json;
import fr.vigie.adapter.sns.SnsSubscriptions;
import fr.vigie.app.SubscriptionManagement;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.AlertSubscription;
import fr.vigie.domain.Caller;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.Violation;
import fr.vigie.port.FacilityDirectory;
import fr.vigie.port.SubscriptionRecords;
import fr.vigie.port.Subscriptions;
import fr.vigie.port.Subscriptions.Listed;
import fr.vigie.adapter.aws.HandlerLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The subscriptions API: who receives alerts by email or SMS. Every subscription is an SNS
 * subscription on the alert topic with a filter policy; Vigie keeps no other copy of an address or
 * a number. Who may subscribe to what is {@link SubscriptionManagement}'s; this handler decodes,
 * calls it and encodes.
 * <pre>
 *   POST   /subscriptions              201 created (email: awaiting the recipient's link; SMS: awaiting the code sent to
 *                                      the number, status PENDING_CODE), 400, 401, 403, 409 (exists, or a cap), 413, 429
 *   POST   /subscriptions/{id}/confirm {"code": "123456"}: 200 the SMS subscription, now active; 400 wrong code, 404 no code
 *                                      pending (unknown, expired, confirmed, or another caller's), 429
 *   GET    /subscriptions              200 the caller's subscriptions, endpoints masked; 401, 403
 *   DELETE /subscriptions/{id}         204 removed; 401, 403, 404 (unknown, or another facility's), 429
 * </pre>
 * Errors are the HTTP kit's RFC 7807 problem documents in French ({@link HttpApi}); 502 when SNS
 * does not answer.
 */
public final class SubscriptionsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionsApiHandler.class);

    /** Environment variables this handler reads; template.yaml sets each (a test checks it). */
    public static final List<String> ENV = List.of("ALERT_TOPIC_ARN", "REGISTRY_TABLE", "MAX_SUBSCRIPTIONS_PER_FACILITY",
            "MAX_SUBSCRIPTIONS_PER_OPERATOR", "SUBSCRIPTION_CHANGES_PER_HOUR");

    static final int MAX_BODY_BYTES = 4096;
    private static final Set<String> FIELDS = Set.of("channel", "endpoint", "facilityId", "region", "levels", "epidemics", "nationalEvents");
    private static final String EXAMPLE = "{\"channel\":\"email\",\"endpoint\":\"pharmacie@chu.fr\"}";

    private final SubscriptionManagement subscriptions;

    public SubscriptionsApiHandler() {
        this(LambdaEnvironment.system());
    }

    private SubscriptionsApiHandler(LambdaEnvironment env) {
        this(new SnsSubscriptions(env.sns(), env.require("ALERT_TOPIC_ARN")),
                new DynamoFacilityDirectory(env.dynamoDb(), env.require("REGISTRY_TABLE")),
                new DynamoSubscriptionRecords(env.dynamoDb(), env.require("REGISTRY_TABLE")),
                new SubscriptionManagement.Limits(env.intOr("MAX_SUBSCRIPTIONS_PER_FACILITY", 10), env.intOr("MAX_SUBSCRIPTIONS_PER_OPERATOR", 10),
                        env.intOr("SUBSCRIPTION_CHANGES_PER_HOUR", 30), SubscriptionManagement.Limits.DEFAULT.codeValidity(),
                        SubscriptionManagement.Limits.DEFAULT.codeAttempts()), Clock.systemUTC());
    }

    /**
     * @param facilities the registry's facilities: where a regional operator's facilities are
     * @param records    owners, rate windows and SMS codes (the registry table)
     */
    SubscriptionsApiHandler(Subscriptions subscriptions, FacilityDirectory facilities, SubscriptionRecords records,
                            SubscriptionManagement.Limits limits, Clock clock) {
        this.subscriptions = new SubscriptionManagement(subscriptions, facilities, records, limits, clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.serve(event, context, request -> answer(request, context));
    }

    private APIGatewayV2HTTPResponse answer(HttpRequest request, Context context) {
        Caller who = request.caller();
        subscriptions.mayManage(who);
        return switch (request.route()) {
            case "POST /subscriptions" -> {
                JsonNode body = request.jsonObject(MAX_BODY_BYTES, "un abonnement tient en moins de " + MAX_BODY_BYTES + " octets", EXAMPLE);
                Listed created = subscriptions.subscribe(who, parse(body));
                HandlerLogging.log(LOG, Level.INFO, "subscription_created", Map.of("id", String.valueOf(created.id()), "caller", who.describe(),
                        "channel", created.protocol(), "endpoint", created.endpoint(), "facilityId", String.valueOf(created.facilityId()),
                        "region", String.valueOf(created.region())));
                yield HttpApi.json(201, view(created), Map.of("Location", "/subscriptions/" + created.id()));
            }
            case "POST /subscriptions/{id}/confirm" -> {
                JsonNode body = request.jsonObject(MAX_BODY_BYTES, "un code tient en moins de " + MAX_BODY_BYTES + " octets", "{\"code\":\"123456\"}");
                JsonNode code = body.path("code");
                if (!code.isTextual() && !code.isIntegralNumber()) {
                    throw Problem.invalid("le code reçu par SMS est attendu : {\"code\":\"123456\"}", "code", "obligatoire (6 chiffres)");
                }
                Listed active = subscriptions.confirm(who, request.path("id"), code.asText());
                HandlerLogging.log(LOG, Level.INFO, "subscription_confirmed", Map.of("id", String.valueOf(active.id()), "caller", who.describe(),
                        "channel", active.protocol(), "endpoint", active.endpoint()));
                yield HttpApi.json(200, view(active));
            }
            case "GET /subscriptions" -> {
                ArrayNode out = Json.MAPPER.createArrayNode();
                subscriptions.list(who).forEach(s -> out.add(view(s)));
                yield HttpApi.json(200, out);
            }
            case "DELETE /subscriptions/{id}" -> {
                String id = request.path("id");
                Listed removed = subscriptions.remove(who, id);
                HandlerLogging.log(LOG, Level.INFO, "subscription_removed", Map.of("id", String.valueOf(id), "caller", who.describe(),
                        "channel", removed.protocol(), "endpoint", String.valueOf(removed.endpoint())));
                yield HttpApi.noContent();
            }
            default -> throw HttpApi.unknownRoute(request);
        };
    }

    /** The request's fields, each checked for its type; every wrong one named in one 400. */
    private static SubscriptionManagement.Request parse(JsonNode json) {
        List<Violation> violations = new ArrayList<>();
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                violations.add(new Violation(null, name, "champ inconnu (champs possibles : " + String.join(", ", FIELDS.stream().sorted().toList()) + ")"));
            }
        }
        String channel = text(json, "channel", violations);
        if (channel == null) {
            violations.add(new Violation(null, "channel", "obligatoire : \"email\" ou \"sms\""));
        } else if (!channel.equals("email") && !channel.equals("sms")) {
            violations.add(new Violation(null, "channel", "\"" + Excerpt.of(channel) + "\" inconnu : \"email\" ou \"sms\""));
        }
        String endpoint = text(json, "endpoint", violations);
        if (endpoint == null && json.path("endpoint").isMissingNode()) {
            violations.add(new Violation(null, "endpoint", "obligatoire : l'adresse électronique ou le numéro (E.164) à prévenir"));
        }
        String facilityId = text(json, "facilityId", violations);
        String region = text(json, "region", violations);
        Set<AlertLevel> levels = EnumSet.noneOf(AlertLevel.class);
        for (String level : texts(json, "levels", violations)) {
            try {
                AlertLevel l = AlertLevel.valueOf(level);
                if (!AlertSubscription.SENT_LEVELS.contains(l)) {
                    throw new IllegalArgumentException();
                }
                levels.add(l);
            } catch (IllegalArgumentException e) {
                violations.add(new Violation(null, "levels", "\"" + Excerpt.of(level) + "\" inconnu : WARNING, CRITICAL ou RECOVERED"));
            }
        }
        Set<Epidemic> epidemics = EnumSet.noneOf(Epidemic.class);
        for (String epidemic : texts(json, "epidemics", violations)) {
            try {
                epidemics.add(Epidemic.valueOf(epidemic));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation(null, "epidemics", "\"" + Excerpt.of(epidemic) + "\" inconnue : FLU, BRONCHIOLITIS ou COVID"));
            }
        }
        Boolean nationalEvents = null;
        JsonNode national = json.path("nationalEvents");
        if (!national.isMissingNode() && !national.isNull()) {
            if (national.isBoolean()) {
                nationalEvents = national.asBoolean();
            } else {
                violations.add(new Violation(null, "nationalEvents", "true ou false attendu"));
            }
        }
        if (!violations.isEmpty()) {
            throw SubscriptionManagement.invalid(violations);
        }
        AlertSubscription.Channel ch = channel.equals("email") ? AlertSubscription.Channel.EMAIL : AlertSubscription.Channel.SMS;
        return new SubscriptionManagement.Request(ch, endpoint, facilityId, region, levels, epidemics, nationalEvents);
    }

    private static String text(JsonNode json, String field, List<Violation> violations) {
        JsonNode n = json.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            violations.add(new Violation(null, field, "chaîne de caractères attendue"));
            return null;
        }
        return n.asText().strip();
    }

    private static List<String> texts(JsonNode json, String field, List<Violation> violations) {
        JsonNode n = json.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        if (!n.isArray()) {
            violations.add(new Violation(null, field, "liste attendue, par exemple [\"CRITICAL\"]"));
            return out;
        }
        n.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static ObjectNode view(Listed s) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", s.id());
        n.put("channel", s.protocol());
        n.put("endpoint", s.endpoint());
        n.put("status", s.held() ? "PENDING_CODE" : s.pendingConfirmation() ? "PENDING_CONFIRMATION" : "ACTIVE");
        if (s.facilityId() != null) {
            n.put("facilityId", s.facilityId());
        }
        if (s.region() != null) {
            n.put("region", s.region());
        }
        if (s.filterPolicy() != null) {
            try {
                n.set("filterPolicy", Json.MAPPER.readTree(s.filterPolicy()));
            } catch (Exception e) {
                n.put("filterPolicy", s.filterPolicy());
            }
        }
        return n;
    }

}
