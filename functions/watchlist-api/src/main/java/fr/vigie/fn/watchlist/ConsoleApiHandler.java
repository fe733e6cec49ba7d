package fr.vigie.fn.watchlist;

import fr.vigie.domain.Excerpt;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fr.vigie.adapter.api.HttpApi;
import fr.vigie.adapter.api.HttpRequest;
import fr.vigie.adapter.api.Problem;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.dynamodb.DynamoAlertLog;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoFollowUps;
import fr.vigie.adapter.dynamodb.DynamoSeriesLog;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.app.ConsoleViews;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.AlertQuery;
import fr.vigie.domain.Caller;
import fr.vigie.domain.Identifier;
import fr.vigie.domain.Violation;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's read API (HTTP API, payload 2.0), behind the JWT authorizer; the console's pages
 * call these routes, deployed and under {@code ./vigie console} alike. Who may call:
 * <pre>
 *   GET /me                                       anyone signed in: who the console shows, and their role
 *   GET /alerts/open                              operators, national or regional (all), hospitals (their own facility's)
 *   GET /alerts?facility&amp;device&amp;level&amp;from&amp;to&amp;size&amp;cursor
 *                                                 operators, national or regional (all), hospitals (their own facility's)
 *   GET /facilities/{facilityId}/series/{deviceId} operators, the hospital of that facility
 *   GET /disruptions                              operators
 * </pre>
 * {@code from}/{@code to} are days {@code yyyy-MM-dd} (UTC, included; 2000-01-01 to 9999-12-31, both
 * given: ten years at most, {@link AlertQuery}), {@code level} WARNING,
 * CRITICAL or RECOVERED, {@code size} 1 to 200 (50), {@code cursor} the {@code next} of the previous
 * page. Errors are problem documents of the api kit ({@link Problem}, RFC 7807), each invalid parameter
 * named in {@code errors}. A regional operator (Cognito group {@code operators-NN}) reads the console's
 * national views like a national one, its region first in the pages ({@code /me}'s {@code region}).
 */
public final class ConsoleApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Environment variables this handler reads; template.yaml sets each (a test checks it). */
    public static final List<String> ENV = List.of("ALERTS_TABLE", "SNAPSHOTS_TABLE", "REGISTRY_TABLE");

    /** The HTTP API route keys this handler serves; template.yaml wires each behind the JWT authorizer. */
    public static final List<String> ROUTES = List.of("GET /me", "GET /alerts/open", "GET /alerts",
            "GET /facilities/{facilityId}/series/{deviceId}", "GET /disruptions");

    private final ConsoleViews views;

    public ConsoleApiHandler() {
        this(LambdaEnvironment.system());
    }

    private ConsoleApiHandler(LambdaEnvironment env) {
        this(new ConsoleViews(new DynamoAlertLog(env.dynamoDb(), env.require("ALERTS_TABLE"), Clock.systemUTC()),
                new DynamoSeriesLog(env.dynamoDb(), env.require("SNAPSHOTS_TABLE")),
                () -> DynamoWatchlist.load(env.dynamoDb(), env.require("REGISTRY_TABLE")),
                new DynamoFacilityDirectory(env.dynamoDb(), env.require("REGISTRY_TABLE")), Clock.systemUTC(),
                new DynamoFollowUps(env.dynamoDb(), env.require("ALERTS_TABLE"))));
    }

    /** The handler over the console's use case (tests, and {@code ./vigie console} over its local database). */
    public ConsoleApiHandler(ConsoleViews views) {
        this.views = views;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpApi.serve(event, context, this::answer);
    }

    private APIGatewayV2HTTPResponse answer(HttpRequest request) {
        Caller caller = request.caller();
        if (!request.route().equals("GET /me") && !caller.anyOperator() && !caller.hospital()) {
            throw Problem.forbidden("la console est réservée aux opérateurs et aux établissements");
        }
        return switch (request.route()) {
            case "GET /me" -> HttpApi.json(200, me(caller));
            case "GET /alerts/open" -> HttpApi.json(200, Map.of("alerts", views.openAlerts(caller.anyOperator() ? null : caller.facilityId())));
            case "GET /alerts" -> HttpApi.json(200, history(request, caller));
            case "GET /facilities/{facilityId}/series/{deviceId}" -> HttpApi.json(200, series(request, caller));
            case "GET /disruptions" -> {
                if (!caller.anyOperator()) {
                    throw Problem.forbidden("les tensions nationales sont réservées aux opérateurs (groupe \"" + Caller.OPERATORS
                            + "\" ou \"" + Caller.REGIONAL_OPERATORS_PREFIX + "NN\")");
                }
                yield HttpApi.json(200, Map.of("disruptions", views.openDisruptions()));
            }
            default -> throw HttpApi.unknownRoute(request);
        };
    }

    /** Who the console shows; {@code region} is a regional operator's (the lowest code if several), else null. */
    private static Map<String, Object> me(Caller caller) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("username", caller.who());
        me.put("operator", caller.anyOperator());
        me.put("facilityId", caller.facilityId());
        me.put("region", caller.operator() ? null : caller.operatorRegions().stream().sorted().findFirst().orElse(null));
        return me;
    }

    private ConsoleViews.SeriesView series(HttpRequest request, Caller caller) {
        String facility = request.path("facilityId");
        String device = request.path("deviceId");
        if (!caller.anyOperator() && !caller.mayActFor(facility)) {
            throw Problem.forbidden("un établissement ne voit que ses propres séries");
        }
        return views.series(facility, device).orElseThrow(() -> Problem.notFound("aucun relevé de " + Excerpt.of(device) + " pour " + Excerpt.of(facility)
                + " (ou dispositif absent de la liste surveillée)"));
    }

    private ConsoleViews.HistoryPage history(HttpRequest request, Caller caller) {
        Map<String, String> q = request.query();
        List<Violation> errors = new ArrayList<>();
        AlertLevel level = null;
        if (present(q, "level")) {
            try {
                level = AlertLevel.valueOf(q.get("level").strip());
            } catch (IllegalArgumentException e) {
                errors.add(new Violation("requête", "level", "niveau inconnu : WARNING, CRITICAL ou RECOVERED"));
            }
        }
        for (String name : List.of("facility", "device")) {
            // an id no alert can carry (a list "A,B", lower case, a key separator '#') matched nothing, silently
            if (present(q, name) && !Identifier.valid(q.get(name).strip())) {
                errors.add(new Violation("requête", name, "un identifiant (2 à 40 caractères A-Z, 0-9 et -), reçu « " + Excerpt.of(q.get(name)) + " »"));
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
        } else if (from != null && to != null && !AlertQuery.spanAllowed(from, to)) {
            errors.add(new Violation("requête", "from", "période de " + AlertQuery.MAX_MONTHS / 12 + " ans au plus"));
        }
        if (!errors.isEmpty()) {
            throw Problem.invalid("paramètres de recherche invalides", errors);
        }
        AlertQuery query = new AlertQuery(present(q, "facility") ? q.get("facility").strip() : null,
                present(q, "device") ? q.get("device").strip() : null, level, from, to, size, q.get("cursor"));
        if (!caller.anyOperator()) {
            query = query.forFacility(caller.facilityId());
        }
        try {
            return views.history(query);
        } catch (IllegalArgumentException e) {
            throw Problem.invalid("curseur illisible", List.of(new Violation("requête", "cursor",
                    "repassez tel quel le « next » de la page précédente, avec les mêmes dates")));
        }
    }

    private static LocalDate day(Map<String, String> q, String name, List<Violation> errors) {
        if (!present(q, name)) {
            return null;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(q.get(name).strip());
        } catch (DateTimeParseException e) {
            errors.add(new Violation("requête", name, "date attendue au format AAAA-MM-JJ, reçu « " + Excerpt.of(q.get(name)) + " »"));
            return null;
        }
        if (!AlertQuery.dayInRange(day)) {
            errors.add(new Violation("requête", name, "date entre le " + AlertQuery.FIRST_DAY + " et le " + AlertQuery.LAST_DAY
                    + " attendue (aucune alerte n'est plus ancienne), reçu « " + Excerpt.of(q.get(name)) + " »"));
            return null;
        }
        return day;
    }

    private static boolean present(Map<String, String> q, String name) {
        return q.get(name) != null && !q.get(name).isBlank();
    }
}
