package fr.vigie.adapter.feed;

import fr.vigie.domain.FeedRow;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.domain.RejectedRow;
import fr.vigie.domain.RejectedRow.RejectCode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads the JSON stock report of spec section 2 (an HTTP report or a polled source's answer).
 * Each item is checked by the same rules as a CSV row; a bad item is refused with its position
 * (from 1) and the others are kept.
 */
public final class StockReportJson {

    private StockReportJson() {
    }

    public static List<FeedRow> parse(String json, Predicate<String> knownDevice) {
        if (json == null || json.isBlank()) {
            return List.of(invalid("rapport vide"));
        }
        JsonNode root;
        try {
            root = Json.INPUT.readTree(json);
        } catch (JsonProcessingException e) {
            return List.of(invalid("JSON illisible : " + e.getOriginalMessage()));
        }
        if (root == null || !root.isObject() || !root.path("items").isArray()) {
            return List.of(invalid("objet attendu avec facilityId, reportedAt et items (tableau)"));
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

    private static FeedRow invalid(String message) {
        return new FeedRow.Rejected(new RejectedRow(0, RejectCode.INVALID_JSON, message));
    }

    /** A JSON value as the text the shared field rules read ("12.5" stays refusable as a quantity). */
    private static String text(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }
}
