package fr.vigie.adapter.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.AlertSubscription;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.notice.SupplyNoticeEvent;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The SNS filter policy of an {@link AlertSubscription}, on the message attributes that
 * {@link SnsAlertChannels} sets. Every message on the alert topic is one of:
 * <pre>
 *   delivery = SINGLE    one alert, every channel (default: the spec's JSON event; email; sms)
 *   delivery = GROUPED   one alert whose email goes in a DIGEST: machines and SMS only
 *   delivery = DIGEST    one email listing the alerts of one facility and level raised by one batch
 *   delivery = REMINDER  an open alert's text again, marked as a reminder (email and sms; never an event)
 *   delivery = ESCALATION  an unacknowledged CRITICAL escalated, escalated = REGIONAL or NATIONAL (operators only)
 *   type = SUPPLY_DISRUPTION   a national event for operators: no facilityId, no region, no delivery
 *   type = SUPPLY_NOTICE       a manufacturer's notice changed (spec section 5), for operators, likewise
 * </pre>
 * Facility messages carry facilityId, deviceId (not on a DIGEST), level, region (when the registry
 * knows it) and epidemics (String.Array). Policies:
 * <pre>
 *   hospital, email     {"facilityId":["F"], "delivery":["SINGLE","DIGEST","REMINDER"] [, "level":[..]] [, "epidemics":[..]]}
 *   hospital, sms       {"facilityId":["F"], "delivery":["SINGLE","GROUPED","REMINDER"] ...}
 *   region operator     {"$or":[{"region":["11"], "delivery":[...] ...}, {"region":["11"], "delivery":["ESCALATION"] ...},
 *                               {"type":["SUPPLY_DISRUPTION","SUPPLY_NOTICE"]}]}
 *   national operator   {"$or":[{"delivery":[...] ...}, {"delivery":["ESCALATION"], "escalated":["NATIONAL"] ...},
 *                               {"type":["SUPPLY_DISRUPTION","SUPPLY_NOTICE"]}]}
 * </pre>
 * A national event has no facilityId, region or delivery, so a facility policy never matches it and
 * only the operators' {@code type} branch does (dropped when the operator declines national events).
 */
public final class AlertFilterPolicy {

    public static final String DELIVERY = "delivery";
    public static final String SINGLE = "SINGLE";
    public static final String GROUPED = "GROUPED";
    public static final String DIGEST = "DIGEST";
    public static final String REMINDER = "REMINDER";
    /** An unacknowledged CRITICAL escalated to operators (attribute {@code escalated}): no hospital policy takes it. */
    public static final String ESCALATION = "ESCALATION";

    private AlertFilterPolicy() {
    }

    /** The delivery values a channel receives: each alert exactly once, by its own message or in a digest. */
    public static List<String> deliveries(AlertSubscription.Channel channel) {
        return channel == AlertSubscription.Channel.EMAIL ? List.of(SINGLE, DIGEST, REMINDER) : List.of(SINGLE, GROUPED, REMINDER);
    }

    public static String of(AlertSubscription s) {
        ObjectNode facilityAlerts = Json.MAPPER.createObjectNode();
        switch (s.scope()) {
            case FACILITY -> facilityAlerts.putArray("facilityId").add(s.target());
            case REGION -> facilityAlerts.putArray("region").add(s.target());
            case NATIONAL -> { }
        }
        strings(facilityAlerts.putArray(DELIVERY), deliveries(s.channel()));
        if (!s.levels().isEmpty()) {
            strings(facilityAlerts.putArray("level"), s.levels().stream().map(AlertLevel::name).sorted().toList());
        }
        if (!s.epidemics().isEmpty()) {
            strings(facilityAlerts.putArray("epidemics"), s.epidemics().stream().map(Epidemic::name).sorted().toList());
        }
        if (s.scope() == AlertSubscription.Scope.FACILITY) {
            return facilityAlerts.toString();
        }
        ObjectNode policy = Json.MAPPER.createObjectNode();
        ArrayNode or = policy.putArray("$or");
        or.add(facilityAlerts);
        or.add(escalations(facilityAlerts, s.scope()));
        if (s.nationalEvents()) {
            or.addObject().putArray(SnsAlertChannels.TYPE_ATTRIBUTE).add(SupplyDisruptionEvent.TYPE).add(SupplyNoticeEvent.TYPE);
        }
        return policy.toString();
    }

    /**
     * An operator's branch for escalated CRITICALs (issue 22, docs/alerts.md): the same region, levels
     * and epidemics as its facility alerts, {@code delivery} ESCALATION; a region's operators take both
     * tiers of their region's, national operators the NATIONAL tier only (the regional one is for the
     * region).
     */
    private static ObjectNode escalations(ObjectNode facilityAlerts, AlertSubscription.Scope scope) {
        ObjectNode branch = facilityAlerts.deepCopy();
        branch.putArray(DELIVERY).add(ESCALATION);
        if (scope == AlertSubscription.Scope.NATIONAL) {
            branch.putArray(SnsAlertChannels.ESCALATED_ATTRIBUTE).add("NATIONAL");
        }
        return branch;
    }

    /** The facility a policy is restricted to, if it is a facility policy (what a hospital may see). */
    public static Optional<String> facilityOf(String policyJson) {
        JsonNode facility = facilityBranch(policyJson).path("facilityId");
        return facility.isArray() && facility.size() == 1 ? Optional.of(facility.get(0).asText()) : Optional.empty();
    }

    /** The region a policy is restricted to, if it is a region policy. */
    public static Optional<String> regionOf(String policyJson) {
        JsonNode region = facilityBranch(policyJson).path("region");
        return region.isArray() && region.size() == 1 ? Optional.of(region.get(0).asText()) : Optional.empty();
    }

    private static JsonNode facilityBranch(String policyJson) {
        if (policyJson == null || policyJson.isBlank()) {
            return Json.MAPPER.createObjectNode();
        }
        try {
            JsonNode policy = Json.MAPPER.readTree(policyJson);
            return policy.has("$or") ? policy.get("$or").path(0) : policy;
        } catch (Exception e) {
            return Json.MAPPER.createObjectNode();
        }
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }
}
