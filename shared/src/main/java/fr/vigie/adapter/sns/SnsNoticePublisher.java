package fr.vigie.adapter.sns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.adapter.feed.Json;
import fr.vigie.adapter.feed.NoticeJson;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.AlertTexts;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.notice.MatchedNotice;
import fr.vigie.domain.notice.NoticeStatus;
import fr.vigie.domain.notice.NoticeTexts;
import fr.vigie.domain.notice.SupplyNotice;
import fr.vigie.domain.notice.SupplyNoticeEvent;
import fr.vigie.port.NoticePublisher;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.util.Map;

/**
 * Publishes manufacturers' notices on the alert topic ({@code MessageStructure=json}).
 * <ul>
 * <li>Operators' event: the spec's JSON (section 5) by default, with {@code type=SUPPLY_NOTICE} and
 * {@code noticeId}, {@code level} (the status) as attributes, matched by the operators' {@code type}
 * branch of {@link AlertFilterPolicy}, never by a facility's policy.</li>
 * <li>A hospital's message: French email and one GSM-7 SMS ({@link NoticeTexts}), with the
 * attributes of a facility alert (facilityId, deviceId, region, epidemics, {@code delivery=SINGLE})
 * and {@code level} WARNING while the notice is in force or DISCONTINUED, RECOVERED when resolved, so
 * that the hospital's level filter reads it as it reads an alert.</li>
 * </ul>
 */
public final class SnsNoticePublisher implements NoticePublisher {

    private final SnsAlertPublisher alerts;

    /** Publishes through the alert publisher's topic and facility attributes. */
    public SnsNoticePublisher(SnsAlertPublisher alerts) {
        this.alerts = alerts;
    }

    @Override
    public void publish(SupplyNoticeEvent event) {
        ObjectNode message = Json.MAPPER.createObjectNode();
        String text = "Avis ANSM " + event.noticeId() + " : " + event.status().french() + " ("
                + (event.deviceIds().isEmpty() ? "aucune entrée de la liste, références à ajouter ?" : String.join(", ", event.deviceIds())) + ")";
        message.put("default", NoticeJson.write(event));
        message.put("email", text);
        message.put("sms", AlertTexts.toGsm7("Vigie " + text));
        alerts.client().publish(b -> b.topicArn(alerts.topicArn()).messageStructure("json").message(message.toString())
                .subject(SnsAlertPublisher.subject("[Vigie] " + text))
                .messageAttributes(Map.of(
                        SnsAlertPublisher.TYPE_ATTRIBUTE, SnsAlertPublisher.string(SupplyNoticeEvent.TYPE),
                        "noticeId", SnsAlertPublisher.string(event.noticeId()),
                        "level", SnsAlertPublisher.string(event.status().name()))));
    }

    @Override
    public void tellFacility(String facilityId, WatchlistEntry device, MatchedNotice record) {
        SupplyNotice n = record.notice();
        ObjectNode event = NoticeJson.event(SupplyNoticeEvent.of(record));
        event.put("facilityId", facilityId);
        ObjectNode message = Json.MAPPER.createObjectNode();
        message.put("default", event.toString());
        message.put("email", NoticeTexts.emailSubject(n, device) + "\n\n" + NoticeTexts.emailBody(n, device));
        message.put("sms", NoticeTexts.sms(n, device));
        AlertLevel level = n.status() == NoticeStatus.RESOLVED ? AlertLevel.RECOVERED : AlertLevel.WARNING;
        Map<String, MessageAttributeValue> attributes = alerts.facilityAttributes(facilityId, level.name(),
                AlertFilterPolicy.SINGLE, device.epidemics());
        attributes.put("deviceId", SnsAlertPublisher.string(device.deviceId()));
        attributes.put("noticeId", SnsAlertPublisher.string(n.noticeId()));
        alerts.client().publish(b -> b.topicArn(alerts.topicArn()).messageStructure("json").message(message.toString())
                .subject(SnsAlertPublisher.subject(NoticeTexts.emailSubject(n, device)))
                .messageAttributes(attributes));
    }
}
