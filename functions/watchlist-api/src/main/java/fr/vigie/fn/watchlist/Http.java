package fr.vigie.fn.watchlist;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.Caller;
import fr.vigie.domain.Violation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Responses of the registry API: JSON bodies and RFC 7807 problem documents ({@code application/problem+json}). */
final class Http {

    static final String PROBLEM = "urn:vigie:problem:";

    private Http() {
    }

    static APIGatewayV2HTTPResponse json(int status, Object body, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Content-Type", "application/json; charset=utf-8");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(all).withBody(Json.write(body)).build();
    }

    static APIGatewayV2HTTPResponse json(int status, Object body) {
        return json(status, body, Map.of());
    }

    static APIGatewayV2HTTPResponse problem(int status, String type, String title, String detail) {
        return problem(status, type, title, detail, null, Map.of());
    }

    /** A problem document; {@code errors} (may be null) lists every invalid field and why. */
    static APIGatewayV2HTTPResponse problem(int status, String type, String title, String detail, List<Violation> errors,
                                            Map<String, Object> extra) {
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("type", PROBLEM + type);
        p.put("title", title);
        p.put("status", status);
        p.put("detail", detail);
        extra.forEach((k, v) -> p.set(k, Json.MAPPER.valueToTree(v)));
        if (errors != null) {
            ArrayNode list = p.putArray("errors");
            errors.forEach(v -> list.addObject().put("field", v.field()).put("message", v.message()));
        }
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "application/problem+json; charset=utf-8")).withBody(p.toString()).build();
    }

    static APIGatewayV2HTTPResponse invalid(String detail, List<Violation> errors) {
        return problem(400, "invalid-input", "Requête invalide", detail, errors, Map.of());
    }

    static APIGatewayV2HTTPResponse unauthenticated() {
        return problem(401, "unauthenticated", "Authentification requise",
                "jeton JWT absent ou non vérifié : appelez l'API avec l'en-tête Authorization: Bearer <jeton Cognito>");
    }

    /** 401 without a verified caller, 403 for a caller who is not an operator ({@code reserved}: "X est réservé"), else empty. */
    static Optional<APIGatewayV2HTTPResponse> unlessOperator(Optional<Caller> caller, String reserved) {
        if (caller.isEmpty()) {
            return Optional.of(unauthenticated());
        }
        if (!caller.get().operator()) {
            return Optional.of(forbidden(reserved + " aux opérateurs (groupe \"" + Caller.OPERATORS + "\")"));
        }
        return Optional.empty();
    }

    static APIGatewayV2HTTPResponse forbidden(String detail) {
        return problem(403, "forbidden", "Accès refusé", detail);
    }

    static APIGatewayV2HTTPResponse notFound(String detail) {
        return problem(404, "not-found", "Introuvable", detail);
    }

    static APIGatewayV2HTTPResponse conflict(String detail, long currentVersion) {
        return problem(409, "version-conflict", "Conflit de version", detail, null, Map.of("currentVersion", currentVersion));
    }

    static APIGatewayV2HTTPResponse exists(String detail) {
        return problem(409, "already-exists", "Existe déjà", detail);
    }

    static APIGatewayV2HTTPResponse preconditionRequired(String detail) {
        return problem(428, "precondition-required", "Version requise", detail);
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }
}
