package fr.vigie.adapter.feed;

import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.domain.Excerpt;

/**
 * The JSON type a field of a document people or systems send must have (stock reports, notices), and the French
 * refusal of a value of another: read as text, {@code "deviceId": ["HFNC-PED"]} was an unknown device
 * {@code ["HFNC-PED"]} and {@code "onHand": [120]} « pas un nombre entier », naming neither the type nor the fix.
 */
enum JsonType {
    TEXT("texte attendu, entre guillemets"),
    NUMBER("nombre attendu, sans guillemets"),
    /**
     * A stock quantity: a number, or text read as a CSV cell is ({@code "120"}, which exports converted from a
     * spreadsheet write, accepted before types were checked: refusing it would lose every item of such a report).
     * The text then meets the cell's own rules ({@code "12a"} is « pas un nombre entier »).
     */
    QUANTITY("nombre attendu");

    private final String expected;

    JsonType(String expected) {
        this.expected = expected;
    }

    /** Why {@code node} is not of this type, quoting it, or null when it is, or is absent or null (an optional field left out). */
    String mismatch(JsonNode node) {
        if (node == null || node.isNull() || accepts(node)) {
            return null;
        }
        return expected + " (reçu " + Excerpt.of(node) + ")";
    }

    private boolean accepts(JsonNode node) {
        return switch (this) {
            case TEXT -> node.isTextual();
            case NUMBER -> node.isNumber();
            case QUANTITY -> node.isNumber() || node.isTextual();
        };
    }
}
