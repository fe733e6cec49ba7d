package fr.vigie.adapter.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.adapter.aws.HttpCaller;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.Caller;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP API request (payload 2.0) as the handlers read it: route key, path parameters, headers
 * by name whatever their case, the body decoded (base64 when API Gateway says so) and capped, a
 * JSON object body, and the caller from the JWT claims ({@link Caller}). Every failure to read is
 * a {@link Problem}: 400 for a body that is empty, not base64 when announced so, not JSON or not an
 * object; 413 over the cap; 401 without verified claims.
 */
public final class HttpRequest {

    /** The field name problem documents use for the request body as a whole. */
    public static final String BODY = "(corps)";

    private final APIGatewayV2HTTPEvent event;

    public HttpRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    /** The route key ("PUT /watchlist/{deviceId}"), or "" when absent. */
    public String route() {
        return event.getRouteKey() == null ? "" : event.getRouteKey();
    }

    public String requestId() {
        return event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
    }

    /** A path parameter, or null. */
    public String path(String name) {
        return event.getPathParameters() == null ? null : event.getPathParameters().get(name);
    }

    /** The query string parameters (empty when there are none). */
    public Map<String, String> query() {
        return event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
    }

    /** A header, whatever the case of its name (HTTP names are case-insensitive; API Gateway lowercases them, tests may not). */
    public Optional<String> header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream().filter(h -> h.getKey() != null && h.getKey().equalsIgnoreCase(name) && h.getValue() != null)
                .map(Map.Entry::getValue).findFirst();
    }

    /** The media type of Content-Type, lowercase and without its parameters ("text/csv"), or "". */
    public String mediaType() {
        return header("content-type").map(v -> v.split(";")[0].strip().toLowerCase(Locale.ROOT)).orElse("");
    }

    /** The verified caller, if any. */
    public Optional<Caller> identified() {
        return HttpCaller.of(event);
    }

    /** The verified caller; 401 when the request is anonymous. */
    public Caller caller() {
        return identified().orElseThrow(Problem::unauthenticated);
    }

    /** True when there is a body with something other than white space in it (before decoding). */
    public boolean hasBody() {
        return event.getBody() != null && !event.getBody().isBlank();
    }

    /**
     * The body as UTF-8 text ("" when absent), decoded from base64 when the event says so.
     *
     * @param maxBytes the cap on the decoded size, in bytes; over it: 413 with {@code tooLarge} as detail
     */
    public String body(int maxBytes, String tooLarge) {
        String raw = event.getBody();
        if (raw == null) {
            return "";
        }
        byte[] bytes;
        if (event.getIsBase64Encoded()) {
            if (raw.length() > (maxBytes / 3 + 1) * 4 + 4) {
                throw Problem.of(Problem.Type.TOO_LARGE, tooLarge);
            }
            try {
                bytes = Base64.getDecoder().decode(raw.strip());
            } catch (IllegalArgumentException e) {
                throw Problem.invalid("le corps annoncé en base64 n'est pas du base64 valide", BODY, "base64 invalide");
            }
        } else {
            bytes = raw.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > maxBytes) {
            throw Problem.of(Problem.Type.TOO_LARGE, tooLarge);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The body as a JSON object; 400 when it is empty, not JSON or not an object, 413 over {@code maxBytes}.
     *
     * @param example a short example of the expected object, quoted in the 400's detail
     */
    public ObjectNode jsonObject(int maxBytes, String tooLarge, String example) {
        String text = body(maxBytes, tooLarge);
        if (text.isBlank()) {
            throw Problem.invalid("corps de requête vide : un objet JSON est attendu, par exemple " + example, BODY, "obligatoire");
        }
        JsonNode node;
        try {
            node = Json.readInput(text);
        } catch (JsonProcessingException e) {
            throw Problem.invalid("JSON illisible : un objet JSON est attendu, par exemple " + example, BODY,
                    Json.unreadable(e, text));
        }
        if (node == null || !node.isObject()) {
            throw Problem.invalid("un objet JSON est attendu, par exemple " + example, BODY, "objet JSON attendu");
        }
        return (ObjectNode) node;
    }
}
