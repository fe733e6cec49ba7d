package fr.vigie.adapter.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.domain.SupplierReference;
import fr.vigie.domain.followup.DeviceFollowUp;
import fr.vigie.domain.Violation;
import fr.vigie.domain.WatchlistDraft;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.WatchlistValidator;

import java.util.ArrayList;
import java.util.List;

/** Reads and writes the watch-list JSON of spec section 1; validation is the domain's. */
public final class WatchlistJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final WatchlistValidator VALIDATOR = new WatchlistValidator();
    /** The fields of an entry (spec section 1, and the follow-up's escalation and alternatives). */
    private static final List<String> ENTRY_FIELDS = List.of("deviceId", "name", "epidemics", "unit", "emdn", "references", "season",
            "thresholds", "active", "escalationHours", "alternatives");

    private WatchlistJson() {
    }

    /** A whole watch-list file (a JSON array): every entry valid, or every violation. */
    public static WatchlistValidator.Result parseList(String json) {
        if (json == null || json.isBlank()) {
            return new WatchlistValidator.Result(List.of(), List.of(new Violation("(fichier)", "-", "liste vide : un tableau JSON d'entrées est attendu")));
        }
        JsonNode root;
        try {
            root = Json.readInput(json);
        } catch (JsonProcessingException e) {
            return new WatchlistValidator.Result(List.of(), List.of(new Violation("(fichier)", "-", Json.unreadable(e, json))));
        }
        if (root == null || !root.isArray()) {
            return new WatchlistValidator.Result(List.of(), List.of(new Violation("(fichier)", "-", "un tableau JSON d'entrées est attendu")));
        }
        List<WatchlistDraft> drafts = new ArrayList<>();
        List<Violation> structure = new ArrayList<>();
        for (JsonNode node : root) {
            WatchlistDraft draft = draft(node);
            structure.addAll(structure(node, draft.deviceId() != null && !draft.deviceId().isBlank() ? draft.deviceId() : "#" + (drafts.size() + 1)));
            drafts.add(draft);
        }
        WatchlistValidator.Result values = VALIDATOR.validateAll(drafts);
        if (structure.isEmpty()) {
            return values;
        }
        structure.addAll(values.violations());
        return new WatchlistValidator.Result(List.of(), List.copyOf(structure));
    }

    /**
     * Type errors of one entry that its draft's text view would hide or misread ({@code "active": "False"}
     * read as the default, true; {@code "references": {...}} read as its values), named with {@code label}:
     * the entry, epidemics, references and alternatives, season and thresholds must have their JSON shape, and
     * no field may be a misspelling of one they lack ({@link FieldNames}).
     */
    public static List<Violation> structure(JsonNode entry, String label) {
        if (!entry.isObject()) {
            return List.of(new Violation(label, "-", "objet JSON attendu pour chaque entrée"));
        }
        List<Violation> violations = new ArrayList<>();
        for (String field : List.of("epidemics", "references", "alternatives")) {
            if (entry.hasNonNull(field) && !entry.get(field).isArray()) {
                violations.add(new Violation(label, field, field.equals("epidemics") ? "tableau attendu, ex. [\"FLU\", \"COVID\"]" : "tableau attendu"));
            }
        }
        for (String field : List.of("season", "thresholds")) {
            if (entry.has(field) && !entry.get(field).isObject()) {
                violations.add(new Violation(label, field, "objet attendu"));
            }
        }
        if (entry.hasNonNull("active") && !entry.get("active").isBoolean()) {
            violations.add(new Violation(label, "active", "booléen attendu (true ou false, sans guillemets)"));
        }
        misspelt(entry, ENTRY_FIELDS, "", label, violations);
        misspelt(entry.path("season"), List.of("start", "end"), "season.", label, violations);
        misspelt(entry.path("thresholds"), List.of("warningDays", "criticalDays"), "thresholds.", label, violations);
        int i = 0;
        for (JsonNode reference : entry.path("references")) {
            misspelt(reference, List.of("supplier", "ref", "udiDi"), "references[" + i++ + "].", label, violations);
        }
        return violations;
    }

    /** A field of {@code object} misspelt from one of {@code fields} it lacks ("Active", "actif"): its value would be ignored. */
    private static void misspelt(JsonNode object, List<String> fields, String path, String label, List<Violation> violations) {
        if (object.isObject()) {
            FieldNames.misspelt(object::fieldNames, fields)
                    .forEach(m -> violations.add(new Violation(label, path + m.given(), "champ " + m.message() + " (sa valeur serait sinon ignorée)")));
        }
    }

    public static WatchlistDraft draft(JsonNode n) {
        JsonNode season = n.path("season");
        JsonNode thresholds = n.path("thresholds");
        List<String> epidemics = null;
        if (n.path("epidemics").isArray()) {
            epidemics = new ArrayList<>();
            for (JsonNode e : n.get("epidemics")) {
                epidemics.add(e.asText());
            }
        }
        List<SupplierReference> references = new ArrayList<>();
        for (JsonNode r : n.path("references")) {
            references.add(new SupplierReference(text(r.get("supplier")), text(r.get("ref")), text(r.get("udiDi"))));
        }
        List<DeviceFollowUp.Alternative> alternatives = new ArrayList<>();
        for (JsonNode a : n.path("alternatives")) {
            alternatives.add(new DeviceFollowUp.Alternative(text(a.get("supplier")), text(a.get("ref")), text(a.get("deviceId")),
                    text(a.get("note"))));
        }
        JsonNode active = n.get("active");
        return new WatchlistDraft(text(n.get("deviceId")), text(n.get("name")), epidemics, text(n.get("unit")),
                text(n.get("emdn")), references, text(season.get("start")), text(season.get("end")),
                text(thresholds.get("warningDays")), text(thresholds.get("criticalDays")),
                active == null || active.isNull() ? null : active.asBoolean(true), text(n.get("escalationHours")), alternatives);
    }

    public static ObjectNode toJson(WatchlistEntry e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("deviceId", e.deviceId());
        n.put("name", e.name());
        ArrayNode epidemics = n.putArray("epidemics");
        e.epidemics().stream().sorted().forEach(x -> epidemics.add(x.name()));
        n.put("unit", e.unit());
        if (e.emdn() != null) {
            n.put("emdn", e.emdn());
        }
        if (!e.references().isEmpty()) {
            ArrayNode refs = n.putArray("references");
            for (SupplierReference r : e.references()) {
                ObjectNode o = refs.addObject();
                o.put("supplier", r.supplier());
                o.put("ref", r.ref());
                if (r.udiDi() != null) {
                    o.put("udiDi", r.udiDi());
                }
            }
        }
        ObjectNode season = n.putObject("season");
        season.put("start", mmdd(e.season().start().getMonthValue(), e.season().start().getDayOfMonth()));
        season.put("end", mmdd(e.season().end().getMonthValue(), e.season().end().getDayOfMonth()));
        ObjectNode thresholds = n.putObject("thresholds");
        thresholds.put("warningDays", e.thresholds().warningDays());
        thresholds.put("criticalDays", e.thresholds().criticalDays());
        n.put("active", e.active());
        if (e.followUp().escalationHours() != null) {
            n.put("escalationHours", e.followUp().escalationHours());
        }
        if (!e.followUp().alternatives().isEmpty()) {
            ArrayNode alternatives = n.putArray("alternatives");
            for (DeviceFollowUp.Alternative a : e.followUp().alternatives()) {
                ObjectNode o = alternatives.addObject();
                optional(o, "supplier", a.supplier());
                optional(o, "ref", a.ref());
                optional(o, "deviceId", a.deviceId());
                optional(o, "note", a.note());
            }
        }
        return n;
    }

    private static void optional(ObjectNode o, String field, String value) {
        if (value != null) {
            o.put(field, value);
        }
    }

    private static String mmdd(int month, int day) {
        return String.format("%02d-%02d", month, day);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.isValueNode() ? node.asText() : node.toString();
    }
}
