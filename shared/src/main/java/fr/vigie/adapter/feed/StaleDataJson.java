package fr.vigie.adapter.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.domain.StaleDataEvent;

import java.time.Instant;

/**
 * The STALE_DATA event JSON of spec section 3, to the letter: {@code type}, {@code facilityId},
 * {@code deviceId} (absent when the whole facility is silent), {@code status} (OPEN, CLOSED),
 * {@code lastSeen}, {@code at} (ISO-8601 instants). The SNS message body and one replay line.
 */
public final class StaleDataJson {

    private StaleDataJson() {
    }

    public static String write(StaleDataEvent e) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("type", StaleDataEvent.TYPE);
        n.put("facilityId", e.facilityId());
        if (!e.facilityWide()) {
            n.put("deviceId", e.deviceId());
        }
        n.put("status", e.status().name());
        n.put("lastSeen", e.lastSeen().toString());
        n.put("at", e.at().toString());
        return n.toString();
    }

    /** @throws IllegalArgumentException when {@code json} is not a STALE_DATA event */
    public static StaleDataEvent read(String json) {
        JsonNode n = Json.read(json, JsonNode.class);
        if (!StaleDataEvent.TYPE.equals(n.path("type").asText())) {
            throw new IllegalArgumentException("not a " + StaleDataEvent.TYPE + " event: " + n.path("type").asText());
        }
        return new StaleDataEvent(n.path("facilityId").asText(), n.hasNonNull("deviceId") ? n.get("deviceId").asText() : null,
                StaleDataEvent.Status.valueOf(n.path("status").asText()), Instant.parse(n.path("lastSeen").asText()),
                Instant.parse(n.path("at").asText()));
    }
}
