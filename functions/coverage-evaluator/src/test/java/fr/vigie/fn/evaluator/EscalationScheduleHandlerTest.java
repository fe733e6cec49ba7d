package fr.vigie.fn.evaluator;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.DynamoFollowUps;
import fr.vigie.adapter.dynamodb.DynamoRegistryEditor;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.adapter.feed.Json;
import fr.vigie.adapter.sns.AlertFilterPolicy;
import fr.vigie.adapter.sns.SnsAlertChannels;
import fr.vigie.domain.AlertSubscription;
import fr.vigie.app.AlertHelp;
import fr.vigie.port.AlertChannels;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.Facility;
import fr.vigie.domain.FacilityContact;
import fr.vigie.domain.Reason;
import fr.vigie.domain.RegisteredFacility;
import fr.vigie.domain.SeasonWindow;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.followup.AckAction;
import fr.vigie.domain.followup.Acknowledgement;
import fr.vigie.domain.followup.DeviceFollowUp;
import fr.vigie.domain.followup.EscalationRule;
import fr.vigie.domain.followup.EscalationTier;
import fr.vigie.domain.forecast.AlertState;
import fr.vigie.port.Registry;
import fr.vigie.testkit.DynamoDbLocalServer;
import fr.vigie.testkit.Fauxqs;
import fr.vigie.testkit.ProjectRoot;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The escalation function on DynamoDB Local and the fauxqs SNS: an unacknowledged CRITICAL of
 * CH-HDF-01 escalates exactly once to the region's operators under two concurrent runs (and the
 * hospital's own subscription receives nothing of it), then once to the nation; an acknowledged one
 * never; the escalation email lists the region's comfortable neighbours and the entry's alternatives.
 */
class EscalationScheduleHandlerTest {

    static final Instant OPENED = Instant.parse("2025-11-20T05:00:00Z");
    static final WatchlistEntry HFNC = new WatchlistEntry("HFNC-PED", "Canule nasale haut débit pédiatrique", Set.of(Epidemic.BRONCHIOLITIS),
            "pièce", null, null, new SeasonWindow(MonthDay.of(9, 1), MonthDay.of(4, 30)), new Thresholds(14, 7), true,
            new DeviceFollowUp(null, List.of(new DeviceFollowUp.Alternative("FAB-BRETMED", "NC210-M", null, null))));

    final DynamoDbClient dynamo = DynamoDbLocalServer.get().client();
    final SnsClient sns = Fauxqs.get().sns();
    final Tables.Names names;
    final String topic;

    EscalationScheduleHandlerTest() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        names = new Tables.Names("e-snap-" + suffix, "e-alerts-" + suffix, "e-registry-" + suffix);
        Tables.createMissing(dynamo, names);
        topic = sns.createTopic(b -> b.name("escalation-" + suffix)).topicArn();
        DynamoWatchlist.put(dynamo, names.registry(), HFNC);
        DynamoRegistryEditor registry = new DynamoRegistryEditor(dynamo, names.registry());
        Registry.Author author = new Registry.Author("test", "CREATE", OPENED);
        facility(registry, author, "CH-HDF-01", "CH de Lille", "32", null);
        facility(registry, author, "CH-HDF-02", "CH d'Amiens", "32", new FacilityContact("Pharmacie", "pui@amiens.example", null));
        facility(registry, author, "CH-HDF-03", "CH de Calais", "32", null);
        facility(registry, author, "CHU-IDF-01", "CHU Paris Nord", "11", null);
        // Amiens holds plenty (60 days for 10 a day), Calais little (5 days), Paris plenty but in another region
        List<Snapshot> rows = new ArrayList<>();
        for (int d = 0; d < 20; d++) {
            Instant at = OPENED.minus(Duration.ofDays(20 - d));
            rows.add(new Snapshot("CH-HDF-02", "HFNC-PED", at, 600, 10L, 0L, 0L, null));
            rows.add(new Snapshot("CH-HDF-03", "HFNC-PED", at, 50, 10L, 0L, 0L, null));
            rows.add(new Snapshot("CHU-IDF-01", "HFNC-PED", at, 900, 10L, 0L, 0L, null));
        }
        new DynamoSnapshotStore(dynamo, names.snapshots()).storeNew(rows);
        new DynamoAlertStore(dynamo, names.alerts()).recordTransition(critical("CH-HDF-01"),
                new AlertState(AlertLevel.CRITICAL, AlertLevel.NONE, 0, OPENED));
    }

    SnsProbe subscriber(AlertSubscription.Scope scope, String target) {
        AlertSubscription.Channel channel = AlertSubscription.Channel.EMAIL;
        return SnsProbe.subscribe(sns, Fauxqs.get().sqs(), topic,
                AlertFilterPolicy.of(new AlertSubscription(channel, "x@example.fr", scope, target, Set.of(), Set.of(), true)));
    }

    static void facility(DynamoRegistryEditor registry, Registry.Author author, String id, String name, String region, FacilityContact contact) {
        assertTrue(registry.create(new RegisteredFacility(new Facility(id, name, region, null), contact), author).written());
    }

    static AlertEvent critical(String facility) {
        return new AlertEvent(AlertEvent.alertId(facility, "HFNC-PED", OPENED), facility, "HFNC-PED", AlertLevel.CRITICAL, AlertLevel.WARNING,
                OPENED, 3.0, LocalDate.of(2025, 11, 23), 30, 10, List.of(Reason.COVERAGE_BELOW_CRITICAL));
    }

    EscalationScheduleHandler at(Instant now) {
        return new EscalationScheduleHandler(dynamo, sns, names.snapshots(), names.alerts(), names.registry(), topic,
                "https://console.example", EscalationRule.DEFAULT, Clock.fixed(now, ZoneOffset.UTC));
    }

    List<Map<String, Object>> concurrently(Instant now, int runs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Map<String, Object>>> futures = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            EscalationScheduleHandler handler = at(now);
            Callable<Map<String, Object>> run = () -> {
                start.await();
                return handler.handleRequest(EventLoader.loadScheduledEvent(ProjectRoot.find().resolve("events/escalation-schedule.json").toString()),
                        new TestLambdaContext("escalation"));
            };
            futures.add(pool.submit(run));
        }
        start.countDown();
        List<Map<String, Object>> reports = new ArrayList<>();
        for (Future<Map<String, Object>> f : futures) {
            reports.add(f.get());
        }
        pool.shutdown();
        return reports;
    }

    @Test
    void anUnacknowledgedCriticalEscalatesOnceToTheRegionThenOnceToTheNation() throws Exception {
        // the policies POST /subscriptions writes: the region's operators, national operators, the hospital, another region's operators
        SnsProbe regional = subscriber(AlertSubscription.Scope.REGION, "32");
        SnsProbe national = subscriber(AlertSubscription.Scope.NATIONAL, null);
        SnsProbe hospital = subscriber(AlertSubscription.Scope.FACILITY, "CH-HDF-01");
        SnsProbe otherRegion = subscriber(AlertSubscription.Scope.REGION, "11");

        assertEquals(0, concurrently(OPENED.plus(Duration.ofHours(11)), 2).stream().mapToInt(r -> (int) r.get("escalated")).sum(), "too early");
        List<Map<String, Object>> reports = concurrently(OPENED.plus(Duration.ofHours(13)), 2);
        assertEquals(1, reports.stream().mapToInt(r -> (int) r.get("escalated")).sum(), reports.toString());
        // the other run lost the claim, or (when the first had finished before it listed the due alerts) found the tier reached
        assertTrue(reports.stream().mapToInt(r -> (int) r.get("alreadyClaimed")).sum() <= 1, reports.toString());
        concurrently(OPENED.plus(Duration.ofHours(14)), 2);

        List<Message> got = regional.receive(2, Duration.ofSeconds(6));
        assertEquals(1, got.size(), "exactly one regional escalation");
        assertEquals("REGIONAL", got.get(0).messageAttributes().get("escalated").stringValue());
        String email = SnsProbe.bodyFor(got.get(0), "email");
        assertTrue(email.contains("ESCALADE RÉGIONALE"), email);
        assertTrue(email.contains("CH de Lille") && email.contains("Canule nasale haut débit pédiatrique"), "names, not only codes: " + email);
        assertTrue(email.contains("CH d'Amiens") && email.contains("pui@amiens.example"), "the comfortable neighbour and its contact: " + email);
        assertFalse(email.contains("CH de Calais"), "5 days is not twice the 14-day warning threshold: " + email);
        assertFalse(email.contains("CHU Paris Nord"), "another region's facility is never listed: " + email);
        assertTrue(email.contains("NC210-M (FAB-BRETMED)"), "the alternative: " + email);
        assertTrue(email.contains("Seuil franchi : seuil critique de 7 jours de couverture"), "the threshold crossed: " + email);
        assertTrue(email.contains("Référence de l'alerte : CH-HDF-01#HFNC-PED#2025-11-20T05:00:00Z"), "the reference: " + email);
        assertTrue(email.contains("Contact régional : opérateurs Vigie de l'ARS Hauts-de-France"), "the regional contact: " + email);
        assertTrue(email.contains("non acquittée depuis 13 h"), email);
        assertTrue(email.contains("https://console.example/#/acquitter/CH-HDF-01%23HFNC-PED%23"), "the acknowledgement link: " + email);
        String sms = SnsProbe.bodyFor(got.get(0), "sms");
        assertTrue(sms.length() <= 160 && fr.vigie.domain.AlertTexts.isGsm7(sms), sms);
        JsonNode machine = Json.MAPPER.readTree(SnsProbe.bodyFor(got.get(0), "sqs"));
        assertEquals("ALERT_ESCALATION", machine.get("type").asText());
        assertTrue(national.receive(1, Duration.ofSeconds(2)).isEmpty(), "not national before 12 + 24 hours");
        assertTrue(hospital.receive(1, Duration.ofSeconds(2)).isEmpty(), "hospital subscriptions do not take escalations");
        assertTrue(otherRegion.receive(1, Duration.ofSeconds(1)).isEmpty(), "nor another region's operators");

        List<Map<String, Object>> later = concurrently(OPENED.plus(Duration.ofHours(37)), 2);
        assertEquals(1, later.stream().mapToInt(r -> (int) r.get("escalated")).sum(), later.toString());
        List<Message> nation = national.receive(2, Duration.ofSeconds(6));
        assertEquals(1, nation.size(), "exactly one national escalation");
        assertEquals("NATIONAL", nation.get(0).messageAttributes().get("escalated").stringValue());
        List<Message> regionAgain = regional.receive(1, Duration.ofSeconds(3));
        assertEquals(1, regionAgain.size(), "the region's operators see the national tier of their region's CRITICAL too");
        assertEquals(EscalationTier.NATIONAL, new DynamoFollowUps(dynamo, names.alerts()).reached(critical("CH-HDF-01").alertId()));
    }

    /** Issue 22: a reminder shows today's figures and the acknowledgement made, by name. */
    @Test
    void aReminderShowsTodaysFiguresAndTheAcknowledgement() throws Exception {
        AlertEvent open = critical("CH-HDF-01");
        new DynamoFollowUps(dynamo, names.alerts()).record(new Acknowledgement(open.alertId(), "pharmacien", "facility",
                AckAction.URGENT_ORDER, "livraison demain", OPENED.plus(Duration.ofHours(3))));
        SnsProbe hospital = SnsProbe.subscribe(sns, Fauxqs.get().sqs(), topic,
                "{\"facilityId\":[\"CH-HDF-01\"],\"delivery\":[\"SINGLE\",\"DIGEST\",\"REMINDER\"]}");
        Instant today = OPENED.plus(Duration.ofDays(2));
        AlertEvent todays = new AlertEvent(open.alertId(), open.facilityId(), open.deviceId(), open.level(), open.previousLevel(), today,
                1.5, LocalDate.of(2025, 11, 23), 15, 10, open.reasons());
        new SnsAlertChannels(sns, topic, id -> Optional.of("32"), new AlertHelp(new DynamoRegistryEditor(dynamo, names.registry()),
                new DynamoSnapshotStore(dynamo, names.snapshots()), () -> DynamoWatchlist.load(dynamo, names.registry()),
                new DynamoFollowUps(dynamo, names.alerts()), null))
                .reminder(new AlertChannels.Notice(todays, HFNC), today);
        List<Message> got = hospital.receive(1, Duration.ofSeconds(6));
        assertEquals(1, got.size());
        String email = SnsProbe.bodyFor(got.get(0), "email");
        assertTrue(email.startsWith("[Vigie] RAPPEL CRITIQUE - CH de Lille - Canule nasale"), email);
        assertTrue(email.contains("Stock disponible : 15 pièces") && email.contains("Couverture projetée : 1,5 jours"), "today's figures: " + email);
        assertTrue(email.contains("niveau inchangé depuis le 20/11/2025") && email.contains("Chiffres du dernier relevé (22/11/2025)"), email);
        assertTrue(email.contains("Acquittée le 20/11/2025 par pharmacien : commande urgente passée (livraison demain)"), email);
        assertEquals(OPENED.toString(), Json.MAPPER.readTree(SnsProbe.bodyFor(got.get(0), "sqs")).get("openSince").asText());
    }

    @Test
    void anAcknowledgedCriticalNeverEscalates() throws Exception {
        String alertId = critical("CH-HDF-01").alertId();
        assertTrue(new DynamoFollowUps(dynamo, names.alerts()).record(new Acknowledgement(alertId, "pharmacien", "facility",
                AckAction.URGENT_ORDER, null, OPENED.plus(Duration.ofHours(2)))));
        List<Map<String, Object>> reports = concurrently(OPENED.plus(Duration.ofHours(40)), 2);
        assertEquals(0, reports.stream().mapToInt(r -> (int) r.get("escalated")).sum(), reports.toString());
        assertEquals(EscalationTier.NONE, new DynamoFollowUps(dynamo, names.alerts()).reached(alertId));
    }
}
