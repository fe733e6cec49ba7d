package fr.vigie.adapter.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.domain.DisruptionKind;
import fr.vigie.domain.Excerpt;
import fr.vigie.domain.NoticeMessage;
import fr.vigie.domain.SupplierReference;
import fr.vigie.domain.Violation;
import fr.vigie.domain.notice.MatchedBy;
import fr.vigie.domain.notice.MatchedNotice;
import fr.vigie.domain.notice.NoticeDraft;
import fr.vigie.domain.notice.NoticeMatch;
import fr.vigie.domain.notice.NoticeStatus;
import fr.vigie.domain.notice.SupplyNotice;
import fr.vigie.domain.notice.SupplyNoticeEvent;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Reads and writes the notice JSON of spec section 5 (records and the operators' event); validation is the domain's. */
public final class NoticeJson {

    private NoticeJson() {
    }

    /** A notices file or POST body (a JSON array of records) as drafts; throws naming why the whole body is unreadable. */
    public static List<NoticeDraft> drafts(String json) {
        JsonNode root;
        try {
            root = json == null || json.isBlank() ? null : Json.readInput(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(Json.unreadable(e, json));
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("un tableau JSON d'avis est attendu");
        }
        List<NoticeDraft> drafts = new ArrayList<>();
        root.forEach(n -> drafts.add(draft(n)));
        return drafts;
    }

    static NoticeDraft draft(JsonNode n) {
        return new NoticeDraft(text(n.get("noticeId")), text(n.get("publishedAt")), text(n.get("status")), text(n.get("kind")),
                references(n.get("references")), text(n.get("emdn")), text(n.get("expectedStart")), text(n.get("expectedEnd")),
                text(n.get("expectedDelayDays")), text(n.get("allocationFraction")), references(n.get("alternatives")), structure(n));
    }

    /** The record's fields written as JSON text, the spec's dates and codes. */
    private static final List<String> TEXTS = List.of("noticeId", "publishedAt", "status", "kind", "emdn", "expectedStart", "expectedEnd");
    /** The record's fields written as JSON numbers. */
    private static final List<String> NUMBERS = List.of("expectedDelayDays", "allocationFraction");

    /**
     * Type errors of one record that its draft's text view would hide or misread ({@code "ref": ["OPT316"]} read as
     * the text {@code ["OPT316"]}, {@code "supplier": 123} as "123"), as {@code WatchlistJson.structure} finds them in a
     * watch-list entry: the record an object, its codes and dates text, its estimates numbers, references and
     * alternatives arrays of objects whose supplier, ref and udiDi are text. The entry is left to the validator.
     */
    static List<Violation> structure(JsonNode record) {
        if (!record.isObject()) {
            return List.of(new Violation(null, "-", "objet JSON attendu pour chaque avis (reçu " + Excerpt.of(record) + ")"));
        }
        List<Violation> violations = new ArrayList<>();
        TEXTS.forEach(field -> typed(violations, field, JsonType.TEXT, record.get(field)));
        NUMBERS.forEach(field -> typed(violations, field, JsonType.NUMBER, record.get(field)));
        for (String field : List.of("references", "alternatives")) {
            JsonNode refs = record.get(field);
            if (refs == null || refs.isNull()) {
                continue;
            }
            if (!refs.isArray()) {
                violations.add(new Violation(null, field, "tableau de références {supplier, ref, udiDi} attendu (reçu " + Excerpt.of(refs) + ")"));
                continue;
            }
            for (int j = 0; j < refs.size(); j++) {
                JsonNode r = refs.get(j);
                String at = field + "[" + j + "]";
                if (!r.isObject()) {
                    violations.add(new Violation(null, at, "objet {supplier, ref, udiDi} attendu (reçu " + Excerpt.of(r) + ")"));
                    continue;
                }
                for (String part : List.of("supplier", "ref", "udiDi")) {
                    typed(violations, at + "." + part, JsonType.TEXT, r.get(part));
                }
            }
        }
        return violations;
    }

    private static void typed(List<Violation> violations, String field, JsonType type, JsonNode value) {
        String mismatch = type.mismatch(value);
        if (mismatch != null) {
            violations.add(new Violation(null, field, mismatch));
        }
    }

    /** The operators' event, one JSON Lines line or SNS message body. */
    public static String write(SupplyNoticeEvent e) {
        return event(e).toString();
    }

    /** The operators' event as a JSON object, to add to. */
    public static ObjectNode event(SupplyNoticeEvent e) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("type", SupplyNoticeEvent.TYPE);
        n.put("noticeId", e.noticeId());
        n.put("status", e.status().name());
        n.put("kind", e.kind().name());
        n.put("at", e.at().toString());
        n.put("publishedAt", e.publishedAt().toString());
        ArrayNode devices = n.putArray("deviceIds");
        e.deviceIds().forEach(devices::add);
        n.put("matchedBy", e.matchedBy().json());
        if (e.expectedEnd() != null) {
            n.put("expectedEnd", e.expectedEnd().toString());
        }
        return n;
    }

    /** A record as the spec writes it, with its match under {@code deviceIds} and {@code matchedBy} (how it is stored). */
    public static ObjectNode toJson(MatchedNotice m) {
        SupplyNotice s = m.notice();
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("noticeId", s.noticeId());
        n.put("publishedAt", s.publishedAt().toString());
        n.put("status", s.status().name());
        n.put("kind", s.kind().name());
        putReferences(n, "references", s.references());
        if (s.emdn() != null) {
            n.put("emdn", s.emdn());
        }
        if (s.expectedStart() != null) {
            n.put("expectedStart", s.expectedStart().toString());
        }
        if (s.expectedEnd() != null) {
            n.put("expectedEnd", s.expectedEnd().toString());
        }
        if (s.expectedDelayDays() != null) {
            n.put("expectedDelayDays", s.expectedDelayDays());
        }
        if (s.allocationFraction() != null) {
            n.put("allocationFraction", s.allocationFraction());
        }
        if (!s.alternatives().isEmpty()) {
            putReferences(n, "alternatives", s.alternatives());
        }
        ArrayNode devices = n.putArray("deviceIds");
        m.match().deviceIds().forEach(devices::add);
        n.put("matchedBy", m.match().matchedBy().json());
        return n;
    }

    /**
     * A notice's message waiting in the outbox: {"event":{…the SUPPLY_NOTICE event…},"record":{…as toJson…} or null,
     * "facilityId":…,"deviceId":…} (the last three null for the operators' event).
     */
    public static String write(NoticeMessage m) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.set("event", event(m.event()));
        n.set("record", m.record() == null ? null : toJson(m.record()));
        n.put("facilityId", m.facilityId());
        n.put("deviceId", m.deviceId());
        return n.toString();
    }

    /** Reads back what {@link #write(NoticeMessage)} wrote. */
    public static NoticeMessage readMessage(String json) {
        JsonNode n = stored(json, "notice message");
        JsonNode e = n.get("event");
        SupplyNoticeEvent event = new SupplyNoticeEvent(e.get("noticeId").asText(), NoticeStatus.valueOf(e.get("status").asText()),
                DisruptionKind.valueOf(e.get("kind").asText()), java.time.Instant.parse(e.get("at").asText()),
                LocalDate.parse(e.get("publishedAt").asText()), deviceIds(e), MatchedBy.fromJson(e.path("matchedBy").asText("none")),
                date(e.get("expectedEnd")));
        JsonNode record = n.get("record");
        return new NoticeMessage(event, record == null || record.isNull() ? null : fromJson(record.toString()),
                text(n.get("facilityId")), text(n.get("deviceId")));
    }

    /** What this class stored, as a tree; throws naming {@code what} when it is not JSON. */
    private static JsonNode stored(String json, String what) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored " + what + " is not readable: " + e.getOriginalMessage(), e);
        }
    }

    private static List<String> deviceIds(JsonNode n) {
        List<String> devices = new ArrayList<>();
        n.path("deviceIds").forEach(d -> devices.add(d.asText()));
        return devices;
    }

    /** Reads back what {@link #toJson(MatchedNotice)} wrote. */
    public static MatchedNotice fromJson(String json) {
        JsonNode n = stored(json, "notice");
        List<String> devices = deviceIds(n);
        SupplyNotice s = new SupplyNotice(n.get("noticeId").asText(), LocalDate.parse(n.get("publishedAt").asText()),
                NoticeStatus.valueOf(n.get("status").asText()), DisruptionKind.valueOf(n.get("kind").asText()),
                references(n.get("references")), text(n.get("emdn")), date(n.get("expectedStart")), date(n.get("expectedEnd")),
                n.hasNonNull("expectedDelayDays") ? n.get("expectedDelayDays").asInt() : null,
                n.hasNonNull("allocationFraction") ? n.get("allocationFraction").asDouble() : null,
                references(n.get("alternatives")));
        return new MatchedNotice(s, new NoticeMatch(devices, MatchedBy.fromJson(n.path("matchedBy").asText("none"))));
    }

    private static void putReferences(ObjectNode n, String field, List<SupplierReference> refs) {
        ArrayNode array = n.putArray(field);
        for (SupplierReference r : refs) {
            ObjectNode o = array.addObject();
            o.put("supplier", r.supplier());
            o.put("ref", r.ref());
            if (r.udiDi() != null) {
                o.put("udiDi", r.udiDi());
            }
        }
    }

    private static List<SupplierReference> references(JsonNode array) {
        if (array == null || !array.isArray()) {
            return null;
        }
        List<SupplierReference> out = new ArrayList<>();
        array.forEach(r -> out.add(new SupplierReference(text(r.get("supplier")), text(r.get("ref")), text(r.get("udiDi")))));
        return out;
    }

    private static LocalDate date(JsonNode node) {
        return node == null || node.isNull() ? null : LocalDate.parse(node.asText());
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.isValueNode() ? node.asText() : node.toString();
    }
}
