package fr.vigie.adapter.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.DisruptionKind;
import fr.vigie.domain.DisruptionStatus;
import fr.vigie.domain.Reason;
import fr.vigie.domain.SupplyDisruptionEvent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The alert event JSON of spec section 3: the SNS message body and one line of replay output. */
public final class AlertEventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertEventJson() {
    }

    public static String write(AlertEvent e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("alertId", e.alertId());
        n.put("facilityId", e.facilityId());
        n.put("deviceId", e.deviceId());
        n.put("level", e.level().name());
        if (e.previousLevel() == null) {
            n.putNull("previousLevel");
        } else {
            n.put("previousLevel", e.previousLevel().name());
        }
        n.put("at", e.at().toString());
        n.put("coverageDays", e.coverageDays());
        if (e.projectedStockout() == null) {
            n.putNull("projectedStockout");
        } else {
            n.put("projectedStockout", e.projectedStockout().toString());
        }
        n.put("onHand", e.onHand());
        n.put("dailyUseForecast", e.dailyUseForecast());
        ArrayNode reasons = n.putArray("reasons");
        e.reasons().forEach(r -> reasons.add(r.name()));
        if (!e.notices().isEmpty()) {
            ArrayNode notices = n.putArray("notices");
            e.notices().forEach(notices::add);
        }
        return n.toString();
    }

    public static String write(SupplyDisruptionEvent e) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("type", SupplyDisruptionEvent.TYPE);
        n.put("disruptionId", e.disruptionId());
        n.put("deviceId", e.deviceId());
        n.put("status", e.status().name());
        n.put("at", e.at().toString());
        n.put("firstSeen", e.firstSeen().toString());
        ArrayNode facilities = n.putArray("facilities");
        e.facilities().forEach(facilities::add);
        n.put("kind", e.kind().name());
        if (e.typicalDelayDays() != null) {
            n.put("typicalDelayDays", e.typicalDelayDays());
        }
        if (e.deliveredFraction() != null) {
            n.put("deliveredFraction", e.deliveredFraction());
        }
        return n.toString();
    }

    public static AlertEvent readAlert(String json) {
        JsonNode n = tree(json);
        List<Reason> reasons = new ArrayList<>();
        n.path("reasons").forEach(r -> reasons.add(Reason.valueOf(r.asText())));
        List<String> notices = new ArrayList<>();
        n.path("notices").forEach(id -> notices.add(id.asText()));
        return new AlertEvent(n.path("alertId").asText(), n.path("facilityId").asText(), n.path("deviceId").asText(),
                AlertLevel.valueOf(n.path("level").asText()),
                n.path("previousLevel").isTextual() ? AlertLevel.valueOf(n.get("previousLevel").asText()) : null,
                Instant.parse(n.path("at").asText()), n.path("coverageDays").asDouble(),
                n.path("projectedStockout").isTextual() ? LocalDate.parse(n.get("projectedStockout").asText()) : null,
                n.path("onHand").asLong(), n.path("dailyUseForecast").asDouble(), reasons, notices);
    }

    public static SupplyDisruptionEvent readDisruption(String json) {
        JsonNode n = tree(json);
        List<String> facilities = new ArrayList<>();
        n.path("facilities").forEach(f -> facilities.add(f.asText()));
        return new SupplyDisruptionEvent(n.path("disruptionId").asText(), n.path("deviceId").asText(),
                DisruptionStatus.valueOf(n.path("status").asText()), Instant.parse(n.path("at").asText()),
                Instant.parse(n.path("firstSeen").asText()), facilities, DisruptionKind.valueOf(n.path("kind").asText()),
                n.hasNonNull("typicalDelayDays") ? n.get("typicalDelayDays").asInt() : null,
                n.hasNonNull("deliveredFraction") ? n.get("deliveredFraction").asDouble() : null);
    }

    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an alert event: " + e.getOriginalMessage(), e);
        }
    }
}
