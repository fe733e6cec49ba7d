package fr.vigie.fn.watchlist;

import fr.vigie.adapter.dynamodb.DynamoAlertOutbox;
import fr.vigie.adapter.sns.SnsAlertChannels;
import fr.vigie.app.AlertDispatch;
import fr.vigie.domain.RetrySchedule;
import fr.vigie.wiring.CloudNotices;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoNoticeStore;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.adapter.feed.Json;
import fr.vigie.adapter.memory.MemoryAlertStore;
import fr.vigie.adapter.memory.MemoryOutbox;
import fr.vigie.adapter.memory.MemoryDisruptionStore;
import fr.vigie.app.CoverageEvaluation;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.AlertTexts;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.Facility;
import fr.vigie.domain.Reason;
import fr.vigie.domain.SeasonWindow;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.SupplierReference;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.port.NoticeStore;
import fr.vigie.testkit.DynamoDbLocalServer;
import fr.vigie.testkit.Fauxqs;
import fr.vigie.testkit.SnsProbe;
import fr.vigie.testkit.TestLambdaContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20 end to end on the real engines: a notice posted by an operator (DynamoDB Local, the fauxqs
 * SNS emulator), matched, stored once, the operators' event and the receiving hospital's French text
 * published; then the same hospital's series evaluated with and without the notices: from the
 * notice's date, not before, the alert opens days earlier and carries SUPPLY_NOTICE and the notice id.
 */
class SupplyNoticesApiTest {

    static final Instant NOW = Instant.parse("2025-11-03T09:00:00Z");
    static final WatchlistEntry HFNC = new WatchlistEntry("HFNC-PED", "Canule nasale haut débit pédiatrique",
            Set.of(Epidemic.BRONCHIOLITIS), "piece", "R0302", List.of(new SupplierReference("ACME", "OPT316", "09420012345678")),
            new SeasonWindow(MonthDay.of(9, 1), MonthDay.of(3, 31)), new Thresholds(30, 12), true);

    final DynamoDbClient dynamo = DynamoDbLocalServer.get().client();
    final SnsClient sns = Fauxqs.get().sns();
    final Tables.Names names;
    final String topic;

    SupplyNoticesApiTest() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        names = new Tables.Names("n-snap-" + suffix, "n-alerts-" + suffix, "n-registry-" + suffix);
        Tables.createMissing(dynamo, names);
        topic = sns.createTopic(b -> b.name("notices-" + suffix)).topicArn();
        DynamoWatchlist.put(dynamo, names.registry(), HFNC);
        DynamoFacilityDirectory facilities = new DynamoFacilityDirectory(dynamo, names.registry());
        facilities.put(new Facility("CHU-IDF-01", "CHU Île-de-France", "11", null));
        facilities.put(new Facility("CH-HDF-03", "CH Hauts-de-France", "32", null));
        new DynamoSnapshotStore(dynamo, names.snapshots()).storeNew(series());
    }

    /**
     * CHU-IDF-01 uses 10 a day; weekly deliveries of 70 came on time until 20 October, then on 27 October,
     * after the interruption's expected start (25 October), it ordered 300 promised for 5 November: an
     * order the notice's delay reaches. CH-HDF-03 never reported HFNC-PED: it does not receive it.
     */
    static List<Snapshot> series() {
        List<Snapshot> out = new ArrayList<>();
        long onHand = 320;
        for (LocalDate d = LocalDate.of(2025, 10, 1); !d.isAfter(LocalDate.of(2025, 11, 4)); d = d.plusDays(1)) {
            boolean delivery = d.getMonthValue() == 10 && (d.getDayOfMonth() == 6 || d.getDayOfMonth() == 13 || d.getDayOfMonth() == 20);
            long received = delivery && !d.equals(LocalDate.of(2025, 10, 1)) ? 70 : 0;
            onHand = d.getDayOfMonth() == 1 && d.getMonthValue() == 10 ? onHand : onHand - 10 + received;
            long onOrder;
            LocalDate expected;
            if (d.isBefore(LocalDate.of(2025, 10, 20))) {
                onOrder = 70;
                expected = d.isBefore(LocalDate.of(2025, 10, 6)) ? LocalDate.of(2025, 10, 6)
                        : d.isBefore(LocalDate.of(2025, 10, 13)) ? LocalDate.of(2025, 10, 13) : LocalDate.of(2025, 10, 20);
            } else if (d.isBefore(LocalDate.of(2025, 10, 27))) {
                onOrder = 0;
                expected = null;
            } else {
                onOrder = 300;
                expected = LocalDate.of(2025, 11, 5);
            }
            out.add(new Snapshot("CHU-IDF-01", "HFNC-PED", d.atTime(5, 0).toInstant(ZoneOffset.UTC), onHand, 10L, received, onOrder, expected));
        }
        return out;
    }

    APIGatewayV2HTTPResponse post() {
        SupplyNoticesApiHandler handler = new SupplyNoticesApiHandler(
                () -> CloudNotices.intake(dynamo, sns, names.registry(), names.snapshots(), names.alerts(), topic), Clock.fixed(NOW, ZoneOffset.UTC));
        return handler.handleRequest(ApiCalls.sample("supply-notices-http-post.json"), new TestLambdaContext("watchlist-api"));
    }

    @Test
    void a_notice_posted_is_matched_stored_once_and_told_to_operators_and_to_the_receiving_hospital_in_french() throws Exception {
        SnsProbe operators = SnsProbe.subscribe(sns, Fauxqs.get().sqs(), topic, "{\"type\":[\"SUPPLY_NOTICE\"]}");
        SnsProbe receiving = SnsProbe.subscribe(sns, Fauxqs.get().sqs(), topic, "{\"facilityId\":[\"CHU-IDF-01\"]}");
        SnsProbe elsewhere = SnsProbe.subscribe(sns, Fauxqs.get().sqs(), topic, "{\"facilityId\":[\"CH-HDF-03\"]}");

        APIGatewayV2HTTPResponse response = post();
        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode body = ApiCalls.body(response);
        assertEquals(2, body.get("stored").asInt());
        assertEquals(1, body.get("rejected").asInt());
        assertEquals(1, body.get("errors").get(0).get("index").asInt());
        assertEquals("status", body.get("errors").get(0).get("field").asText());
        assertEquals("[\"HFNC-PED\"]", body.get("notices").get(0).get("deviceIds").toString());
        assertEquals("udiDi", body.get("notices").get(0).get("matchedBy").asText());
        assertEquals("none", body.get("notices").get(1).get("matchedBy").asText(), "an unmatched notice is kept");

        List<Message> events = operators.receive(2, Duration.ofSeconds(10));
        assertEquals(2, events.size());
        JsonNode shortage = Json.MAPPER.readTree(SnsProbe.bodyFor(events.stream()
                .filter(m -> m.body().contains("DM-2025-0142")).findFirst().orElseThrow(), "sqs"));
        assertEquals("SUPPLY_NOTICE", shortage.get("type").asText());
        assertEquals("SHORTAGE", shortage.get("status").asText());
        assertEquals("2025-11-03T00:00:00Z", shortage.get("at").asText());
        assertEquals("[\"HFNC-PED\"]", shortage.get("deviceIds").toString());
        assertEquals("udiDi", shortage.get("matchedBy").asText());
        assertEquals("2025-12-20", shortage.get("expectedEnd").asText());

        List<Message> hospital = receiving.receive(1, Duration.ofSeconds(10));
        assertEquals(1, hospital.size());
        String sms = SnsProbe.bodyFor(hospital.get(0), "sms");
        assertTrue(sms.length() <= AlertTexts.SMS_LIMIT && AlertTexts.isGsm7(sms), sms);
        assertTrue(sms.contains("rupture Canule nasale haut débit pédiatrique du 03/11/2025"), sms);
        assertTrue(sms.contains("Alternative : FAB-BRETMED NC210-M"), sms);
        String email = SnsProbe.bodyFor(hospital.get(0), "email");
        assertTrue(email.contains("Fin prévue : 20/12/2025 (estimation du fabricant)"), email);

        assertEquals(0, new DynamoAlertOutbox(dynamo, names.alerts()).pending().size(), "sent at once, nothing left pending");

        // posted again: stored once, told once
        JsonNode again = ApiCalls.body(post());
        assertEquals(0, again.get("stored").asInt());
        assertEquals(2, again.get("repeated").asInt());
        assertEquals(1, new DynamoNoticeStore(dynamo, names.registry()).published(LocalDate.of(2025, 11, 3), LocalDate.of(2025, 11, 3))
                .stream().filter(m -> m.notice().noticeId().equals("DM-2025-0142")).count());
        assertEquals(0, receiving.receive(1, Duration.ofSeconds(2)).size() + elsewhere.receive(1, Duration.ofSeconds(2)).size(),
                "nothing again, and nothing for a hospital that never reported the device");
    }

    /**
     * The intake of the notices file drop (no SNS client in its jar): the same messages recorded once in
     * the outbox, then sent once by the outbox dispatcher, the receiving hospital's French text as the POST's.
     */
    @Test
    void recorded_in_the_outbox_the_notices_messages_go_out_once_through_the_dispatcher() throws Exception {
        SnsProbe operators = SnsProbe.subscribe(sns, Fauxqs.get().sqs(), topic, "{\"type\":[\"SUPPLY_NOTICE\"]}");
        SnsProbe receiving = SnsProbe.subscribe(sns, Fauxqs.get().sqs(), topic, "{\"facilityId\":[\"CHU-IDF-01\"]}");
        SupplyNoticesApiHandler recording = new SupplyNoticesApiHandler(
                () -> CloudNotices.recording(dynamo, names.registry(), names.snapshots(), names.alerts()), Clock.fixed(NOW, ZoneOffset.UTC));
        for (int i = 0; i < 2; i++) {
            assertEquals(200, recording.handleRequest(ApiCalls.sample("supply-notices-http-post.json"),
                    new TestLambdaContext("watchlist-api")).getStatusCode());
        }
        assertEquals(3, new DynamoAlertOutbox(dynamo, names.alerts()).pending().size(),
                "two operators' events and one hospital's message, each recorded once");
        assertEquals(0, operators.receive(1, Duration.ofSeconds(1)).size(), "nothing published before the dispatcher runs");

        DynamoFacilityDirectory facilities = new DynamoFacilityDirectory(dynamo, names.registry());
        AlertDispatch dispatch = new AlertDispatch(new DynamoAlertOutbox(dynamo, names.alerts()),
                new SnsAlertChannels(sns, topic, facilities::regionOf), DynamoWatchlist.load(dynamo, names.registry()),
                new RetrySchedule(Duration.ZERO, Duration.ofMinutes(1), Duration.ofHours(1)));
        assertEquals(3, dispatch.retryPending(NOW.plusSeconds(600)).sent());
        assertEquals(0, dispatch.retryPending(NOW.plusSeconds(1200)).sent(), "sent once");

        assertEquals(2, operators.receive(3, Duration.ofSeconds(10)).size());
        List<Message> hospital = receiving.receive(2, Duration.ofSeconds(10));
        assertEquals(1, hospital.size());
        String sms = SnsProbe.bodyFor(hospital.get(0), "sms");
        assertTrue(sms.contains("rupture Canule nasale haut débit pédiatrique du 03/11/2025"), sms);
        assertTrue(SnsProbe.bodyFor(hospital.get(0), "email").contains("Fin prévue : 20/12/2025 (estimation du fabricant)"));
    }

    /** SNS failing at the POST: the notices are stored, their messages stay pending, and the dispatcher's retry sends them once. */
    @Test
    void a_notice_posted_while_sns_fails_is_told_by_the_dispatchers_retry() throws Exception {
        SnsProbe operators = SnsProbe.subscribe(sns, Fauxqs.get().sqs(), topic, "{\"type\":[\"SUPPLY_NOTICE\"]}");
        String missingTopic = topic + "-deleted";
        SupplyNoticesApiHandler failing = new SupplyNoticesApiHandler(
                () -> CloudNotices.intake(dynamo, sns, names.registry(), names.snapshots(), names.alerts(), missingTopic),
                Clock.fixed(NOW, ZoneOffset.UTC));
        APIGatewayV2HTTPResponse response = failing.handleRequest(ApiCalls.sample("supply-notices-http-post.json"),
                new TestLambdaContext("watchlist-api"));
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(2, ApiCalls.body(response).get("stored").asInt());
        assertEquals(3, new DynamoAlertOutbox(dynamo, names.alerts()).pending().size(), "nothing sent, nothing lost");

        DynamoFacilityDirectory facilities = new DynamoFacilityDirectory(dynamo, names.registry());
        AlertDispatch dispatch = new AlertDispatch(new DynamoAlertOutbox(dynamo, names.alerts()),
                new SnsAlertChannels(sns, topic, facilities::regionOf), DynamoWatchlist.load(dynamo, names.registry()),
                new RetrySchedule(Duration.ZERO, Duration.ofMinutes(1), Duration.ofHours(1)));
        assertEquals(3, dispatch.retryPending(NOW.plusSeconds(600)).sent());
        assertEquals(2, operators.receive(3, Duration.ofSeconds(10)).size());
        assertEquals(0, new DynamoAlertOutbox(dynamo, names.alerts()).pending().size());
    }

    @Test
    void the_notice_weighs_from_its_date_and_opens_the_alert_earlier_with_its_id() {
        assertEquals(200, post().getStatusCode());
        List<AlertEvent> with = evaluate(new DynamoNoticeStore(dynamo, names.registry()));
        List<AlertEvent> without = evaluate(null);

        assertTrue(without.isEmpty(), "the promised delivery covers the hospital: " + without);
        assertEquals(1, with.size(), with.toString());
        AlertEvent warning = with.get(0);
        assertEquals(AlertLevel.WARNING, warning.level());
        // published on 3 November: seen on the 3rd, confirmed on the 4th; never on the 2nd
        assertEquals(Instant.parse("2025-11-04T05:00:00Z"), warning.at());
        assertTrue(warning.reasons().contains(Reason.SUPPLY_NOTICE), warning.reasons().toString());
        assertEquals(List.of("DM-2025-0142"), warning.notices());
    }

    /** The alert events the evaluation records (pending, for the outbox to send), in order. */
    private List<AlertEvent> evaluate(NoticeStore notices) {
        MemoryOutbox outbox = new MemoryOutbox();
        CoverageEvaluation evaluation = new CoverageEvaluation(DynamoWatchlist.load(dynamo, names.registry()),
                new DynamoSnapshotStore(dynamo, names.snapshots()), new MemoryAlertStore(outbox), new MemoryDisruptionStore(outbox), notices);
        return series().stream().flatMap(s -> evaluation.evaluate(s).recorded().stream())
                .filter(AlertEvent.class::isInstance).map(AlertEvent.class::cast).toList();
    }
}
