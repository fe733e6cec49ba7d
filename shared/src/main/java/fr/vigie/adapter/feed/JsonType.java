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
    NUMBER("nombre attendu, sans guillemets");

    private final String expected;

    JsonType(String expected) {
        this.expected = expected;
    }

    /** Why {@code node} is not of this type, quoting it, or null when it is, or is absent or null (an optional field left out). */
    String mismatch(JsonNode node) {
        if (node == null || node.isNull() || (this == TEXT ? node.isTextual() : node.isNumber())) {
            return null;
        }
        return expected + " (reçu " + Excerpt.of(node) + ")";
    }
}
