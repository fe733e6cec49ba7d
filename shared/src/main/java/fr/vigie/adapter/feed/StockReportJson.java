package fr.vigie.adapter.feed;

import fr.vigie.domain.FeedRow;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.domain.Excerpt;
import fr.vigie.domain.RejectedRow;
import fr.vigie.domain.RejectedRow.RejectCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads the JSON stock report of spec section 2 (an HTTP report or a polled source's answer).
 * Each item is checked by the same rules as a CSV row; a bad item is refused with its position
 * (from 1) and the others are kept. An item is also refused when it names another facility or time
 * than its report's (it would be stored under the report's), or holds a misspelt field
 * ({@link FieldNames}: {@code recieved}, whose delivery would be lost), or a field of the wrong JSON type ({@link JsonType}:
 * ids, times and dates are text, quantities numbers or text holding one, as a CSV cell: {@code "onHand": "120"}).
 */
public final class StockReportJson {

    private static final List<String> ITEM_FIELDS = List.of("deviceId", "onHand", "consumed", "received", "onOrder", "expectedDelivery");
    /** The JSON type of each field of a report and of its items (an item may repeat its report's facility and time). */
    private static final Map<String, JsonType> TYPES = Map.of("facilityId", JsonType.TEXT, "reportedAt", JsonType.TEXT,
            "deviceId", JsonType.TEXT, "expectedDelivery", JsonType.TEXT, "onHand", JsonType.QUANTITY, "consumed", JsonType.QUANTITY,
            "received", JsonType.QUANTITY, "onOrder", JsonType.QUANTITY);
    /** The fields an item's types are checked in, in a fixed order so that the first one named is always the same. */
    private static final List<String> TYPED_FIELDS = TYPES.keySet().stream().sorted().toList();

    private StockReportJson() {
    }

    public static List<FeedRow> parse(String json, Predicate<String> knownDevice) {
        if (json == null || json.isBlank()) {
            return List.of(invalid("rapport vide"));
        }
        JsonNode root;
        try {
            root = Json.readInput(json);
        } catch (JsonProcessingException e) {
            return List.of(invalid(Json.unreadable(e, json)));
        }
        if (root == null || !root.isObject() || !root.path("items").isArray()) {
            return List.of(invalid("objet attendu avec facilityId, reportedAt et items (tableau)"));
        }
        String mistyped = mistyped(root, List.of("facilityId", "reportedAt"));
        if (mistyped != null) {
            return List.of(invalid(mistyped));
        }
        String facilityId = text(root.get("facilityId"));
        String reportedAt = text(root.get("reportedAt"));
        List<FeedRow> rows = new ArrayList<>();
        int position = 0;
        for (JsonNode item : root.get("items")) {
            position++;
            if (!item.isObject()) {
                rows.add(new FeedRow.Rejected(new RejectedRow(position, RejectCode.INVALID_JSON, "élément " + position + " : objet attendu")));
                continue;
            }
            String wrongType = mistyped(item, TYPED_FIELDS);
            if (wrongType != null) {
                rows.add(new FeedRow.Rejected(new RejectedRow(position, RejectCode.INVALID_JSON, "élément " + position + " : " + wrongType)));
                continue;
            }
            String conflict = conflict(item, "facilityId", facilityId);
            conflict = conflict != null ? conflict : conflict(item, "reportedAt", reportedAt);
            if (conflict != null) {
                rows.add(new FeedRow.Rejected(new RejectedRow(position, RejectCode.INVALID_JSON, "élément " + position + " : " + conflict)));
                continue;
            }
            List<FieldNames.Misspelling> misspelt = FieldNames.misspelt(item::fieldNames, ITEM_FIELDS);
            if (!misspelt.isEmpty()) {
                rows.add(new FeedRow.Rejected(new RejectedRow(position, RejectCode.INVALID_JSON, "élément " + position + " : champ "
                        + misspelt.get(0).message() + " (champs d'un élément : " + String.join(", ", ITEM_FIELDS) + ")")));
                continue;
            }
            try {
                rows.add(new FeedRow.Accepted(position, SnapshotFields.toSnapshot(reportedAt, facilityId,
                        text(item.get("deviceId")), text(item.get("onHand")), text(item.get("consumed")),
                        text(item.get("received")), text(item.get("onOrder")), text(item.get("expectedDelivery")),
                        knownDevice)));
            } catch (SnapshotFields.RowError e) {
                rows.add(new FeedRow.Rejected(e.at(position)));
            }
        }
        return rows;
    }

    /** The first of {@code fields} of {@code object} whose JSON type is not its {@link #TYPES}', named with why, or null. */
    private static String mistyped(JsonNode object, List<String> fields) {
        for (String field : fields) {
            String mismatch = TYPES.get(field).mismatch(object.get(field));
            if (mismatch != null) {
                return field + " : " + mismatch;
            }
        }
        return null;
    }

    /**
     * Why an item's own {@code field} contradicts its report's {@code value}, or null when it has none or the same
     * (a time the same instant written with another offset).
     */
    private static String conflict(JsonNode item, String field, String value) {
        String own = text(item.get(field));
        return own == null || own.equals(value) || field.equals("reportedAt") && sameInstant(own, value) ? null
                : field + " \"" + Excerpt.of(own) + "\" différent de celui du rapport (\"" + Excerpt.of(value) + "\") : un rapport par établissement et par relevé";
    }

    private static boolean sameInstant(String a, String b) {
        try {
            return SnapshotFields.instant(a).equals(SnapshotFields.instant(b));
        } catch (SnapshotFields.RowError unreadable) {
            return false;
        }
    }

    private static FeedRow invalid(String message) {
        return new FeedRow.Rejected(new RejectedRow(0, RejectCode.INVALID_JSON, message));
    }

    /** A JSON value of its {@link #TYPES}' type as the text the shared field rules read ("12.5" stays refusable as a quantity). */
    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
