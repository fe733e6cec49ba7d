package fr.vigie.adapter.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.Refusal;
import fr.vigie.domain.Violation;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one error format of every Vigie HTTP route: an RFC 7807 problem document
 * ({@code application/problem+json; charset=utf-8}), in French:
 * <pre>
 *   {"type": "urn:vigie:problem:invalid-input", "title": "Requête invalide", "status": 400,
 *    "detail": "what happened and what to do",
 *    "errors": [{"field": "thresholds.criticalDays", "message": "..."}]}      errors only when fields are wrong
 * </pre>
 * {@code type} is {@code urn:vigie:problem:} followed by a {@link Type}'s slug; {@code title} is
 * the type's (it never varies for a type), {@code detail} the occurrence's. Some types add one
 * member: {@code currentVersion} on a version conflict. Thrown by a handler, a problem is answered
 * by {@link HttpApi#serve}.
 */
public final class Problem extends RuntimeException {

    public static final String TYPE_PREFIX = "urn:vigie:problem:";

    /** The problem types, each with its HTTP status and French title. */
    public enum Type {
        INVALID_INPUT("invalid-input", 400, "Requête invalide"),
        UNAUTHENTICATED("unauthenticated", 401, "Authentification requise"),
        FORBIDDEN("forbidden", 403, "Accès refusé"),
        NOT_FOUND("not-found", 404, "Introuvable"),
        UNKNOWN_ROUTE("unknown-route", 404, "Route inconnue"),
        ALREADY_EXISTS("already-exists", 409, "Existe déjà"),
        VERSION_CONFLICT("version-conflict", 409, "Conflit de version"),
        QUOTA_EXCEEDED("quota-exceeded", 409, "Limite atteinte"),
        TOO_LARGE("too-large", 413, "Corps trop volumineux"),
        UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Type de contenu non pris en charge"),
        PRECONDITION_REQUIRED("precondition-required", 428, "Version requise"),
        TOO_MANY_REQUESTS("too-many-requests", 429, "Trop de demandes"),
        INTERNAL_ERROR("internal-error", 500, "Erreur interne"),
        UPSTREAM_UNAVAILABLE("upstream-unavailable", 502, "Service indisponible");

        private final String slug;
        private final int status;
        private final String title;

        Type(String slug, int status, String title) {
            this.slug = slug;
            this.status = status;
            this.title = title;
        }

        public String uri() {
            return TYPE_PREFIX + slug;
        }

        public int status() {
            return status;
        }

        public String title() {
            return title;
        }
    }

    private final Type type;
    private final transient List<Violation> errors;
    private final transient Map<String, Object> extra;
    private final transient Map<String, String> headers;

    private Problem(Type type, String detail, List<Violation> errors, Map<String, Object> extra, Map<String, String> headers) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = List.copyOf(errors);
        this.extra = Map.copyOf(extra);
        this.headers = Map.copyOf(headers);
    }

    public static Problem of(Type type, String detail) {
        return new Problem(type, detail, List.of(), Map.of(), Map.of());
    }

    /** 400 listing every invalid field. */
    public static Problem invalid(String detail, List<Violation> errors) {
        return new Problem(Type.INVALID_INPUT, detail, errors, Map.of(), Map.of());
    }

    /** 400 for one field (or "(corps)" for the body as a whole). */
    public static Problem invalid(String detail, String field, String message) {
        return invalid(detail, List.of(new Violation(null, field, message)));
    }

    public static Problem unauthenticated() {
        return new Problem(Type.UNAUTHENTICATED, "jeton JWT absent ou non vérifié : appelez l'API avec l'en-tête "
                + "Authorization: Bearer <jeton Cognito>", List.of(), Map.of(), Map.of("WWW-Authenticate", "Bearer"));
    }

    public static Problem forbidden(String detail) {
        return of(Type.FORBIDDEN, detail);
    }

    public static Problem notFound(String detail) {
        return of(Type.NOT_FOUND, detail);
    }

    /** A domain refusal as its problem type (the version met travels as {@code currentVersion}). */
    public static Problem of(Refusal r) {
        return switch (r.kind()) {
            case INVALID -> invalid(r.detail(), r.violations());
            case FORBIDDEN -> forbidden(r.detail());
            case NOT_FOUND -> notFound(r.detail());
            case EXISTS -> of(Type.ALREADY_EXISTS, r.detail());
            case CONFLICT -> new Problem(Type.VERSION_CONFLICT, r.detail(), List.of(), Map.of("currentVersion", r.currentVersion()), Map.of());
            case QUOTA -> of(Type.QUOTA_EXCEEDED, r.detail());
            case PRECONDITION -> of(Type.PRECONDITION_REQUIRED, r.detail());
            case LIMIT -> of(Type.TOO_MANY_REQUESTS, r.detail());
        };
    }

    public Type type() {
        return type;
    }

    public String detail() {
        return getMessage();
    }

    public List<Violation> errors() {
        return errors;
    }

    /** The problem document as the response of an HTTP API (payload 2.0). */
    public APIGatewayV2HTTPResponse response() {
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("type", type.uri());
        p.put("title", type.title());
        p.put("status", type.status());
        p.put("detail", detail());
        extra.forEach((k, v) -> p.set(k, Json.MAPPER.valueToTree(v)));
        if (!errors.isEmpty()) {
            ArrayNode list = p.putArray("errors");
            errors.forEach(v -> list.addObject().put("field", v.field()).put("message", v.message()));
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", "application/problem+json; charset=utf-8");
        return APIGatewayV2HTTPResponse.builder().withStatusCode(type.status()).withHeaders(new HashMap<>(all))
                .withBody(p.toString()).build();
    }
}
