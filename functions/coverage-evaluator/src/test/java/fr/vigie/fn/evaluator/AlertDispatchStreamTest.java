package fr.vigie.fn.evaluator;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.dynamodb.DynamoAlertOutbox;
import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.adapter.feed.AlertEventJson;
import fr.vigie.adapter.feed.Json;
import fr.vigie.adapter.sns.AlertFilterPolicy;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.AlertSubscription;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.Facility;
import fr.vigie.domain.ReminderRule;
import fr.vigie.domain.RetrySchedule;
import fr.vigie.domain.SeasonWindow;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.testkit.DynamoDbLocalServer;
import fr.vigie.testkit.Fauxqs;
import fr.vigie.testkit.FreePort;
import fr.vigie.testkit.SnsProbe;
import fr.vigie.testkit.TestLambdaContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coverage-evaluator's sending on DynamoDB Local and the fauxqs SNS: alerts of one facility and
 * level raised by one stream batch are mailed in one digest while each still has its own message for
 * SMS and machines; and with SNS down during a batch, every alert is kept and arrives exactly once
 * when SNS is back, through the next batch's retry.
 */
class AlertDispatchStreamTest {

    static final Instant T0 = Instant.parse("2025-11-01T05:00:00Z");
    static final WatchlistEntry FFP2 = device("FFP2", "Masque FFP2", Epidemic.COVID);
    static final WatchlistEntry SWAB = device("SWAB-NASO", "Ecouvillon nasopharynge", Epidemic.FLU);

    final DynamoDbClient dynamo = DynamoDbLocalServer.get().client();
    final SnsClient sns = Fauxqs.get().sns();

    static WatchlistEntry device(String id, String name, Epidemic epidemic) {
        return new WatchlistEntry(id, name, Set.of(epidemic), "piece", null, null,
                new SeasonWindow(MonthDay.of(9, 1), MonthDay.of(4, 30)), new Thresholds(14, 7), true);
    }

    /** Two devices of hospital CH-A (region 11) and one of CH-B (region 32) run down the same way, 10 a day from 400. */
    final class World {
        final String suffix = UUID.randomUUID().toString().substring(0, 8);
        final Tables.Names names = new Tables.Names("s-" + suffix, "a-" + suffix, "r-" + suffix);
        final String topic = sns.createTopic(b -> b.name("dispatch-" + suffix)).topicArn();
        final SnsProbe emailA = probe(AlertSubscription.Channel.EMAIL, "CH-A");
        final SnsProbe smsA = probe(AlertSubscription.Channel.SMS, "CH-A");
        final SnsProbe emailB = probe(AlertSubscription.Channel.EMAIL, "CH-B");
        final DynamodbEvent batch;

        World() {
            Tables.createMissing(dynamo, names);
            DynamoWatchlist.put(dynamo, names.registry(), FFP2);
            DynamoWatchlist.put(dynamo, names.registry(), SWAB);
            DynamoFacilityDirectory facilities = new DynamoFacilityDirectory(dynamo, names.registry());
            facilities.put(new Facility("CH-A", "CH Alpha", "11", null));
            facilities.put(new Facility("CH-B", "CH Beta", "32", null));
            List<Snapshot> all = new ArrayList<>();
            for (int day = 0; day < 40; day++) {
                Instant t = T0.plus(Duration.ofDays(day));
                all.add(new Snapshot("CH-A", "FFP2", t, 400 - 10L * day, 10L, 0L, 0L, null));
                all.add(new Snapshot("CH-A", "SWAB-NASO", t, 400 - 10L * day, 10L, 0L, 0L, null));
                all.add(new Snapshot("CH-B", "FFP2", t, 400 - 10L * day, 10L, 0L, 0L, null));
            }
            new DynamoSnapshotStore(dynamo, names.snapshots()).storeNew(all);
            batch = streamOf(names.snapshots());
        }

        SnsProbe probe(AlertSubscription.Channel channel, String facility) {
            String endpoint = channel == AlertSubscription.Channel.EMAIL ? "pharmacie@" + facility.toLowerCase() + ".fr" : "+33612345678";
            // every level, an SMS included (an SMS that names none gets CRITICAL and RECOVERED only)
            return SnsProbe.subscribe(sns, Fauxqs.get().sqs(), topic, AlertFilterPolicy.of(new AlertSubscription(channel, endpoint,
                    AlertSubscription.Scope.FACILITY, facility, AlertSubscription.SENT_LEVELS, Set.of(), false)));
        }

        SnapshotStreamHandler handler(SnsClient client, Instant now) {
            return handler(client, now, 0);
        }

        SnapshotStreamHandler handler(SnsClient client, Instant now, int reminderDays) {
            return new SnapshotStreamHandler(dynamo, client, names.snapshots(), names.alerts(), names.registry(), topic,
                    Clock.fixed(now, ZoneOffset.UTC), RetrySchedule.DEFAULT, new ReminderRule(reminderDays));
        }

        List<AlertEvent> events(String facility, String device) {
            return new DynamoAlertStore(dynamo, names.alerts()).events(new SeriesKey(facility, device), "2025", "2027");
        }
    }

    /** The snapshots table as its stream would deliver it: every poll item an INSERT, in time order. */
    static DynamodbEvent streamOf(String table) {
        DynamoDbClient dynamo = DynamoDbLocalServer.get().client();
        List<Map<String, AttributeValue>> items = new ArrayList<>(dynamo.scanPaginator(b -> b.tableName(table)).items().stream().toList());
        items.sort(Comparator.comparing((Map<String, AttributeValue> i) -> i.get("sk").s()).thenComparing(i -> i.get("pk").s()));
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        for (Map<String, AttributeValue> item : items) {
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image = new java.util.HashMap<>();
            item.forEach((k, v) -> image.put(k, streamValue(v)));
            DynamodbEvent.DynamodbStreamRecord r = new DynamodbEvent.DynamodbStreamRecord();
            r.setEventName("INSERT");
            r.setEventID(UUID.randomUUID().toString());
            r.setDynamodb(new StreamRecord().withNewImage(image).withSequenceNumber(String.format("%021d", records.size() + 1)));
            records.add(r);
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        return event;
    }

    /** A string, or a map of strings (a poll's readings), as the stream's events library holds it. */
    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue streamValue(AttributeValue v) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        if (v.hasM()) {
            Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> m = new java.util.HashMap<>();
            v.m().forEach((k, e) -> m.put(k, streamValue(e)));
            return out.withM(m);
        }
        return v.s() != null ? out.withS(v.s()) : out.withN(v.n());
    }

    static DynamodbEvent empty() {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(List.of());
        return event;
    }

    /** Everything a probe receives until it has been quiet a while. */
    static List<Message> drain(SnsProbe probe, int expected) {
        List<Message> got = new ArrayList<>(probe.receive(expected, Duration.ofSeconds(8)));
        got.addAll(probe.receive(expected + 1, Duration.ofMillis(1500)));
        return got;
    }

    /** What each subscriber gets from the season of the world: A's alerts paired in digests, B's one by one. */
    void assertEachAlertArrivedOnce(World w) throws Exception {
        List<AlertEvent> alertsA = new ArrayList<>(w.events("CH-A", "FFP2"));
        alertsA.addAll(w.events("CH-A", "SWAB-NASO"));
        List<AlertEvent> alertsB = w.events("CH-B", "FFP2");
        assertEquals(List.of(AlertLevel.WARNING, AlertLevel.CRITICAL), alertsB.stream().map(AlertEvent::level).toList());
        assertEquals(4, alertsA.size());

        // hospital A by SMS (and machines): each alert once, as its own event
        List<Message> sms = drain(w.smsA, 4);
        assertEquals(Set.copyOf(alertsA), Set.copyOf(sms.stream().map(m -> AlertEventJson.readAlert(SnsProbe.bodyFor(m, "sqs"))).toList()));
        assertEquals(4, sms.size(), "each alert once");
        sms.forEach(m -> assertEquals(AlertFilterPolicy.GROUPED, m.messageAttributes().get("delivery").stringValue()));

        // hospital A by email: one digest per level, naming both devices
        List<Message> mails = drain(w.emailA, 2);
        assertEquals(2, mails.size(), "one email per level, not one per device");
        Set<String> levels = new java.util.TreeSet<>();
        for (Message m : mails) {
            assertEquals(AlertFilterPolicy.DIGEST, m.messageAttributes().get("delivery").stringValue());
            String text = SnsProbe.bodyFor(m, "email");
            assertTrue(text.contains("2 dispositifs") && text.contains("(FFP2)") && text.contains("(SWAB-NASO)"), text);
            JsonNode machine = Json.MAPPER.readTree(SnsProbe.bodyFor(m, "sqs"));
            assertEquals("ALERT_DIGEST", machine.get("type").asText());
            levels.add(machine.get("level").asText());
        }
        assertEquals(Set.of("CRITICAL", "WARNING"), levels);

        // hospital B by email: its two alerts, each its own email
        List<Message> mailsB = drain(w.emailB, 2);
        assertEquals(alertsB, mailsB.stream().map(m -> AlertEventJson.readAlert(SnsProbe.bodyFor(m, "sqs")))
                .sorted(Comparator.comparing(AlertEvent::at)).toList());
        mailsB.forEach(m -> assertTrue(SnsProbe.bodyFor(m, "email").startsWith("[Vigie] "), SnsProbe.bodyFor(m, "email")));
    }

    @Test
    void alertsOfOneFacilityAndLevelInOneBatchAreMailedInOneDigestAndEachStillTextedAlone() throws Exception {
        World w = new World();
        Instant now = Instant.parse("2025-12-10T06:00:00Z");

        assertTrue(w.handler(sns, now).handleRequest(w.batch, new TestLambdaContext("coverage-evaluator")).getBatchItemFailures().isEmpty());

        assertEachAlertArrivedOnce(w);
        assertTrue(new DynamoAlertOutbox(dynamo, w.names.alerts()).pending().isEmpty(), "nothing left pending");
    }

    @Test
    void snsDownDuringABatchThenUpEveryAlertArrivesExactlyOnce() throws Exception {
        World w = new World();
        SnsClient down = SnsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + FreePort.find()))
                .region(Region.EU_WEST_3).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
                .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        Instant t = Instant.parse("2025-12-10T06:00:00Z");
        DynamoAlertOutbox outbox = new DynamoAlertOutbox(dynamo, w.names.alerts());

        // the batch is evaluated while SNS is down: every event recorded, none sent, each given its grace
        assertTrue(w.handler(down, t).handleRequest(w.batch, new TestLambdaContext("coverage-evaluator")).getBatchItemFailures().isEmpty());
        assertEquals(6, outbox.pending().size());
        outbox.pending().forEach(p -> assertEquals(RetrySchedule.DEFAULT.firstTry(t), p.retryAfter()));
        // a batch within the grace, SNS still down, and one with SNS back but still within the grace: nothing sent
        w.handler(sns, t.plusSeconds(60)).handleRequest(empty(), new TestLambdaContext("coverage-evaluator"));
        assertTrue(w.smsA.receive(1, Duration.ofSeconds(1)).isEmpty());
        // the first retry after the grace, SNS down again: attempt counted, backoff doubled next time
        w.handler(down, t.plusSeconds(180)).handleRequest(empty(), new TestLambdaContext("coverage-evaluator"));
        outbox.pending().forEach(p -> assertEquals(1, p.attempts()));
        outbox.pending().forEach(p -> assertEquals(RetrySchedule.DEFAULT.afterAttempt(t.plusSeconds(180), 1), p.retryAfter()));
        // before the backoff is over: not retried
        w.handler(sns, t.plusSeconds(200)).handleRequest(empty(), new TestLambdaContext("coverage-evaluator"));
        assertEquals(6, outbox.pending().size());

        // SNS back, the next batch after the backoff sends them, grouped as a batch would be
        w.handler(sns, t.plusSeconds(300)).handleRequest(empty(), new TestLambdaContext("coverage-evaluator"));
        assertTrue(outbox.pending().isEmpty(), "nothing left pending");
        // the stream redelivers the whole batch, and later batches come: nothing is sent again
        w.handler(sns, t.plusSeconds(7200)).handleRequest(w.batch, new TestLambdaContext("coverage-evaluator"));
        w.handler(sns, t.plusSeconds(9000)).handleRequest(empty(), new TestLambdaContext("coverage-evaluator"));

        assertEachAlertArrivedOnce(w);
    }

    @Test
    void aLevelThatHoldsIsRemindedAtMostEveryNDaysAndNeverAsAnAlertEvent() throws Exception {
        World w = new World();
        Instant now = Instant.parse("2025-12-10T06:00:00Z");

        w.handler(sns, now, 3).handleRequest(w.batch, new TestLambdaContext("coverage-evaluator"));

        List<AlertEvent> alerts = w.events("CH-B", "FFP2");
        List<Message> mails = drain(w.emailB, alerts.size() + 10);
        List<JsonNode> reminders = new ArrayList<>();
        List<AlertEvent> events = new ArrayList<>();
        for (Message m : mails) {
            JsonNode machine = Json.MAPPER.readTree(SnsProbe.bodyFor(m, "sqs"));
            if (machine.has("type")) {
                assertEquals("ALERT_REMINDER", machine.get("type").asText());
                assertEquals(AlertFilterPolicy.REMINDER, m.messageAttributes().get("delivery").stringValue());
                assertTrue(SnsProbe.bodyFor(m, "email").startsWith("[Vigie] RAPPEL "), SnsProbe.bodyFor(m, "email"));
                reminders.add(machine);
            } else {
                events.add(AlertEventJson.readAlert(SnsProbe.bodyFor(m, "sqs")));
            }
        }
        assertEquals(alerts, events.stream().sorted(Comparator.comparing(AlertEvent::at)).toList(), "the alert events are unchanged");
        assertTrue(!reminders.isEmpty(), "a level held for days is reminded");
        Map<String, Instant> last = new java.util.HashMap<>();
        for (JsonNode r : reminders.stream().sorted(Comparator.comparing(n -> n.get("remindedAt").asText())).toList()) {
            AlertEvent open = alerts.stream().filter(a -> a.alertId().equals(r.get("alertId").asText())).findFirst().orElseThrow();
            assertTrue(open.level().isOpen());
            Instant at = Instant.parse(r.get("remindedAt").asText());
            Instant since = last.getOrDefault(open.alertId(), open.at());
            assertTrue(!at.isBefore(since.plus(Duration.ofDays(3))), "at most once every 3 days: " + r);
            assertTrue(alerts.stream().noneMatch(a -> a.at().isAfter(open.at()) && !a.at().isAfter(at)), "the alert was still open: " + r);
            last.put(open.alertId(), at);
        }
        // the stream redelivers the batch: no reminder twice
        w.handler(sns, now.plusSeconds(600), 3).handleRequest(w.batch, new TestLambdaContext("coverage-evaluator"));
        assertTrue(w.emailB.receive(1, Duration.ofSeconds(2)).isEmpty());
    }
}
