package fr.vigie.adapter.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.Refusal;
import fr.vigie.port.Unavailable;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where every HTTP handler's request goes through: the route answers, and whatever it throws is
 * answered as a {@link Problem} — a {@code Problem} as itself, a domain {@link Refusal} as its
 * problem type, a port's {@link Unavailable} as 502, anything else as 500 — so no request ever
 * ends in API Gateway's bare "Internal Server Error". Unexpected failures (500, 502) are logged at
 * ERROR with the route, the request id and the exception; every request leaves one INFO line
 * {@code http_request} (route, status, the caller's {@code describe()}: never a body, which may hold
 * a contact or a mistaken secret).
 */
public final class HttpApi {

    /** What a route does with a request: decode, call a use case, encode. */
    @FunctionalInterface
    public interface Route {
        APIGatewayV2HTTPResponse answer(HttpRequest request);
    }

    private HttpApi() {
    }

    public static APIGatewayV2HTTPResponse serve(APIGatewayV2HTTPEvent event, Context context, Route route) {
        HttpRequest request = new HttpRequest(event);
        APIGatewayV2HTTPResponse response;
        try {
            response = route.answer(request);
        } catch (Problem p) {
            response = p.response();
        } catch (Refusal r) {
            response = Problem.of(r).response();
        } catch (Unavailable e) {
            logFailure(context, request, e);
            response = Problem.of(Problem.Type.UPSTREAM_UNAVAILABLE,
                    "un service dont Vigie dépend n'a pas répondu comme attendu ; réessayez dans quelques minutes").response();
        } catch (RuntimeException | Error e) {
            logFailure(context, request, e);
            response = Problem.of(Problem.Type.INTERNAL_ERROR, "erreur inattendue, enregistrée dans le journal (demande "
                    + request.requestId() + ") : réessayez ou signalez-la avec ce numéro").response();
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", "http_request");
        line.put("route", request.route());
        line.put("status", response.getStatusCode());
        request.identified().ifPresent(c -> line.put("caller", c.describe()));
        log(context, line, LogLevel.INFO);
        return response;
    }

    /** An answer with a JSON body. */
    public static APIGatewayV2HTTPResponse json(int status, Object body) {
        return json(status, body, Map.of());
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Content-Type", "application/json; charset=utf-8");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(all)
                .withBody(body instanceof String s ? s : Json.write(body)).build();
    }

    public static APIGatewayV2HTTPResponse noContent() {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(new HashMap<>()).build();
    }

    /** 404 for a route key this function does not serve. */
    public static Problem unknownRoute(HttpRequest request) {
        return Problem.of(Problem.Type.UNKNOWN_ROUTE, "route non prise en charge : " + request.route());
    }

    /** One JSON log line at a level (under the template's JSON log format, the level is the record's). */
    public static void log(Context context, Map<String, ?> fields, LogLevel level) {
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(Json.write(fields), level);
        }
    }

    private static void logFailure(Context context, HttpRequest request, Throwable e) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", "http_request_failed");
        line.put("route", request.route());
        line.put("requestId", request.requestId());
        line.put("exception", e.getClass().getName());
        line.put("message", String.valueOf(e.getMessage()));
        Throwable cause = e.getCause();
        if (cause != null) {
            line.put("cause", cause.getClass().getName() + ": " + cause.getMessage());
        }
        StackTraceElement[] trace = e.getStackTrace();
        if (trace.length > 0) {
            line.put("at", trace[0].toString());
        }
        log(context, line, LogLevel.ERROR);
    }
}
