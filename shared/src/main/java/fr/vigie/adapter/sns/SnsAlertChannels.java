package fr.vigie.adapter.sns;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.GroupedAlertTexts;
import fr.vigie.port.AlertChannels;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The alert topic's messages for a batch ({@link AlertChannels}), with {@code MessageStructure=json}
 * and the attributes of {@link AlertFilterPolicy}:
 * <ul>
 *   <li>an alert's own message: {@link SnsAlertPublisher}'s, {@code delivery} SINGLE, or GROUPED when a
 *       digest carries its email (email subscriptions do not take GROUPED, SMS ones do);</li>
 *   <li>a digest: {@code delivery=DIGEST}, facilityId, level, region, epidemics (union of the devices');
 *       default = {@code {"type":"ALERT_DIGEST", ...}}, email = the list, sms = a summary;</li>
 *   <li>a reminder: {@code delivery=REMINDER}, the alert's attributes; default =
 *       {@code {"type":"ALERT_REMINDER", ...}}, email and sms = the open alert's texts marked RAPPEL.</li>
 * </ul>
 * Digests and reminders are not alert events: their machine form carries a {@code type}, which tools
 * reading facility alerts skip (spec section 3), and nothing writes them to the replay's JSON Lines.
 */
public final class SnsAlertChannels implements AlertChannels {

    public static final String DIGEST_TYPE = "ALERT_DIGEST";
    public static final String REMINDER_TYPE = "ALERT_REMINDER";

    private final SnsAlertPublisher publisher;

    public SnsAlertChannels(SnsAlertPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void alert(Notice notice, boolean withEmail) {
        publisher.publish(notice.event(), notice.device(), withEmail ? AlertFilterPolicy.SINGLE : AlertFilterPolicy.GROUPED);
    }

    @Override
    public void digest(List<Notice> notices) {
        AlertEvent first = notices.get(0).event();
        List<GroupedAlertTexts.Line> lines = notices.stream()
                .map(n -> new GroupedAlertTexts.Line(n.event(), n.device().name(), n.device().unit())).toList();
        ObjectNode machine = Json.MAPPER.createObjectNode();
        machine.put("type", DIGEST_TYPE);
        machine.put("facilityId", first.facilityId());
        machine.put("level", first.level().name());
        ArrayNode ids = machine.putArray("alertIds");
        notices.forEach(n -> ids.add(n.event().alertId()));
        ObjectNode message = Json.MAPPER.createObjectNode();
        message.put("default", machine.toString());
        message.put("email", GroupedAlertTexts.digestSubject(lines) + "\n\n" + GroupedAlertTexts.digestBody(lines));
        message.put("sms", GroupedAlertTexts.digestSms(lines));
        TreeSet<Epidemic> epidemics = new TreeSet<>();
        notices.forEach(n -> epidemics.addAll(n.device().epidemics()));
        Map<String, MessageAttributeValue> attributes = publisher.facilityAttributes(first.facilityId(), first.level().name(),
                AlertFilterPolicy.DIGEST, epidemics);
        publisher.client().publish(b -> b.topicArn(publisher.topicArn()).messageStructure("json").message(message.toString())
                .subject(SnsAlertPublisher.subject(GroupedAlertTexts.digestSubject(lines))).messageAttributes(attributes));
    }

    @Override
    public void reminder(Notice open, Instant now) {
        AlertEvent e = open.event();
        ObjectNode machine = Json.MAPPER.createObjectNode();
        machine.put("type", REMINDER_TYPE);
        machine.put("alertId", e.alertId());
        machine.put("facilityId", e.facilityId());
        machine.put("deviceId", e.deviceId());
        machine.put("level", e.level().name());
        machine.put("openSince", e.at().toString());
        machine.put("remindedAt", now.toString());
        ObjectNode message = Json.MAPPER.createObjectNode();
        message.put("default", machine.toString());
        String subject = GroupedAlertTexts.reminderSubject(e, open.device().name());
        message.put("email", subject + "\n\n" + GroupedAlertTexts.reminderBody(e, open.device().name(), open.device().unit(), now));
        message.put("sms", GroupedAlertTexts.reminderSms(e));
        Map<String, MessageAttributeValue> attributes = publisher.facilityAttributes(e.facilityId(), e.level().name(),
                AlertFilterPolicy.REMINDER, open.device().epidemics());
        attributes.put("deviceId", SnsAlertPublisher.string(e.deviceId()));
        publisher.client().publish(b -> b.topicArn(publisher.topicArn()).messageStructure("json").message(message.toString())
                .subject(SnsAlertPublisher.subject(subject)).messageAttributes(attributes));
    }
}
