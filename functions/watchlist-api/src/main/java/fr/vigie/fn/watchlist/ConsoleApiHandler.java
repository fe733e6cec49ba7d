package fr.vigie.fn.watchlist;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fr.vigie.adapter.aws.HttpCaller;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.dynamodb.DynamoAlertLog;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoSeriesLog;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.app.ConsoleViews;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.AlertQuery;
import fr.vigie.domain.Caller;
import fr.vigie.domain.Violation;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's read API (HTTP API, payload 2.0), behind the JWT authorizer; the console's pages
 * call these routes, deployed and under {@code ./vigie console} alike. Who may call:
 * <pre>
 *   GET /me                                       anyone signed in: who the console shows, and their role
 *   GET /alerts/open                              operators (all), hospitals (their own facility's)
 *   GET /alerts?facility&amp;device&amp;level&amp;from&amp;to&amp;size&amp;cursor
 *                                                 operators (all), hospitals (their own facility's)
 *   GET /facilities/{facilityId}/series/{deviceId} operators, the hospital of that facility
 *   GET /disruptions                              operators
 * </pre>
 * {@code from}/{@code to} are days {@code yyyy-MM-dd} (UTC, included), {@code level} WARNING,
 * CRITICAL or RECOVERED, {@code size} 1 to 200 (50), {@code cursor} the {@code next} of the previous
 * page. Errors are problem documents (RFC 7807), each invalid parameter named in {@code errors}.
 */
public final class ConsoleApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Environment variables this handler reads; template.yaml sets each (a test checks it). */
    public static final List<String> ENV = List.of("ALERTS_TABLE", "SNAPSHOTS_TABLE", "REGISTRY_TABLE");

    /** The HTTP API route keys this handler serves; template.yaml wires each behind the JWT authorizer. */
    public static final List<String> ROUTES = List.of("GET /me", "GET /alerts/open", "GET /alerts",
            "GET /facilities/{facilityId}/series/{deviceId}", "GET /disruptions");

    /** Claim naming a regional operator's region (INSEE code): their region comes first in the console. */
    public static final String REGION_CLAIM = "custom:region";

    private final ConsoleViews views;

    public ConsoleApiHandler() {
        this(LambdaEnvironment.system());
    }

    private ConsoleApiHandler(LambdaEnvironment env) {
        this(env.dynamoDb(), new Tables.Names(env.require("SNAPSHOTS_TABLE"), env.require("ALERTS_TABLE"),
                env.require("REGISTRY_TABLE")), Clock.systemUTC());
    }

    /** The handler over the given tables (tests, and {@code ./vigie console} over its local database). */
    public ConsoleApiHandler(DynamoDbClient dynamo, Tables.Names tables, Clock clock) {
        this.views = new ConsoleViews(new DynamoAlertLog(dynamo, tables.alerts(), clock),
                new DynamoSeriesLog(dynamo, tables.snapshots()),
                () -> DynamoWatchlist.load(dynamo, tables.registry()),
                new DynamoFacilityDirectory(dynamo, tables.registry()), clock);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
        Optional<Caller> found = HttpCaller.of(request);
        if (found.isEmpty()) {
            return Http.unauthenticated();
        }
        Caller caller = found.get();
        String route = request.getRouteKey() == null ? "" : request.getRouteKey();
        if (!route.equals("GET /me") && !caller.operator() && !caller.hospital()) {
            return Http.forbidden("la console est réservée aux opérateurs et aux établissements");
        }
        return switch (route) {
            case "GET /me" -> me(request, caller);
            case "GET /alerts/open" -> Http.json(200, Map.of("alerts", views.openAlerts(caller.operator() ? null : caller.facilityId())));
            case "GET /alerts" -> history(request, caller);
            case "GET /facilities/{facilityId}/series/{deviceId}" -> series(request, caller);
            case "GET /disruptions" -> caller.operator()
                    ? Http.json(200, Map.of("disruptions", views.openDisruptions()))
                    : Http.forbidden("les tensions nationales sont réservées aux opérateurs (groupe \"" + Caller.OPERATORS + "\")");
            default -> Http.problem(404, "unknown-route", "Route inconnue", "route non prise en charge : " + route);
        };
    }

    private static APIGatewayV2HTTPResponse me(APIGatewayV2HTTPEvent request, Caller caller) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("username", caller.who());
        me.put("operator", caller.operator());
        me.put("facilityId", caller.facilityId());
        me.put("region", request.getRequestContext().getAuthorizer().getJwt().getClaims().get(REGION_CLAIM));
        return Http.json(200, me);
    }

    private APIGatewayV2HTTPResponse series(APIGatewayV2HTTPEvent request, Caller caller) {
        String facility = param(request.getPathParameters(), "facilityId");
        String device = param(request.getPathParameters(), "deviceId");
        if (!caller.mayActFor(facility)) {
            return Http.forbidden("un établissement ne voit que ses propres séries");
        }
        return views.series(facility, device).map(v -> Http.json(200, v))
                .orElseGet(() -> Http.notFound("aucun relevé de " + device + " pour " + facility
                        + " (ou dispositif absent de la liste surveillée)"));
    }

    private APIGatewayV2HTTPResponse history(APIGatewayV2HTTPEvent request, Caller caller) {
        Map<String, String> q = request.getQueryStringParameters() == null ? Map.of() : request.getQueryStringParameters();
        List<Violation> errors = new ArrayList<>();
        AlertLevel level = null;
        if (present(q, "level")) {
            try {
                level = AlertLevel.valueOf(q.get("level").strip());
            } catch (IllegalArgumentException e) {
                errors.add(new Violation("requête", "level", "niveau inconnu : WARNING, CRITICAL ou RECOVERED"));
            }
        }
        LocalDate from = day(q, "from", errors);
        LocalDate to = day(q, "to", errors);
        int size = AlertQuery.DEFAULT_SIZE;
        if (present(q, "size")) {
            try {
                size = Integer.parseInt(q.get("size").strip());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > AlertQuery.MAX_SIZE) {
                errors.add(new Violation("requête", "size", "nombre entier de 1 à " + AlertQuery.MAX_SIZE + " attendu"));
            }
        }
        if (from != null && to != null && from.isAfter(to)) {
            errors.add(new Violation("requête", "to", "la fin de la période précède son début"));
        }
        if (!errors.isEmpty()) {
            return Http.invalid("paramètres de recherche invalides", errors);
        }
        AlertQuery query = new AlertQuery(present(q, "facility") ? q.get("facility").strip() : null,
                present(q, "device") ? q.get("device").strip() : null, level, from, to, size, q.get("cursor"));
        if (!caller.operator()) {
            query = query.forFacility(caller.facilityId());
        }
        try {
            return Http.json(200, views.history(query));
        } catch (IllegalArgumentException e) {
            return Http.invalid("curseur illisible", List.of(new Violation("requête", "cursor", e.getMessage())));
        }
    }

    private static LocalDate day(Map<String, String> q, String name, List<Violation> errors) {
        if (!present(q, name)) {
            return null;
        }
        try {
            return LocalDate.parse(q.get(name).strip());
        } catch (DateTimeParseException e) {
            errors.add(new Violation("requête", name, "date attendue au format AAAA-MM-JJ, reçu « " + q.get(name) + " »"));
            return null;
        }
    }

    private static boolean present(Map<String, String> q, String name) {
        return q.get(name) != null && !q.get(name).isBlank();
    }

    private static String param(Map<String, String> params, String name) {
        return params == null ? null : params.get(name);
    }
}
