package fr.vigie.fn.watchlist;

import fr.vigie.domain.Excerpt;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.adapter.api.HttpApi;
import fr.vigie.adapter.api.HttpRequest;
import fr.vigie.adapter.api.Problem;
import fr.vigie.adapter.feed.EpidemicCsv;
import fr.vigie.adapter.feed.FacilityJson;
import fr.vigie.adapter.feed.FeedFormatException;
import fr.vigie.adapter.feed.Json;
import fr.vigie.adapter.feed.WatchlistJson;
import fr.vigie.app.EpidemicSignalImport;
import fr.vigie.app.RegistryEditing;
import fr.vigie.domain.Caller;
import fr.vigie.domain.FacilityValidator;
import fr.vigie.domain.RegisteredFacility;
import fr.vigie.domain.Violation;
import fr.vigie.domain.WatchlistDraft;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.WatchlistValidator;
import fr.vigie.port.Registry.Change;
import fr.vigie.port.Registry.Versioned;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 *   POST /epidemic-signal                    national operators   the weekly epidemic signal, CSV (docs/forecasting.md):
 *                                                                 200 {"read","stored","repeated","rejected","errors":[{"line","message"}]},
 *                                                                 400 when no row is valid or the header is not the format's
 * </pre>
 * 401 without a verified identity, 403 for a role that may not, 400 with an RFC 7807 problem
 * listing every invalid field, 404 for an unknown id, 409 for a stale version, 428 when a change
 * does not say which version it replaces, 413 for a body over 64 KiB.
 */
final class RegistryApi {

    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final String TOO_LARGE = "le corps dépasse " + MAX_BODY_BYTES / 1024 + " Kio : une entrée ou un établissement par requête";
    private static final String EXAMPLE = "{\"deviceId\": \"HFNC-PED\", ...}";
    private static final Pattern ETAG = Pattern.compile("^(?:W/)?\"?(\\d{1,18})\"?$");
    private static final WatchlistValidator VALIDATOR = new WatchlistValidator();

    private final RegistryEditing registry;
    private final EpidemicSignalImport epidemics;

    /** @param epidemics the epidemic signal's import ({@code null}: {@code POST /epidemic-signal} is not served) */
    RegistryApi(RegistryEditing registry, EpidemicSignalImport epidemics) {
        this.registry = registry;
        this.epidemics = epidemics;
    }

    /** Decodes the request, calls the use case, encodes its answer; refusals and failures become problems in {@link HttpApi}. */
    APIGatewayV2HTTPResponse answer(HttpRequest request) {
        Caller caller = request.caller();
        return switch (request.route()) {
            case "GET /watchlist" -> {
                ArrayNode list = Json.MAPPER.createArrayNode();
                registry.entries(caller).forEach(v -> list.add(entryJson(v, caller)));
                yield HttpApi.json(200, list);
            }
            case "GET /watchlist/{deviceId}" -> entry(200, registry.entry(caller, request.path("deviceId")), caller, Map.of());
            case "POST /watchlist" -> {
                registry.mayEditWatchlist(caller, "modifier la liste de surveillance");
                Versioned<WatchlistEntry> v = registry.create(caller, validEntry(body(request), null));
                yield entry(201, v, caller, Map.of("Location", "/watchlist/" + v.value().deviceId()));
            }
            case "PUT /watchlist/{deviceId}" -> {
                registry.mayEditWatchlist(caller, "modifier la liste de surveillance");
                ObjectNode body = body(request);
                long expected = expectedVersion(request, body);
                yield entry(200, registry.replace(caller, validEntry(body, request.path("deviceId")), expected), caller, Map.of());
            }
            case "POST /watchlist/{deviceId}/deactivate" -> {
                registry.mayEditWatchlist(caller, "désactiver une entrée");
                ObjectNode body = request.hasBody() ? body(request) : Json.MAPPER.createObjectNode();
                yield entry(200, registry.deactivate(caller, request.path("deviceId"), expectedVersion(request, body)), caller, Map.of());
            }
            case "GET /watchlist/{deviceId}/audit" -> audit("deviceId", request.path("deviceId"),
                    registry.entryHistory(caller, request.path("deviceId")));
            case "GET /facilities" -> {
                ArrayNode list = Json.MAPPER.createArrayNode();
                registry.facilities(caller).forEach(v -> list.add(facilityJson(v)));
                yield HttpApi.json(200, list);
            }
            case "GET /facilities/{facilityId}" -> facility(200, registry.facility(caller, request.path("facilityId")), Map.of());
            case "POST /facilities" -> {
                registry.mayEditFacilities(caller, "modifier le registre des établissements");
                Versioned<RegisteredFacility> v = registry.create(caller, validFacility(body(request), null));
                yield facility(201, v, Map.of("Location", "/facilities/" + v.value().facilityId()));
            }
            case "PUT /facilities/{facilityId}" -> {
                registry.mayEditFacilities(caller, "modifier le registre des établissements");
                ObjectNode body = body(request);
                long expected = expectedVersion(request, body);
                yield facility(200, registry.replace(caller, validFacility(body, request.path("facilityId")), expected), Map.of());
            }
            case "GET /facilities/{facilityId}/audit" -> audit("facilityId", request.path("facilityId"),
                    registry.facilityHistory(caller, request.path("facilityId")));
            case "POST /epidemic-signal" -> {
                if (epidemics == null) {
                    throw HttpApi.unknownRoute(request);
                }
                yield epidemicSignal(request, caller);
            }
            default -> throw HttpApi.unknownRoute(request);
        };
    }

    // ------------------------------------------------------------------ epidemic signal

    /** The CSV read by the one parser ({@link EpidemicCsv}), the valid rows stored, each bad one named by line. */
    private APIGatewayV2HTTPResponse epidemicSignal(HttpRequest request, Caller caller) {
        epidemics.mayImport(caller); // before reading a megabyte for nothing
        if (!request.mediaType().isEmpty() && !request.mediaType().equals("text/csv")) {
            throw Problem.of(Problem.Type.UNSUPPORTED_MEDIA_TYPE, "text/csv attendu (" + String.join(",", EpidemicCsv.COLUMNS) + ")");
        }
        EpidemicCsv.Result signal;
        try {
            signal = EpidemicCsv.read(request.body(EpidemicCsv.MAX_BYTES, "le corps dépasse " + EpidemicCsv.MAX_BYTES / 1024
                    + " Kio : envoyez le signal en plusieurs fois (une saison tient en un envoi)"), epidemics.today());
        } catch (FeedFormatException e) {
            throw Problem.invalid(e.getMessage(), HttpRequest.BODY, "CSV " + String.join(",", EpidemicCsv.COLUMNS) + " attendu");
        }
        List<Violation> errors = signal.rejected().stream()
                .map(r -> new Violation("ligne " + r.line(), "ligne " + r.line(), r.reason())).toList();
        if (signal.nothingValid()) {
            throw Problem.invalid(EpidemicCsv.NOTHING_VALID + " ; chaque erreur nomme sa ligne (1 = l'en-tête)", errors);
        }
        int stored = epidemics.receive(caller, signal.weeks(), request.route());
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("read", signal.weeks().size());
        body.put("stored", stored);
        body.put("repeated", signal.repeated());
        body.put("rejected", signal.rejected().size());
        body.put("errors", signal.rejected().stream().map(r -> Map.<String, Object>of("line", r.line(), "message", r.reason())).toList());
        return HttpApi.json(200, body);
    }

    private static ObjectNode body(HttpRequest request) {
        return request.jsonObject(MAX_BODY_BYTES, TOO_LARGE, EXAMPLE);
    }

    // ------------------------------------------------------------------ watch-list

    /**
     * The entry of a request body, mapped once from JSON to the domain: the body as a draft
     * ({@link WatchlistJson#draft}), then one pass of the validator that builds the entry and its
     * value objects ({@code Thresholds}); 400 naming every invalid field otherwise. The id in the
     * URL, when there is one, must be the body's (or fills it in).
     */
    private static WatchlistEntry validEntry(JsonNode body, String pathId) {
        WatchlistDraft draft = WatchlistJson.draft(body);
        List<Violation> violations = new ArrayList<>();
        if (pathId != null) {
            if (draft.deviceId() == null) {
                draft = withDeviceId(draft, pathId);
            } else if (!draft.deviceId().equals(pathId)) {
                violations.add(new Violation(pathId, "deviceId", "ne correspond pas à l'identifiant de l'URL (\"" + Excerpt.of(draft.deviceId())
                        + "\" au lieu de \"" + Excerpt.of(pathId) + "\") : un identifiant ne se renomme pas, créez une nouvelle entrée"));
            }
        }
        String label = draft.deviceId() == null ? "(entrée)" : draft.deviceId();
        WatchlistValidator.Checked checked = VALIDATOR.check(draft, label);
        violations.addAll(checked.violations());
        violations.addAll(WatchlistJson.structure(body, label));
        if (!violations.isEmpty()) {
            throw Problem.invalid("l'entrée de la liste de surveillance est invalide ("
                    + violations.size() + " champ(s)) : rien n'a été enregistré", violations);
        }
        return checked.entry();
    }

    private static WatchlistDraft withDeviceId(WatchlistDraft d, String id) {
        return new WatchlistDraft(id, d.name(), d.epidemics(), d.unit(), d.emdn(), d.references(), d.seasonStart(), d.seasonEnd(),
                d.warningDays(), d.criticalDays(), d.active(), d.escalationHours(), d.alternatives());
    }

    private static ObjectNode entryJson(Versioned<WatchlistEntry> v, Caller caller) {
        ObjectNode n = WatchlistJson.toJson(v.value());
        n.put("version", v.version());
        if (caller.anyOperator()) {
            if (v.updatedAt() != null) {
                n.put("updatedAt", v.updatedAt());
            }
            if (v.updatedBy() != null) {
                n.put("updatedBy", v.updatedBy());
            }
        }
        return n;
    }

    private static APIGatewayV2HTTPResponse entry(int status, Versioned<WatchlistEntry> v, Caller caller, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("ETag", etag(v.version()));
        return HttpApi.json(status, entryJson(v, caller), all);
    }

    // ------------------------------------------------------------------ facilities

    private static RegisteredFacility validFacility(JsonNode body, String pathId) {
        if (pathId != null && body.isObject()) {
            ObjectNode o = (ObjectNode) body;
            if (!o.hasNonNull("facilityId")) {
                o.put("facilityId", pathId);
            } else if (!o.get("facilityId").asText().equals(pathId)) {
                throw Problem.invalid("l'établissement est invalide : rien n'a été enregistré",
                        List.of(new Violation(pathId, "facilityId", "ne correspond pas à l'identifiant de l'URL")));
            }
        }
        FacilityValidator.Result result = FacilityJson.parse(body);
        if (!result.valid()) {
            throw Problem.invalid("l'établissement est invalide (" + result.violations().size()
                    + " champ(s)) : rien n'a été enregistré", result.violations());
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

    private static APIGatewayV2HTTPResponse facility(int status, Versioned<RegisteredFacility> v, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("ETag", etag(v.version()));
        return HttpApi.json(status, facilityJson(v), all);
    }

    // ------------------------------------------------------------------ audit and versions

    private static APIGatewayV2HTTPResponse audit(String idField, String id, List<Change> history) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put(idField, id);
        out.set("changes", changes(history));
        return HttpApi.json(200, out);
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

    /**
     * The version a change replaces: the {@code If-Match} header ({@code "3"}, as the ETag of a GET
     * gave it) or, for clients that cannot set headers, a {@code version} field in the body. Both
     * given must agree. Neither: 428.
     */
    private static long expectedVersion(HttpRequest request, JsonNode body) {
        Long fromHeader = null;
        String ifMatch = request.header("if-match").orElse(null);
        if (ifMatch != null) {
            Matcher m = ETAG.matcher(ifMatch.strip());
            if (!m.matches()) {
                throw Problem.invalid("en-tête If-Match invalide", List.of(new Violation("(requête)", "If-Match",
                        "version attendue sous la forme \"3\" (l'ETag renvoyé par GET), reçu " + Excerpt.of(ifMatch))));
            }
            fromHeader = Long.parseLong(m.group(1));
        }
        Long fromBody = null;
        JsonNode v = body.get("version");
        if (v != null && !v.isNull()) {
            if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
                throw Problem.invalid("champ version invalide", List.of(new Violation("(requête)", "version",
                        "nombre entier attendu (la version lue par GET)")));
            }
            fromBody = v.asLong();
        }
        if (fromHeader != null && fromBody != null && !fromHeader.equals(fromBody)) {
            throw Problem.invalid("If-Match et version ne concordent pas", List.of(new Violation("(requête)", "version",
                    "If-Match dit " + fromHeader + ", le champ version dit " + fromBody)));
        }
        Long expected = fromHeader != null ? fromHeader : fromBody;
        if (expected == null) {
            throw Problem.of(Problem.Type.PRECONDITION_REQUIRED,
                    "indiquez la version que vous modifiez : en-tête If-Match: \"<version>\" (l'ETag de GET) ou champ \"version\"");
        }
        return expected;
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }
}
