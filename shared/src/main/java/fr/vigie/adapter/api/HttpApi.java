package fr.vigie.adapter.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import fr.vigie.adapter.aws.HandlerLogging;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.Refusal;
import fr.vigie.port.Unavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where every HTTP handler's request goes through: the route answers, and whatever it throws is
 * answered as a {@link Problem} — a {@code Problem} as itself, a domain {@link Refusal} as its
 * problem type, a port's {@link Unavailable} as 502, anything else as 500 — so no request ever
 * ends in API Gateway's bare "Internal Server Error". Unexpected failures (500, 502) are logged at
 * ERROR ({@code http_request_failed}) with the route, the request id and the exception; every request
 * leaves one INFO line {@code http_request} (route, status, the caller's {@code describe()} and
 * facility: never a body, which may hold a contact or a mistaken secret). Lines go through
 * {@link HandlerLogging}: JSON with the Lambda context's fields.
 */
public final class HttpApi {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    /** What a route does with a request: decode, call a use case, encode. */
    @FunctionalInterface
    public interface Route {
        APIGatewayV2HTTPResponse answer(HttpRequest request);
    }

    private HttpApi() {
    }

    public static APIGatewayV2HTTPResponse serve(APIGatewayV2HTTPEvent event, Context context, Route route) {
        return HandlerLogging.handle(context, () -> answer(new HttpRequest(event), route));
    }

    private static APIGatewayV2HTTPResponse answer(HttpRequest request, Route route) {
        APIGatewayV2HTTPResponse response;
        try {
            response = route.answer(request);
        } catch (Problem p) {
            response = p.response();
        } catch (Refusal r) {
            response = Problem.of(r).response();
        } catch (Unavailable e) {
            logFailure(request, e);
            response = Problem.of(Problem.Type.UPSTREAM_UNAVAILABLE,
                    "un service dont Vigie dépend n'a pas répondu comme attendu ; réessayez dans quelques minutes").response();
        } catch (RuntimeException | Error e) {
            logFailure(request, e);
            response = Problem.of(Problem.Type.INTERNAL_ERROR, "erreur inattendue, enregistrée dans le journal (demande "
                    + request.requestId() + ") : réessayez ou signalez-la avec ce numéro").response();
        }
        Map<String, Object> line = fields(request);
        line.put("status", response.getStatusCode());
        HandlerLogging.log(LOG, Level.INFO, "http_request", line);
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

    /** The request's own log fields: route, and who called (their {@code describe()} and facility) when known. */
    private static Map<String, Object> fields(HttpRequest request) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("route", request.route());
        line.put("apiRequestId", request.requestId());
        request.identified().ifPresent(c -> {
            line.put("caller", c.describe());
            if (c.facilityId() != null) {
                line.put("facilityId", c.facilityId());
            }
        });
        return line;
    }

    private static void logFailure(HttpRequest request, Throwable e) {
        HandlerLogging.failure(LOG, "http_request_failed", fields(request), e);
    }
}
