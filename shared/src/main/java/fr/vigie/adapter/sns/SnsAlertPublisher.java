package fr.vigie.adapter.sns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.adapter.feed.AlertEventJson;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertTexts;
import fr.vigie.domain.DisruptionTexts;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.port.AlertPublisher;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Publishes alert events on the alert topic, one message per channel ({@code MessageStructure=json}):
 * the spec's JSON event by default (SQS, Lambda, email-json), a French email and a one-part SMS. The
 * message attributes carry what subscriptions filter on: facilityId, deviceId, level, region, epidemics,
 * and {@code delivery=SINGLE} (this message is the alert's only one, for every channel; see
 * {@link AlertFilterPolicy}). National disruption events carry {@code type} and no facility or region.
 */
public final class SnsAlertPublisher implements AlertPublisher {

    /** Attribute that marks operators' national events, which carry no facility. */
    public static final String TYPE_ATTRIBUTE = "type";

    private final SnsClient sns;
    private final String topicArn;
    private final Function<String, Optional<String>> regionOfFacility;

    public SnsAlertPublisher(SnsClient sns, String topicArn, Function<String, Optional<String>> regionOfFacility) {
        this.sns = sns;
        this.topicArn = topicArn;
        this.regionOfFacility = regionOfFacility;
    }

    @Override
    public void publish(AlertEvent event, WatchlistEntry device) {
        publish(event, device, AlertFilterPolicy.SINGLE);
    }

    /** The alert's own message, marked {@code delivery} (SINGLE: every channel; GROUPED: its email is in a digest). */
    void publish(AlertEvent event, WatchlistEntry device, String delivery) {
        ObjectNode message = Json.MAPPER.createObjectNode();
        message.put("default", AlertEventJson.write(event));
        // the facility's calendar: its registered region's zone, else the region its id names, else Paris
        java.time.ZoneId zone = regionOfFacility.apply(event.facilityId()).map(fr.vigie.domain.Region::zoneOf)
                .orElse(AlertTexts.zoneOf(event.facilityId()));
        message.put("email", AlertTexts.emailSubject(event, device.name()) + "\n\n" + AlertTexts.emailBody(event, device.name(), device.unit(), zone));
        message.put("sms", AlertTexts.sms(event));
        Map<String, MessageAttributeValue> attributes = facilityAttributes(event.facilityId(), event.level().name(), delivery,
                device.epidemics());
        attributes.put("deviceId", string(event.deviceId()));
        sns.publish(b -> b.topicArn(topicArn).messageStructure("json").message(message.toString())
                .subject(subject(AlertTexts.emailSubject(event, device.name())))
                .messageAttributes(attributes));
    }

    /** What subscriptions filter facility messages on: facilityId, level, delivery, region (when known), epidemics. */
    Map<String, MessageAttributeValue> facilityAttributes(String facilityId, String level, String delivery,
                                                         java.util.Collection<fr.vigie.domain.Epidemic> epidemics) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        attributes.put("facilityId", string(facilityId));
        attributes.put("level", string(level));
        attributes.put(AlertFilterPolicy.DELIVERY, string(delivery));
        regionOfFacility.apply(facilityId).ifPresent(r -> attributes.put("region", string(r)));
        attributes.put("epidemics", MessageAttributeValue.builder().dataType("String.Array")
                .stringValue(epidemics.stream().distinct().sorted().map(e -> "\"" + e.name() + "\"")
                        .collect(Collectors.joining(",", "[", "]"))).build());
        return attributes;
    }

    SnsClient client() {
        return sns;
    }

    String topicArn() {
        return topicArn;
    }

    @Override
    public void publish(SupplyDisruptionEvent event) {
        ObjectNode message = Json.MAPPER.createObjectNode();
        message.put("default", AlertEventJson.write(event));
        message.put("email", DisruptionTexts.emailSubject(event) + "\n\n" + DisruptionTexts.emailBody(event));
        message.put("sms", DisruptionTexts.sms(event));
        sns.publish(b -> b.topicArn(topicArn).messageStructure("json").message(message.toString())
                .subject(subject(DisruptionTexts.emailSubject(event)))
                .messageAttributes(Map.of(
                        TYPE_ATTRIBUTE, string(SupplyDisruptionEvent.TYPE),
                        "deviceId", string(event.deviceId()),
                        "level", string(event.status().name()))));
    }

    static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    /** SNS subjects are ASCII-ish, at most 100 characters, no line breaks. */
    static String subject(String text) {
        String flat = text.replaceAll("[\\r\\n]", " ");
        return flat.length() <= 100 ? flat : flat.substring(0, 100);
    }
}
