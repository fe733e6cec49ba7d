package fr.vigie.fn.subscriptions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.Violation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** RFC 7807 problem documents in French ({@code application/problem+json}). */
final class Problem {

    private Problem() {
    }

    static APIGatewayV2HTTPResponse of(int status, String title, String detail) {
        return of(status, title, detail, List.of(), Map.of());
    }

    static APIGatewayV2HTTPResponse invalid(List<Violation> violations) {
        return of(400, "Abonnement invalide", violations.size() == 1
                ? violations.get(0).field() + " : " + violations.get(0).message()
                : violations.size() + " champs à corriger", violations, Map.of());
    }

    static APIGatewayV2HTTPResponse unauthenticated() {
        return of(401, "Authentification requise",
                "Présentez un jeton d'accès (en-tête Authorization: Bearer ...) délivré par Vigie.", List.of(),
                Map.of("WWW-Authenticate", "Bearer"));
    }

    static APIGatewayV2HTTPResponse of(int status, String title, String detail, List<Violation> violations,
                                       Map<String, String> headers) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (!violations.isEmpty()) {
            ArrayNode errors = body.putArray("errors");
            violations.forEach(v -> errors.addObject().put("field", v.field()).put("detail", v.message()));
        }
        Map<String, String> all = new HashMap<>(headers);
        all.put("Content-Type", "application/problem+json; charset=utf-8");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(all).withBody(body.toString()).build();
    }
}
