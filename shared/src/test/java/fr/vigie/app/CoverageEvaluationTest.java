package fr.vigie.app;

import fr.vigie.adapter.dynamodb.DynamoAlertOutbox;
import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.DynamoDisruptionStore;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.adapter.feed.AlertEventJson;
import fr.vigie.adapter.memory.MemoryWatchlist;
import fr.vigie.adapter.sns.SnsAlertChannels;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.RetrySchedule;
import fr.vigie.domain.SeasonWindow;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.testkit.DynamoDbLocalServer;
import fr.vigie.testkit.Fauxqs;
import fr.vigie.testkit.FreePort;
import fr.vigie.testkit.SnsProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The evaluation use case and the outbox dispatcher on DynamoDB Local and the fauxqs SNS, one
 * snapshot a batch: a stock running down raises an alert, a retried snapshot sends nothing twice, and
 * an alert raised while SNS is down is kept and delivered exactly once when it is back.
 */
class CoverageEvaluationTest {

    static final WatchlistEntry FFP2 = new WatchlistEntry("FFP2", "Masque FFP2", Set.of(Epidemic.COVID), "piece", null, null,
            new SeasonWindow(MonthDay.of(9, 1), MonthDay.of(4, 30)), new Thresholds(14, 7), true);
    static final Instant T0 = Instant.parse("2025-11-01T05:00:00Z");

    final DynamoDbClient dynamo = DynamoDbLocalServer.get().client();
    final SnsClient sns = Fauxqs.get().sns();
    DynamoSnapshotStore snapshots;
    DynamoAlertStore alerts;
    DynamoDisruptionStore disruptions;
    DynamoAlertOutbox outbox;
    String topic;
    SnsProbe hospital;

    @BeforeEach
    void setUp() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Tables.Names names = new Tables.Names("s-" + suffix, "a-" + suffix, "r-" + suffix);
        Tables.createMissing(dynamo, names);
        snapshots = new DynamoSnapshotStore(dynamo, names.snapshots());
        alerts = new DynamoAlertStore(dynamo, names.alerts());
        disruptions = new DynamoDisruptionStore(dynamo, names.alerts());
        outbox = new DynamoAlertOutbox(dynamo, names.alerts());
        topic = sns.createTopic(b -> b.name("alerts-" + suffix)).topicArn();
        hospital = SnsProbe.subscribe(sns, Fauxqs.get().sqs(), topic, "{\"facilityId\":[\"CH-1\"]}");
    }

    /** 40 days of 10 a day with nothing on order: the stock runs down from 400 to 10. */
    static List<Snapshot> runningDown() {
        List<Snapshot> series = new ArrayList<>();
        for (int day = 0; day < 40; day++) {
            series.add(new Snapshot("CH-1", "FFP2", T0.plus(Duration.ofDays(day)), 400 - 10L * day, 10L, 0L, 0L, null));
        }
        return series;
    }

    AlertDispatch dispatch(SnsClient client) {
        return new AlertDispatch(outbox, new SnsAlertChannels(client, topic, id -> Optional.of("11")), MemoryWatchlist.of(List.of(FFP2)),
                RetrySchedule.DEFAULT);
    }

    BatchEvaluation alerting(SnsClient client) {
        return new BatchEvaluation(new CoverageEvaluation(MemoryWatchlist.of(List.of(FFP2)), snapshots, alerts, disruptions),
                dispatch(client), AlertReminders.never());
    }

    /** Each snapshot its own batch, at its own time. */
    List<AlertEvent> runAndCollect(BatchEvaluation alerting, List<Snapshot> series) {
        snapshots.storeNew(series);
        series.forEach(s -> alerting.run(List.of(s), s.timestamp()));
        return alerts.events(new fr.vigie.domain.SeriesKey("CH-1", "FFP2"), "2025", "2027");
    }

    @Test
    void aStockRunningDownRaisesWarningThenCriticalAndARetriedSnapshotSendsNothingTwice() {
        BatchEvaluation alerting = alerting(sns);
        List<AlertEvent> events = runAndCollect(alerting, runningDown());
        assertEquals(List.of(AlertLevel.WARNING, AlertLevel.CRITICAL), events.stream().map(AlertEvent::level).toList());
        assertEquals(2, hospital.receive(2, Duration.ofSeconds(5)).size());

        Snapshot last = runningDown().get(39);
        BatchEvaluation.Report again = alerting.run(List.of(last), last.timestamp());
        assertEquals(null, again.outcomes().get(CoverageEvaluation.Outcome.CHANGED), "a redelivered snapshot changes nothing");
        assertEquals(0, again.sent().sent() + again.retried().sent());
        assertEquals(2, alerts.events(last.series(), "2025", "2027").size());
        assertTrue(hospital.receive(1, Duration.ofSeconds(2)).isEmpty(), "and publishes nothing");
    }

    @Test
    void anAlertRaisedWhileSnsIsDownIsKeptAndDeliveredExactlyOnceWhenItIsBack() {
        SnsClient down = SnsClient.builder().endpointOverride(URI.create("http://127.0.0.1:" + FreePort.find()))
                .region(Region.EU_WEST_3).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
                .overrideConfiguration(c -> c.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        List<AlertEvent> events = runAndCollect(alerting(down), runningDown());
        assertEquals(2, events.size(), "the events are recorded even though SNS did not answer");
        assertEquals(2, outbox.pending().size());

        AlertDispatch back = dispatch(sns);
        Instant later = T0.plus(Duration.ofDays(60));
        assertEquals(2, back.retryPending(later).sent());
        assertEquals(0, back.retryPending(later.plus(Duration.ofDays(1))).sent(), "nothing is left to send");
        List<Message> delivered = hospital.receive(2, Duration.ofSeconds(5));
        assertTrue(hospital.receive(1, Duration.ofSeconds(1)).isEmpty(), "each alert arrives once");
        assertEquals(events, delivered.stream().map(m -> AlertEventJson.readAlert(SnsProbe.bodyFor(m, "sqs")))
                .sorted(java.util.Comparator.comparing(AlertEvent::at)).toList());
    }
}
