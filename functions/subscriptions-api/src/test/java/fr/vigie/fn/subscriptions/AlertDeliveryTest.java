package fr.vigie.fn.subscriptions;

import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.feed.AlertEventJson;
import fr.vigie.adapter.feed.Json;
import fr.vigie.adapter.sns.SnsAlertChannels;
import fr.vigie.app.SubscriptionManagement;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.DisruptionKind;
import fr.vigie.domain.DisruptionStatus;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.Reason;
import fr.vigie.domain.SeasonWindow;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.port.AlertChannels;
import fr.vigie.testkit.Fauxqs;
import fr.vigie.testkit.SnsProbe;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static fr.vigie.fn.subscriptions.SubscriptionsApiHandlerTest.OPERATOR;
import static fr.vigie.fn.subscriptions.SubscriptionsApiHandlerTest.body;
import static fr.vigie.fn.subscriptions.SubscriptionsApiHandlerTest.hospital;
import static fr.vigie.fn.subscriptions.SubscriptionsApiHandlerTest.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Subscriptions made through the API deliver each alert to exactly the right people and no others.
 * fauxqs (like every emulator) delivers no email or SMS, so each subscription's own filter policy, as
 * the API wrote it on SNS, is put on an SQS queue that stands in for the mailbox or the phone.
 * fauxqs does not match String.Array attributes, so the epidemics filter is left out here (the policy
 * it writes is checked in SubscriptionsApiHandlerTest; the channels' LocalStack test matches it).
 */
class AlertDeliveryTest {

    static final WatchlistEntry HFNC = new WatchlistEntry("HFNC-PED", "Canule nasale haut debit pediatrique",
            Set.of(Epidemic.BRONCHIOLITIS), "piece", null, null, new SeasonWindow(MonthDay.of(10, 1), MonthDay.of(3, 31)),
            new Thresholds(21, 10), true);
    static final Map<String, String> REGIONS = Map.of("CHU-IDF-01", "11", "CH-HDF-03", "32");

    final SnsClient sns = Fauxqs.get().sns();
    final SqsClient sqs = Fauxqs.get().sqs();

    static AlertEvent alert(String facility, AlertLevel level, AlertLevel previous) {
        Instant at = Instant.parse("2025-11-02T05:00:00Z");
        return new AlertEvent(AlertEvent.alertId(facility, "HFNC-PED", at), facility, "HFNC-PED", level, previous, at, 6.4,
                LocalDate.of(2025, 11, 8), 120, 18.7, List.of(level == AlertLevel.CRITICAL ? Reason.COVERAGE_BELOW_CRITICAL : Reason.COVERAGE_BELOW_WARNING));
    }

    static final SupplyDisruptionEvent SHORTAGE = new SupplyDisruptionEvent("HFNC-PED#2025-10-28", "HFNC-PED", DisruptionStatus.OPEN,
            Instant.parse("2025-11-02T05:00:00Z"), Instant.parse("2025-10-28T05:00:00Z"), List.of("CHU-IDF-01", "CH-HDF-03", "CH-OCC-05"),
            DisruptionKind.DELAY, 12, null);

    /** A subscriber: the subscription the API made, and a queue with its filter policy standing in for its endpoint. */
    record Subscriber(String name, String protocol, SnsProbe probe) {
    }

    /** Subscribes through the API; an SMS subscriber reads its code (on a queue with the held filter) and confirms it. */
    Subscriber subscribe(String topic, String name, Map<String, String> claims, String request) throws Exception {
        SubscriptionsApiHandler api = SubscriptionsApiHandlerTest.handler(sns, topic, SubscriptionManagement.Limits.DEFAULT);
        SnsProbe phone = SubscriptionsApiHandlerTest.codes(sns, sqs, topic);
        var response = api.handleRequest(post(claims, request), SubscriptionsApiHandlerTest.CONTEXT);
        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode created = body(response);
        String id = created.get("id").asText();
        if (created.get("status").asText().equals("PENDING_CODE")) {
            assertEquals(200, SubscriptionsApiHandlerTest.confirm(api, phone, claims, id).getStatusCode());
        }
        String policy = sns.getSubscriptionAttributes(b -> b.subscriptionArn(topic + ":" + id)).attributes().get("FilterPolicy");
        return new Subscriber(name, created.get("channel").asText(), SnsProbe.subscribe(sns, sqs, topic, policy));
    }

    @Test
    void eachAlertReachesExactlyItsFacilityItsRegionsOperatorsAndTheNationalOperators() throws Exception {
        String topic = sns.createTopic(b -> b.name("delivery-" + UUID.randomUUID())).topicArn();
        List<Subscriber> all = List.of(
                subscribe(topic, "hospital A email", hospital("CHU-IDF-01"), "{\"channel\":\"email\",\"endpoint\":\"pharma@chu-idf.fr\"}"),
                subscribe(topic, "hospital A sms, default levels", hospital("CHU-IDF-01"), "{\"channel\":\"sms\",\"endpoint\":\"+33611111111\"}"),
                subscribe(topic, "hospital A sms, every level", hospital("CHU-IDF-01"),
                        "{\"channel\":\"sms\",\"endpoint\":\"+33611111112\",\"levels\":[\"WARNING\",\"CRITICAL\",\"RECOVERED\"]}"),
                subscribe(topic, "hospital B sms, default levels", hospital("CH-HDF-03"), "{\"channel\":\"sms\",\"endpoint\":\"+33633333333\"}"),
                subscribe(topic, "hospital B email", hospital("CH-HDF-03"), "{\"channel\":\"email\",\"endpoint\":\"pharma@ch-hdf.fr\"}"),
                subscribe(topic, "IDF operator email", OPERATOR, "{\"channel\":\"email\",\"endpoint\":\"veille@ars-idf.fr\",\"region\":\"11\"}"),
                subscribe(topic, "IDF operator sms, critical only", OPERATOR,
                        "{\"channel\":\"sms\",\"endpoint\":\"+33622222222\",\"region\":\"11\",\"levels\":[\"CRITICAL\"]}"),
                subscribe(topic, "HDF operator, no national events", OPERATOR,
                        "{\"channel\":\"email\",\"endpoint\":\"veille@ars-hdf.fr\",\"region\":\"32\",\"nationalEvents\":false}"),
                subscribe(topic, "national operator email", OPERATOR, "{\"channel\":\"email\",\"endpoint\":\"cellule@sante.gouv.fr\"}"));

        SnsAlertChannels channels = new SnsAlertChannels(sns, topic, id -> Optional.ofNullable(REGIONS.get(id)));
        channels.alert(new AlertChannels.Notice(alert("CHU-IDF-01", AlertLevel.WARNING, null), HFNC), true);
        channels.alert(new AlertChannels.Notice(alert("CH-HDF-03", AlertLevel.CRITICAL, AlertLevel.WARNING), HFNC), true);
        channels.national(SHORTAGE);

        Map<String, Set<String>> expected = Map.of(
                "hospital A email", Set.of("CHU-IDF-01 WARNING"),
                "hospital A sms, default levels", Set.of(), // an SMS names no level: CRITICAL and RECOVERED only (issue 18)
                "hospital A sms, every level", Set.of("CHU-IDF-01 WARNING"),
                "hospital B sms, default levels", Set.of("CH-HDF-03 CRITICAL"),
                "hospital B email", Set.of("CH-HDF-03 CRITICAL"),
                "IDF operator email", Set.of("CHU-IDF-01 WARNING", "national HFNC-PED"),
                "IDF operator sms, critical only", Set.of("national HFNC-PED"),
                "HDF operator, no national events", Set.of("CH-HDF-03 CRITICAL"),
                "national operator email", Set.of("CHU-IDF-01 WARNING", "CH-HDF-03 CRITICAL", "national HFNC-PED"));
        for (Subscriber s : all) {
            int want = expected.get(s.name()).size();
            List<Message> got = new ArrayList<>(s.probe().receive(want, Duration.ofSeconds(5)));
            got.addAll(s.probe().receive(1, Duration.ofMillis(1500)));
            Set<String> seen = new TreeSet<>();
            for (Message m : got) {
                JsonNode event = Json.MAPPER.readTree(SnsProbe.bodyFor(m, "sqs"));
                seen.add(event.has("type") ? "national " + event.get("deviceId").asText()
                        : event.get("facilityId").asText() + " " + event.get("level").asText());
                String text = SnsProbe.bodyFor(m, s.protocol());
                if (s.protocol().equals("sms")) {
                    assertTrue(text.startsWith("Vigie ") && text.length() <= 160, text);
                } else {
                    assertTrue(text.startsWith("[Vigie] "), text);
                }
            }
            assertEquals(new TreeSet<>(expected.get(s.name())), seen, s.name());
            assertEquals(want, got.size(), s.name() + " gets each message once");
        }
        assertEquals(AlertEventJson.write(alert("CHU-IDF-01", AlertLevel.WARNING, null)),
                AlertEventJson.write(alert("CHU-IDF-01", AlertLevel.WARNING, null)));
    }
}
