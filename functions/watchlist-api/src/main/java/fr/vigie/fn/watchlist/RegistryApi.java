package fr.vigie.fn.watchlist;

import fr.vigie.adapter.aws.HttpCaller;
import fr.vigie.domain.Caller;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.adapter.dynamodb.DynamoRegistryEditor;
import fr.vigie.adapter.dynamodb.DynamoRegistryEditor.Author;
import fr.vigie.adapter.dynamodb.DynamoRegistryEditor.Change;
import fr.vigie.adapter.dynamodb.DynamoRegistryEditor.Outcome;
import fr.vigie.adapter.dynamodb.DynamoRegistryEditor.Versioned;
import fr.vigie.adapter.feed.FacilityJson;
import fr.vigie.adapter.feed.Json;
import fr.vigie.adapter.feed.WatchlistJson;
import fr.vigie.domain.FacilityValidator;
import fr.vigie.domain.RegisteredFacility;
import fr.vigie.domain.Violation;
import fr.vigie.domain.WatchlistDraft;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.WatchlistValidator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operators' registry API: the watch-list and the facilities, with optimistic locking and an
 * audit trail. Routes (HTTP API route keys) and who may call them:
 * <pre>
 *   GET  /watchlist                          operators, hospitals
 *   GET  /watchlist/{deviceId}               operators, hospitals
 *   POST /watchlist                          operators            201, 409 when the id exists
 *   PUT  /watchlist/{deviceId}               operators            If-Match (or "version"), 409 when stale
 *   POST /watchlist/{deviceId}/deactivate    operators            If-Match (or "version")
 *   GET  /watchlist/{deviceId}/audit         operators
 *   GET  /facilities                         operators
 *   GET  /facilities/{facilityId}            operators, the hospital of that facility
 *   POST /facilities                         operators
 *   PUT  /facilities/{facilityId}            operators            If-Match (or "version")
 *   GET  /facilities/{facilityId}/audit      operators
 * </pre>
 * 401 without a verified identity, 403 for a role that may not, 400 with an RFC 7807 problem
 * listing every invalid field, 404 for an unknown id, 409 for a stale version, 428 when a change
 * does not say which version it replaces, 413 for a body over 64 KiB.
 */
final class RegistryApi {

    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Pattern ETAG = Pattern.compile("^(?:W/)?\"?(\\d{1,18})\"?$");
    private static final WatchlistValidator VALIDATOR = new WatchlistValidator();

    private final DynamoRegistryEditor registry;
    private final Clock clock;

    RegistryApi(DynamoRegistryEditor registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** Raised while reading a request: the response to send instead. */
    private static final class Refused extends Exception {
        final transient APIGatewayV2HTTPResponse response;

        Refused(APIGatewayV2HTTPResponse response) {
            super(null, null, false, false);
            this.response = response;
        }
    }

    APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent request) {
        String route = request.getRouteKey() == null ? "" : request.getRouteKey();
        Optional<Caller> identified = HttpCaller.of(request);
        if (identified.isEmpty()) {
            return Http.unauthenticated();
        }
        Caller caller = identified.get();
        try {
            return switch (route) {
                case "GET /watchlist" -> readable(caller).orElseGet(() -> listEntries(caller));
                case "GET /watchlist/{deviceId}" -> readable(caller).orElseGet(() -> getEntry(caller, path(request, "deviceId")));
                case "POST /watchlist" -> operator(caller, "modifier la liste de surveillance").orElse(createEntry(caller, request));
                case "PUT /watchlist/{deviceId}" -> operator(caller, "modifier la liste de surveillance").orElse(replaceEntry(caller, request));
                case "POST /watchlist/{deviceId}/deactivate" -> operator(caller, "désactiver une entrée").orElse(deactivate(caller, request));
                case "GET /watchlist/{deviceId}/audit" -> operator(caller, "lire l'historique des modifications")
                        .orElseGet(() -> entryAudit(path(request, "deviceId")));
                case "GET /facilities" -> operator(caller, "lister les établissements").orElseGet(this::listFacilities);
                case "GET /facilities/{facilityId}" -> getFacility(caller, path(request, "facilityId"));
                case "POST /facilities" -> operator(caller, "modifier le registre des établissements").orElse(createFacility(caller, request));
                case "PUT /facilities/{facilityId}" -> operator(caller, "modifier le registre des établissements").orElse(replaceFacility(caller, request));
                case "GET /facilities/{facilityId}/audit" -> operator(caller, "lire l'historique des modifications")
                        .orElseGet(() -> facilityAudit(path(request, "facilityId")));
                default -> Http.problem(404, "unknown-route", "Route inconnue", "route non prise en charge : " + route);
            };
        } catch (Refused r) {
            return r.response;
        }
    }

    // ------------------------------------------------------------------ who may

    private static Optional<APIGatewayV2HTTPResponse> readable(Caller caller) {
        return caller.operator() || caller.hospital() ? Optional.empty()
                : Optional.of(Http.forbidden("lecture réservée aux opérateurs et aux établissements déclarés"));
    }

    /** Empty when the caller is an operator; the 403 otherwise. Lazily evaluated actions use orElseGet. */
    private static OptionalResponse operator(Caller caller, String what) {
        return new OptionalResponse(caller.operator() ? null
                : Http.forbidden("réservé aux opérateurs (groupe \"" + Caller.OPERATORS + "\") : " + what));
    }

    /** Like Optional, but its fallback may refuse the request with a prepared response. */
    private record OptionalResponse(APIGatewayV2HTTPResponse refusal) {
        APIGatewayV2HTTPResponse orElse(ThrowingAction action) throws Refused {
            return refusal != null ? refusal : action.run();
        }

        APIGatewayV2HTTPResponse orElseGet(java.util.function.Supplier<APIGatewayV2HTTPResponse> action) {
            return refusal != null ? refusal : action.get();
        }
    }

    @FunctionalInterface
    private interface ThrowingAction {
        APIGatewayV2HTTPResponse run() throws Refused;
    }

    // ------------------------------------------------------------------ watch-list

    private APIGatewayV2HTTPResponse listEntries(Caller caller) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        registry.entries().forEach(v -> list.add(entryJson(v, caller)));
        return Http.json(200, list);
    }

    private APIGatewayV2HTTPResponse getEntry(Caller caller, String deviceId) {
        return registry.entry(deviceId)
                .map(v -> Http.json(200, entryJson(v, caller), Map.of("ETag", Http.etag(v.version()))))
                .orElseGet(() -> unknownDevice(deviceId));
    }

    private ThrowingAction createEntry(Caller caller, APIGatewayV2HTTPEvent request) {
        return () -> {
            JsonNode body = body(request);
            WatchlistEntry entry = validEntry(body, null);
            Outcome outcome = registry.create(entry, author(caller, "CREATE"));
            if (outcome.status() == DynamoRegistryEditor.Status.EXISTS) {
                return Http.exists("l'entrée \"" + entry.deviceId() + "\" existe déjà (version " + outcome.version()
                        + ") : remplacez-la par PUT /watchlist/" + entry.deviceId() + " avec If-Match");
            }
            return written(201, registry.entry(entry.deviceId()).orElseThrow(), caller, Map.of("Location", "/watchlist/" + entry.deviceId()));
        };
    }

    private ThrowingAction replaceEntry(Caller caller, APIGatewayV2HTTPEvent request) {
        return () -> {
            String deviceId = path(request, "deviceId");
            JsonNode body = body(request);
            long expected = expectedVersion(request, body);
            WatchlistEntry entry = validEntry(body, deviceId);
            return entryOutcome(deviceId, registry.replace(entry, expected, author(caller, "REPLACE")), expected, caller);
        };
    }

    private ThrowingAction deactivate(Caller caller, APIGatewayV2HTTPEvent request) {
        return () -> {
            String deviceId = path(request, "deviceId");
            JsonNode body = request.getBody() == null || request.getBody().isBlank() ? Json.MAPPER.createObjectNode() : body(request);
            long expected = expectedVersion(request, body);
            Optional<Versioned<WatchlistEntry>> current = registry.entry(deviceId);
            if (current.isEmpty()) {
                return unknownDevice(deviceId);
            }
            WatchlistEntry e = current.get().value();
            WatchlistEntry inactive = new WatchlistEntry(e.deviceId(), e.name(), e.epidemics(), e.unit(), e.emdn(), e.references(),
                    e.season(), e.thresholds(), false);
            return entryOutcome(deviceId, registry.replace(inactive, expected, author(caller, "DEACTIVATE")), expected, caller);
        };
    }

    private APIGatewayV2HTTPResponse entryOutcome(String deviceId, Outcome outcome, long expected, Caller caller) {
        return switch (outcome.status()) {
            case NOT_FOUND -> unknownDevice(deviceId);
            case CONFLICT -> Http.conflict("l'entrée \"" + deviceId + "\" est en version " + outcome.version() + ", pas " + expected
                    + " : relisez-la (GET /watchlist/" + deviceId + ") et refaites votre modification sur cette version", outcome.version());
            default -> written(200, registry.entry(deviceId).orElseThrow(), caller, Map.of());
        };
    }

    private APIGatewayV2HTTPResponse entryAudit(String deviceId) {
        List<Change> changes = registry.entryHistory(deviceId);
        if (changes.isEmpty() && registry.entry(deviceId).isEmpty()) {
            return unknownDevice(deviceId);
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("deviceId", deviceId);
        out.set("changes", changes(changes));
        return Http.json(200, out);
    }

    private WatchlistEntry validEntry(JsonNode body, String pathId) throws Refused {
        WatchlistDraft draft = WatchlistJson.draft(body);
        List<Violation> violations = new ArrayList<>();
        if (pathId != null) {
            if (draft.deviceId() == null) {
                draft = withDeviceId(draft, pathId);
            } else if (!draft.deviceId().equals(pathId)) {
                violations.add(new Violation(pathId, "deviceId", "ne correspond pas à l'identifiant de l'URL (\"" + draft.deviceId()
                        + "\" au lieu de \"" + pathId + "\") : un identifiant ne se renomme pas, créez une nouvelle entrée"));
            }
        }
        String label = draft.deviceId() == null ? "(entrée)" : draft.deviceId();
        violations.addAll(VALIDATOR.validate(draft, label));
        structure(body, violations, label);
        if (!violations.isEmpty()) {
            throw new Refused(Http.invalid("l'entrée de la liste de surveillance est invalide ("
                    + violations.size() + " champ(s)) : rien n'a été enregistré", violations));
        }
        return VALIDATOR.validateAll(List.of(draft)).entries().get(0);
    }

    /** Type errors that the draft's text view would hide: epidemics, season and thresholds must have their JSON shape. */
    private static void structure(JsonNode body, List<Violation> violations, String label) {
        if (body.has("epidemics") && !body.get("epidemics").isArray()) {
            violations.add(new Violation(label, "epidemics", "tableau attendu, ex. [\"FLU\", \"COVID\"]"));
        }
        for (String field : List.of("season", "thresholds")) {
            if (body.has(field) && !body.get(field).isObject()) {
                violations.add(new Violation(label, field, "objet attendu"));
            }
        }
        if (body.has("active") && !body.get("active").isBoolean() && !body.get("active").isNull()) {
            violations.add(new Violation(label, "active", "booléen attendu (true ou false)"));
        }
        if (body.has("references") && !body.get("references").isArray()) {
            violations.add(new Violation(label, "references", "tableau attendu"));
        }
    }

    private static WatchlistDraft withDeviceId(WatchlistDraft d, String id) {
        return new WatchlistDraft(id, d.name(), d.epidemics(), d.unit(), d.emdn(), d.references(), d.seasonStart(), d.seasonEnd(),
                d.warningDays(), d.criticalDays(), d.active());
    }

    private static ObjectNode entryJson(Versioned<WatchlistEntry> v, Caller caller) {
        ObjectNode n = WatchlistJson.toJson(v.value());
        n.put("version", v.version());
        if (caller.operator()) {
            if (v.updatedAt() != null) {
                n.put("updatedAt", v.updatedAt());
            }
            if (v.updatedBy() != null) {
                n.put("updatedBy", v.updatedBy());
            }
        }
        return n;
    }

    private static APIGatewayV2HTTPResponse written(int status, Versioned<WatchlistEntry> v, Caller caller, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("ETag", Http.etag(v.version()));
        return Http.json(status, entryJson(v, caller), all);
    }

    private static APIGatewayV2HTTPResponse unknownDevice(String deviceId) {
        return Http.notFound("aucune entrée de la liste de surveillance pour \"" + deviceId + "\"");
    }

    // ------------------------------------------------------------------ facilities

    private APIGatewayV2HTTPResponse listFacilities() {
        ArrayNode list = Json.MAPPER.createArrayNode();
        registry.facilities().forEach(v -> list.add(facilityJson(v)));
        return Http.json(200, list);
    }

    private APIGatewayV2HTTPResponse getFacility(Caller caller, String facilityId) {
        if (!caller.operator() && !(caller.hospital() && caller.facilityId().equals(facilityId))) {
            return Http.forbidden("un établissement ne lit que sa propre fiche ; la liste et les autres fiches sont réservées aux opérateurs");
        }
        return registry.facility(facilityId)
                .map(v -> Http.json(200, facilityJson(v), Map.of("ETag", Http.etag(v.version()))))
                .orElseGet(() -> unknownFacility(facilityId));
    }

    private ThrowingAction createFacility(Caller caller, APIGatewayV2HTTPEvent request) {
        return () -> {
            RegisteredFacility facility = validFacility(body(request), null);
            Outcome outcome = registry.create(facility, author(caller, "CREATE"));
            if (outcome.status() == DynamoRegistryEditor.Status.EXISTS) {
                return Http.exists("l'établissement \"" + facility.facilityId() + "\" existe déjà (version " + outcome.version()
                        + ") : remplacez-le par PUT /facilities/" + facility.facilityId() + " avec If-Match");
            }
            Versioned<RegisteredFacility> v = registry.facility(facility.facilityId()).orElseThrow();
            return Http.json(201, facilityJson(v), Map.of("ETag", Http.etag(v.version()), "Location", "/facilities/" + facility.facilityId()));
        };
    }

    private ThrowingAction replaceFacility(Caller caller, APIGatewayV2HTTPEvent request) {
        return () -> {
            String facilityId = path(request, "facilityId");
            JsonNode body = body(request);
            long expected = expectedVersion(request, body);
            RegisteredFacility facility = validFacility(body, facilityId);
            Outcome outcome = registry.replace(facility, expected, author(caller, "REPLACE"));
            return switch (outcome.status()) {
                case NOT_FOUND -> unknownFacility(facilityId);
                case CONFLICT -> Http.conflict("l'établissement \"" + facilityId + "\" est en version " + outcome.version() + ", pas " + expected
                        + " : relisez sa fiche et refaites votre modification sur cette version", outcome.version());
                default -> {
                    Versioned<RegisteredFacility> v = registry.facility(facilityId).orElseThrow();
                    yield Http.json(200, facilityJson(v), Map.of("ETag", Http.etag(v.version())));
                }
            };
        };
    }

    private APIGatewayV2HTTPResponse facilityAudit(String facilityId) {
        List<Change> changes = registry.facilityHistory(facilityId);
        if (changes.isEmpty() && registry.facility(facilityId).isEmpty()) {
            return unknownFacility(facilityId);
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("facilityId", facilityId);
        out.set("changes", changes(changes));
        return Http.json(200, out);
    }

    private static RegisteredFacility validFacility(JsonNode body, String pathId) throws Refused {
        if (pathId != null && body.isObject()) {
            ObjectNode o = (ObjectNode) body;
            if (!o.hasNonNull("facilityId")) {
                o.put("facilityId", pathId);
            } else if (!o.get("facilityId").asText().equals(pathId)) {
                throw new Refused(Http.invalid("l'établissement est invalide : rien n'a été enregistré",
                        List.of(new Violation(pathId, "facilityId", "ne correspond pas à l'identifiant de l'URL"))));
            }
        }
        FacilityValidator.Result result = FacilityJson.parse(body);
        if (!result.valid()) {
            throw new Refused(Http.invalid("l'établissement est invalide (" + result.violations().size()
                    + " champ(s)) : rien n'a été enregistré", result.violations()));
        }
        return result.facility();
    }

    private static ObjectNode facilityJson(Versioned<RegisteredFacility> v) {
        ObjectNode n = FacilityJson.toJson(v.value());
        n.put("version", v.version());
        if (v.updatedAt() != null) {
            n.put("updatedAt", v.updatedAt());
        }
        if (v.updatedBy() != null) {
            n.put("updatedBy", v.updatedBy());
        }
        return n;
    }

    private static APIGatewayV2HTTPResponse unknownFacility(String facilityId) {
        return Http.notFound("aucun établissement \"" + facilityId + "\" dans le registre");
    }

    // ------------------------------------------------------------------ request helpers

    private Author author(Caller caller, String action) {
        return new Author(caller.who(), caller.subject(), action, clock.instant());
    }

    private static ArrayNode changes(List<Change> changes) {
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (Change c : changes) {
            ObjectNode n = list.addObject();
            n.put("version", c.version());
            n.put("at", c.at());
            n.put("by", c.by());
            if (c.subject() != null) {
                n.put("subject", c.subject());
            }
            n.put("action", c.action());
            n.put("season", c.season());
            n.set("before", c.before() == null ? null : readStored(c.before()));
            n.set("after", readStored(c.after()));
        }
        return list;
    }

    private static JsonNode readStored(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return Json.MAPPER.getNodeFactory().textNode(json);
        }
    }

    private static String path(APIGatewayV2HTTPEvent request, String name) {
        return request.getPathParameters() == null ? null : request.getPathParameters().get(name);
    }

    private static JsonNode body(APIGatewayV2HTTPEvent request) throws Refused {
        String raw = request.getBody();
        if (raw == null || raw.isBlank()) {
            throw new Refused(Http.invalid("corps de requête vide : un objet JSON est attendu",
                    List.of(new Violation("(corps)", "-", "obligatoire"))));
        }
        if (request.getIsBase64Encoded()) {
            try {
                raw = new String(Base64.getDecoder().decode(raw), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new Refused(Http.invalid("corps base64 illisible", List.of(new Violation("(corps)", "-", "base64 invalide"))));
            }
        }
        if (raw.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw new Refused(Http.problem(413, "too-large", "Corps trop volumineux",
                    "le corps dépasse " + MAX_BODY_BYTES / 1024 + " Kio : une entrée ou un établissement par requête"));
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new Refused(Http.invalid("JSON illisible", List.of(new Violation("(corps)", "-", "JSON illisible : " + e.getOriginalMessage()))));
        }
        if (node == null || !node.isObject()) {
            throw new Refused(Http.invalid("un objet JSON est attendu", List.of(new Violation("(corps)", "-", "objet JSON attendu"))));
        }
        return node;
    }

    /**
     * The version a change replaces: the {@code If-Match} header ({@code "3"}, as the ETag of a GET
     * gave it) or, for clients that cannot set headers, a {@code version} field in the body. Both
     * given must agree. Neither: 428.
     */
    private static long expectedVersion(APIGatewayV2HTTPEvent request, JsonNode body) throws Refused {
        Long fromHeader = null;
        String ifMatch = header(request, "if-match");
        if (ifMatch != null) {
            Matcher m = ETAG.matcher(ifMatch.strip());
            if (!m.matches()) {
                throw new Refused(Http.invalid("en-tête If-Match invalide", List.of(new Violation("(requête)", "If-Match",
                        "version attendue sous la forme \"3\" (l'ETag renvoyé par GET), reçu " + ifMatch))));
            }
            fromHeader = Long.parseLong(m.group(1));
        }
        Long fromBody = null;
        JsonNode v = body.get("version");
        if (v != null && !v.isNull()) {
            if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
                throw new Refused(Http.invalid("champ version invalide", List.of(new Violation("(requête)", "version",
                        "nombre entier attendu (la version lue par GET)"))));
            }
            fromBody = v.asLong();
        }
        if (fromHeader != null && fromBody != null && !fromHeader.equals(fromBody)) {
            throw new Refused(Http.invalid("If-Match et version ne concordent pas", List.of(new Violation("(requête)", "version",
                    "If-Match dit " + fromHeader + ", le champ version dit " + fromBody))));
        }
        Long expected = fromHeader != null ? fromHeader : fromBody;
        if (expected == null) {
            throw new Refused(Http.preconditionRequired(
                    "indiquez la version que vous modifiez : en-tête If-Match: \"<version>\" (l'ETag de GET) ou champ \"version\""));
        }
        return expected;
    }

    private static String header(APIGatewayV2HTTPEvent request, String name) {
        if (request.getHeaders() == null) {
            return null;
        }
        for (Map.Entry<String, String> h : request.getHeaders().entrySet()) {
            if (h.getKey() != null && h.getKey().toLowerCase(Locale.ROOT).equals(name)) {
                return h.getValue();
            }
        }
        return null;
    }
}
