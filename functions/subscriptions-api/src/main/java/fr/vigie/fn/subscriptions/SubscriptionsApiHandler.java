package fr.vigie.fn.subscriptions;

import fr.vigie.adapter.aws.HttpCaller;
import fr.vigie.domain.Caller;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.feed.Json;
import fr.vigie.adapter.sns.AlertFilterPolicy;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.AlertSubscription;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.Violation;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.SnsException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The subscriptions API: who receives alerts by email or SMS. Every subscription is an SNS
 * subscription on the alert topic with a filter policy ({@link AlertFilterPolicy}); Vigie keeps no
 * other copy of an address or a number.
 * <pre>
 *   POST   /subscriptions        201 created (email: awaiting the recipient's confirmation), 400, 401, 403, 409, 413
 *   GET    /subscriptions        200 the caller's subscriptions, endpoints masked; 401, 403
 *   DELETE /subscriptions/{id}   204 removed; 401, 403, 404 (unknown, or another facility's)
 * </pre>
 * A hospital (JWT claim {@code custom:facilityId}) manages its own facility's subscriptions only; an
 * operator (group {@code operators}) subscribes for a facility, a region or the whole country and
 * sees every subscription. Errors are RFC 7807 problem documents in French.
 */
public final class SubscriptionsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Environment variables this handler reads; template.yaml sets each (a test checks it). */
    public static final List<String> ENV = List.of("ALERT_TOPIC_ARN");

    static final int MAX_BODY_BYTES = 4096;
    private static final Set<String> FIELDS = Set.of("channel", "endpoint", "facilityId", "region", "levels", "epidemics", "nationalEvents");

    private final TopicSubscriptions subscriptions;

    public SubscriptionsApiHandler() {
        this(LambdaEnvironment.system());
    }

    private SubscriptionsApiHandler(LambdaEnvironment env) {
        this(env.sns(), env.require("ALERT_TOPIC_ARN"));
    }

    SubscriptionsApiHandler(SnsClient sns, String topicArn) {
        this.subscriptions = new TopicSubscriptions(sns, topicArn);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
        Optional<Caller> caller = HttpCaller.of(request);
        if (caller.isEmpty()) {
            return Problem.unauthenticated();
        }
        Caller who = caller.get();
        if (!who.operator() && who.facilityId() == null) {
            return Problem.of(403, "Accès refusé",
                    "Ce compte n'est rattaché à aucun établissement (claim custom:facilityId) ni au groupe operators.");
        }
        String route = String.valueOf(request.getRouteKey());
        try {
            return switch (route) {
                case "POST /subscriptions" -> create(who, request, context);
                case "GET /subscriptions" -> list(who);
                case "DELETE /subscriptions/{id}" -> remove(who, request.getPathParameters() == null ? null
                        : request.getPathParameters().get("id"), context);
                default -> Problem.of(404, "Ressource inconnue", route + " n'existe pas.");
            };
        } catch (SnsException e) {
            log(context, Map.of("event", "subscriptions_sns_failed", "route", route, "caller", who.describe(),
                    "cause", String.valueOf(e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorCode())));
            return Problem.of(502, "Service de messagerie indisponible",
                    "Amazon SNS n'a pas répondu comme attendu ; réessayez dans quelques minutes.");
        }
    }

    private APIGatewayV2HTTPResponse create(Caller who, APIGatewayV2HTTPEvent request, Context context) {
        String body;
        try {
            body = request.getBody() == null ? "" : request.getIsBase64Encoded()
                    ? new String(Base64.getDecoder().decode(request.getBody()), StandardCharsets.UTF_8) : request.getBody();
        } catch (IllegalArgumentException notBase64) {
            return Problem.of(400, "Abonnement invalide", "Le corps annoncé en base64 n'est pas du base64 valide.");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            return Problem.of(413, "Requête trop volumineuse", "Un abonnement tient en moins de " + MAX_BODY_BYTES + " octets.");
        }
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (Exception e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            return Problem.of(400, "Abonnement invalide", "Le corps doit être un objet JSON, par exemple "
                    + "{\"channel\":\"email\",\"endpoint\":\"pharmacie@chu.fr\"}.");
        }
        List<Violation> violations = new ArrayList<>();
        Parsed p = parse(json, violations);
        if (!violations.isEmpty()) {
            return Problem.invalid(violations);
        }
        AlertSubscription.Scope scope;
        String target;
        if (who.hospital()) {
            if (p.region != null) {
                return Problem.of(403, "Accès refusé", "Un établissement ne s'abonne qu'à ses propres alertes, pas à celles d'une région.");
            }
            if (p.facilityId != null && !p.facilityId.equals(who.facilityId())) {
                return Problem.of(403, "Accès refusé", "Un établissement ne peut pas s'abonner aux alertes d'un autre établissement ("
                        + p.facilityId + ").");
            }
            if (p.nationalEvents != null && p.nationalEvents) {
                return Problem.of(403, "Accès refusé", "Les tensions nationales sont réservées aux opérateurs.");
            }
            scope = AlertSubscription.Scope.FACILITY;
            target = who.facilityId();
        } else if (p.facilityId != null && p.region != null) {
            return Problem.invalid(List.of(new Violation(null, "region", "indiquer facilityId ou region, pas les deux")));
        } else if (p.facilityId != null) {
            scope = AlertSubscription.Scope.FACILITY;
            target = p.facilityId;
        } else if (p.region != null) {
            scope = AlertSubscription.Scope.REGION;
            target = p.region;
        } else {
            scope = AlertSubscription.Scope.NATIONAL;
            target = null;
        }
        boolean national = scope != AlertSubscription.Scope.FACILITY && (p.nationalEvents == null || p.nationalEvents);
        AlertSubscription subscription = new AlertSubscription(p.channel, p.endpoint, scope, target, p.levels, p.epidemics, national);
        violations.addAll(subscription.violations());
        if (!violations.isEmpty()) {
            return Problem.invalid(violations);
        }
        TopicSubscriptions.Listed created;
        try {
            created = subscriptions.subscribe(subscription);
        } catch (InvalidParameterException e) {
            String message = String.valueOf(e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
            if (message.toLowerCase().contains("already exists")) {
                return Problem.of(409, "Abonnement déjà existant", "Cette adresse ou ce numéro est déjà abonné avec d'autres "
                        + "critères ; supprimez l'ancien abonnement (DELETE /subscriptions/{id}) avant d'en créer un nouveau.");
            }
            return Problem.of(400, "Abonnement refusé par Amazon SNS", message);
        }
        log(context, Map.of("event", "subscription_created", "id", created.id(), "caller", who.describe(),
                "channel", created.protocol(), "endpoint", created.endpoint(), "scope", scope.name(), "target", String.valueOf(target)));
        APIGatewayV2HTTPResponse ok = json(201, view(created).toString());
        ok.getHeaders().put("Location", "/subscriptions/" + created.id());
        return ok;
    }

    private APIGatewayV2HTTPResponse list(Caller who) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (TopicSubscriptions.Listed s : subscriptions.list()) {
            if (who.operator() || (s.managedHere() && s.facility().filter(who.facilityId()::equals).isPresent())) {
                out.add(view(s));
            }
        }
        return json(200, out.toString());
    }

    private APIGatewayV2HTTPResponse remove(Caller who, String id, Context context) {
        Optional<TopicSubscriptions.Listed> found = subscriptions.find(id);
        if (found.isEmpty() || !who.mayActFor(found.get().facility().orElse(null))) {
            // another facility's subscription is as unknown to a hospital as one that does not exist
            return Problem.of(404, "Abonnement introuvable", "Aucun abonnement " + id + " parmi les vôtres.");
        }
        if (!found.get().managedHere()) {
            return Problem.of(403, "Accès refusé", "Cet abonnement technique (" + found.get().protocol()
                    + ") est géré par l'infrastructure, pas par cette API.");
        }
        subscriptions.unsubscribe(id);
        log(context, Map.of("event", "subscription_removed", "id", id, "caller", who.describe(),
                "channel", found.get().protocol(), "endpoint", String.valueOf(found.get().endpoint())));
        return APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(new LinkedHashMap<>()).build();
    }

    /** The request's fields, each checked for its type; what is wrong goes to {@code violations}. */
    private static Parsed parse(JsonNode json, List<Violation> violations) {
        Parsed p = new Parsed();
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                violations.add(new Violation(null, name, "champ inconnu (champs possibles : " + String.join(", ", FIELDS.stream().sorted().toList()) + ")"));
            }
        }
        String channel = text(json, "channel", violations);
        if (channel == null) {
            violations.add(new Violation(null, "channel", "obligatoire : \"email\" ou \"sms\""));
        } else if (channel.equals("email") || channel.equals("sms")) {
            p.channel = channel.equals("email") ? AlertSubscription.Channel.EMAIL : AlertSubscription.Channel.SMS;
        } else {
            violations.add(new Violation(null, "channel", "\"" + channel + "\" inconnu : \"email\" ou \"sms\""));
        }
        p.endpoint = text(json, "endpoint", violations);
        if (p.endpoint == null && json.path("endpoint").isMissingNode()) {
            violations.add(new Violation(null, "endpoint", "obligatoire : l'adresse électronique ou le numéro (E.164) à prévenir"));
        }
        p.facilityId = text(json, "facilityId", violations);
        p.region = text(json, "region", violations);
        p.levels = EnumSet.noneOf(AlertLevel.class);
        for (String level : texts(json, "levels", violations)) {
            try {
                AlertLevel l = AlertLevel.valueOf(level);
                if (!AlertSubscription.SENT_LEVELS.contains(l)) {
                    throw new IllegalArgumentException();
                }
                p.levels.add(l);
            } catch (IllegalArgumentException e) {
                violations.add(new Violation(null, "levels", "\"" + level + "\" inconnu : WARNING, CRITICAL ou RECOVERED"));
            }
        }
        p.epidemics = EnumSet.noneOf(Epidemic.class);
        for (String epidemic : texts(json, "epidemics", violations)) {
            try {
                p.epidemics.add(Epidemic.valueOf(epidemic));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation(null, "epidemics", "\"" + epidemic + "\" inconnue : FLU, BRONCHIOLITIS ou COVID"));
            }
        }
        JsonNode national = json.path("nationalEvents");
        if (!national.isMissingNode() && !national.isNull()) {
            if (national.isBoolean()) {
                p.nationalEvents = national.asBoolean();
            } else {
                violations.add(new Violation(null, "nationalEvents", "true ou false attendu"));
            }
        }
        return p;
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

    private static ObjectNode view(TopicSubscriptions.Listed s) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", s.id());
        n.put("channel", s.protocol());
        n.put("endpoint", s.endpoint());
        n.put("status", s.pendingConfirmation() ? "PENDING_CONFIRMATION" : "ACTIVE");
        s.facility().ifPresent(f -> n.put("facilityId", f));
        AlertFilterPolicy.regionOf(s.filterPolicy()).ifPresent(r -> n.put("region", r));
        if (s.filterPolicy() != null) {
            try {
                n.set("filterPolicy", Json.MAPPER.readTree(s.filterPolicy()));
            } catch (Exception e) {
                n.put("filterPolicy", s.filterPolicy());
            }
        }
        return n;
    }

    private static APIGatewayV2HTTPResponse json(int status, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body).build();
    }

    private static void log(Context context, Map<String, Object> fields) {
        context.getLogger().log(Json.write(fields));
    }

    private static final class Parsed {
        AlertSubscription.Channel channel;
        String endpoint;
        String facilityId;
        String region;
        Set<AlertLevel> levels;
        Set<Epidemic> epidemics;
        Boolean nationalEvents;
    }
}
