package fr.vigie.adapter.sns;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.adapter.feed.AlertEventJson;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertTexts;
import fr.vigie.domain.Region;
import fr.vigie.domain.DisruptionTexts;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.GroupedAlertTexts;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.adapter.feed.NoticeJson;
import fr.vigie.domain.notice.MatchedNotice;
import fr.vigie.domain.notice.NoticeStatus;
import fr.vigie.domain.notice.NoticeTexts;
import fr.vigie.domain.notice.SupplyNotice;
import fr.vigie.domain.notice.SupplyNoticeEvent;
import fr.vigie.port.AlertChannels;
import fr.vigie.port.AlertContexts;
import fr.vigie.port.EscalationChannel;
import fr.vigie.domain.followup.AlertContext;
import fr.vigie.domain.followup.AlertReference;
import fr.vigie.domain.followup.EscalationTier;
import java.time.Duration;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The alert topic's messages ({@link AlertChannels}), each with {@code MessageStructure=json} (one
 * body per channel: {@code default} for machines — SQS, Lambda, email-json —, {@code email}, a
 * one-part {@code sms}) and the attributes of {@link AlertFilterPolicy}:
 * <ul>
 *   <li>an alert's own message: default = the spec's JSON event, a French email and SMS; attributes
 *       facilityId, deviceId, level, region (when the registry knows it), epidemics, and {@code delivery}
 *       SINGLE, or GROUPED when a digest carries its email (email subscriptions do not take GROUPED,
 *       SMS ones do);</li>
 *   <li>a digest: {@code delivery=DIGEST}, facilityId, level, region, epidemics (union of the devices');
 *       default = {@code {"type":"ALERT_DIGEST", ...}}, email = the list, sms = a summary;</li>
 *   <li>a reminder: {@code delivery=REMINDER}, the alert's attributes; default =
 *       {@code {"type":"ALERT_REMINDER", ...}}, email and sms = the open alert's texts marked RAPPEL;</li>
 *   <li>a national disruption: {@code type=SUPPLY_DISRUPTION}, deviceId, level (its status); no
 *       facility, region or delivery, so that only operators' policies match it.</li>
 *   <li>a supply notice for operators: default = the spec's JSON (section 5), {@code type=SUPPLY_NOTICE},
 *       noticeId, level (the status); matched by the operators' {@code type} branch only;</li>
 *   <li>a hospital's notice message: French email and one GSM-7 SMS ({@link NoticeTexts}), a facility
 *       alert's attributes ({@code delivery=SINGLE}, deviceId, noticeId) and level WARNING while the
 *       notice is in force or DISCONTINUED, RECOVERED once resolved, so its level filter reads it as an alert.</li>
 * </ul>
 * An escalation ({@link EscalationChannel}): {@code delivery=ESCALATION}, {@code escalated} REGIONAL or
 * NATIONAL, level CRITICAL and the alert's other attributes; default = {@code {"type":"ALERT_ESCALATION", ...}},
 * email and sms = the alert's texts marked ESCALADE. Facility policies never take it (their deliveries do
 * not list ESCALATION); operators' policies have an escalation branch ({@link AlertFilterPolicy}).
 * <p>
 * Texts name the facility and the device and carry what {@link AlertContexts} adds (issue 22).
 * Digests and reminders are not alert events: their machine form carries a {@code type}, which tools
 * reading facility alerts skip (spec section 3). Every subject is made one SNS accepts ({@link #subject}).
 */
public final class SnsAlertChannels implements AlertChannels, EscalationChannel {

    /** Attribute that marks operators' national events, which carry no facility. */
    public static final String TYPE_ATTRIBUTE = "type";
    public static final String DIGEST_TYPE = "ALERT_DIGEST";
    public static final String REMINDER_TYPE = "ALERT_REMINDER";
    /** SNS: "less than 100 characters long". */
    static final int SUBJECT_MAX = 99;

    private final SnsClient sns;
    private final String topicArn;
    public static final String ESCALATION_TYPE = "ALERT_ESCALATION";
    /** Attribute of an escalation: the tier it reached, REGIONAL or NATIONAL. */
    public static final String ESCALATED_ATTRIBUTE = "escalated";

    private final Function<String, Optional<String>> regionOfFacility;
    private final AlertContexts contexts;

    public SnsAlertChannels(SnsClient sns, String topicArn, Function<String, Optional<String>> regionOfFacility) {
        this(sns, topicArn, regionOfFacility, AlertContexts.bare());
    }

    /** @param contexts names, links, contacts, neighbours and alternatives for the texts */
    public SnsAlertChannels(SnsClient sns, String topicArn, Function<String, Optional<String>> regionOfFacility, AlertContexts contexts) {
        this.sns = sns;
        this.topicArn = topicArn;
        this.regionOfFacility = regionOfFacility;
        this.contexts = contexts;
    }

    @Override
    public void alert(Notice notice, boolean withEmail) {
        AlertEvent event = notice.event();
        Map<String, MessageAttributeValue> attributes = alertAttributes(notice, withEmail ? AlertFilterPolicy.SINGLE : AlertFilterPolicy.GROUPED);
        Texts texts = texts(notice, "");
        publish(AlertEventJson.write(event), texts.subject, texts.email, texts.sms, attributes);
    }

    @Override
    public void escalate(Notice critical, EscalationTier tier, Duration unacknowledgedFor) {
        ObjectNode machine = machine(ESCALATION_TYPE, critical.event());
        machine.put(ESCALATED_ATTRIBUTE, tier.name());
        machine.put("unacknowledgedHours", unacknowledgedFor.toHours());
        Map<String, MessageAttributeValue> attributes = alertAttributes(critical, AlertFilterPolicy.ESCALATION);
        attributes.put(ESCALATED_ATTRIBUTE, string(tier.name()));
        String mark = tier == EscalationTier.NATIONAL ? "ESCALADE NATIONALE " : "ESCALADE RÉGIONALE ";
        Texts texts = texts(critical, mark);
        String why = "Alerte CRITIQUE non acquittée depuis " + unacknowledgedFor.toHours() + " h : transmise aux opérateurs "
                + (tier == EscalationTier.NATIONAL ? "nationaux" : "de la région") + ".\n\n";
        publish(machine.toString(), texts.subject, why + texts.email, texts.sms, attributes);
    }

    /** An alert's subject, email and SMS with its context, the subject and SMS marked by {@code mark} ("" for none). */
    private Texts texts(Notice notice, String mark) {
        AlertEvent event = notice.event();
        AlertContext context = contexts.of(event, notice.device());
        ZoneId zone = zoneOf(event.facilityId());
        String subject = AlertTexts.emailSubject(event, notice.device().name(), context).replace("[Vigie] ", "[Vigie] " + mark);
        return new Texts(subject, subject + "\n\n" + AlertTexts.emailBody(event, notice.device(), context, zone),
                AlertTexts.sms(event, context.facilityName(), notice.device().name(), zone, mark));
    }

    private record Texts(String subject, String email, String sms) {
    }

    /** The facility's calendar: its registered region's zone, else the region its id names, else Paris. */
    private ZoneId zoneOf(String facilityId) {
        return regionOfFacility.apply(facilityId).map(Region::zoneOf).orElse(AlertTexts.zoneOf(facilityId));
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
        TreeSet<Epidemic> epidemics = new TreeSet<>();
        notices.forEach(n -> epidemics.addAll(n.device().epidemics()));
        String subject = GroupedAlertTexts.digestSubject(lines, contexts.facilityName(first.facilityId()));
        publish(machine.toString(), subject, subject + "\n\n" + GroupedAlertTexts.digestBody(lines), GroupedAlertTexts.digestSms(lines),
                facilityAttributes(first.facilityId(), first.level().name(), AlertFilterPolicy.DIGEST, epidemics));
    }

    @Override
    public void reminder(Notice open, Instant now) {
        AlertEvent e = open.event();
        ObjectNode machine = machine(REMINDER_TYPE, e);
        // the reminder carries today's figures (e.at() is today's snapshot): the alert opened at its id's instant
        machine.put("openSince", AlertReference.parse(e.alertId()).map(AlertReference::openedAt).orElse(e.at()).toString());
        machine.put("remindedAt", now.toString());
        AlertContext context = contexts.of(e, open.device());
        String subject = GroupedAlertTexts.reminderSubject(e, open.device().name(), context.facilityName());
        Map<String, MessageAttributeValue> attributes = alertAttributes(open, AlertFilterPolicy.REMINDER);
        publish(machine.toString(), subject, subject + "\n\n" + GroupedAlertTexts.reminderBody(e, open.device(), context, zoneOf(e.facilityId()), now),
                AlertTexts.sms(e, context.facilityName(), open.device().name(), zoneOf(e.facilityId()), "RAPPEL "), attributes);
    }

    @Override
    public void national(SupplyDisruptionEvent event) {
        String deviceName = contexts.deviceName(event.deviceId());
        String subject = DisruptionTexts.emailSubject(event, deviceName);
        publish(AlertEventJson.write(event), subject, subject + "\n\n" + DisruptionTexts.emailBody(event, deviceName),
                DisruptionTexts.sms(event, deviceName),
                new HashMap<>(Map.of(TYPE_ATTRIBUTE, string(SupplyDisruptionEvent.TYPE),
                        "deviceId", string(event.deviceId()),
                        "level", string(event.status().name()))));
    }

    @Override
    public void supplyNotice(SupplyNoticeEvent event) {
        String text = "Avis ANSM " + event.noticeId() + " : " + event.status().french() + " ("
                + (event.deviceIds().isEmpty() ? "aucune entrée de la liste, références à ajouter ?" : String.join(", ", event.deviceIds())) + ")";
        publish(NoticeJson.write(event), "[Vigie] " + text, text, AlertTexts.toGsm7("Vigie " + text),
                new HashMap<>(Map.of(TYPE_ATTRIBUTE, string(SupplyNoticeEvent.TYPE),
                        "noticeId", string(event.noticeId()),
                        "level", string(event.status().name()))));
    }

    @Override
    public void facilityNotice(String facilityId, WatchlistEntry device, MatchedNotice record) {
        SupplyNotice n = record.notice();
        ObjectNode machine = NoticeJson.event(SupplyNoticeEvent.of(record));
        machine.put("facilityId", facilityId);
        AlertLevel level = n.status() == NoticeStatus.RESOLVED ? AlertLevel.RECOVERED : AlertLevel.WARNING;
        Map<String, MessageAttributeValue> attributes = facilityAttributes(facilityId, level.name(),
                AlertFilterPolicy.SINGLE, device.epidemics());
        attributes.put("deviceId", string(device.deviceId()));
        attributes.put("noticeId", string(n.noticeId()));
        String subject = NoticeTexts.emailSubject(n, device);
        publish(machine.toString(), subject, subject + "\n\n" + NoticeTexts.emailBody(n, device), NoticeTexts.sms(n, device), attributes);
    }

    /** One message on the topic, a body per channel. */
    private void publish(String machine, String subject, String email, String sms, Map<String, MessageAttributeValue> attributes) {
        ObjectNode message = Json.MAPPER.createObjectNode();
        message.put("default", machine);
        message.put("email", email);
        message.put("sms", sms);
        sns.publish(b -> b.topicArn(topicArn).messageStructure("json").message(message.toString())
                .subject(subject(subject)).messageAttributes(attributes));
    }

    /** The machine body of a message about one alert that is not its event: {@code type} and the alert's ids and level. */
    private static ObjectNode machine(String type, AlertEvent e) {
        ObjectNode machine = Json.MAPPER.createObjectNode();
        machine.put("type", type);
        machine.put("alertId", e.alertId());
        machine.put("facilityId", e.facilityId());
        machine.put("deviceId", e.deviceId());
        machine.put("level", e.level().name());
        return machine;
    }

    /** The attributes of a message about one alert: the facility's, and its deviceId. */
    private Map<String, MessageAttributeValue> alertAttributes(Notice notice, String delivery) {
        AlertEvent e = notice.event();
        Map<String, MessageAttributeValue> attributes = facilityAttributes(e.facilityId(), e.level().name(), delivery,
                notice.device().epidemics());
        attributes.put("deviceId", string(e.deviceId()));
        return attributes;
    }

    /** What subscriptions filter facility messages on: facilityId, level, delivery, region (when known), epidemics. */
    private Map<String, MessageAttributeValue> facilityAttributes(String facilityId, String level, String delivery,
                                                                  Collection<Epidemic> epidemics) {
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

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    /**
     * A subject SNS accepts ("UTF-8 text with no line breaks or control characters, and less than 100
     * characters long", Publish API): every run of control characters (Unicode Cc, C0 and C1 alike) and
     * line or paragraph separators becomes one space, the ends are trimmed, and the text is cut to
     * {@value #SUBJECT_MAX} characters without splitting a character in two.
     */
    static String subject(String text) {
        String clean = text.replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}]+", " ").strip();
        if (clean.length() <= SUBJECT_MAX) {
            return clean;
        }
        int end = SUBJECT_MAX;
        if (Character.isHighSurrogate(clean.charAt(end - 1))) {
            end--;
        }
        return clean.substring(0, end).strip();
    }
}
