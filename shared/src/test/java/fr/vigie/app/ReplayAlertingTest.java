package fr.vigie.app;

import fr.vigie.adapter.dynamodb.DynamoAlertOutbox;
import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.DynamoDisruptionStore;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.feed.AlertEventJson;
import fr.vigie.adapter.feed.FeedCsvReader;
import fr.vigie.adapter.memory.MemoryWatchlist;
import fr.vigie.adapter.sns.AlertFilterPolicy;
import fr.vigie.adapter.sns.SnsAlertChannels;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.AlertSubscription;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.RetrySchedule;
import fr.vigie.domain.SeasonWindow;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.testkit.Fauxqs;
import fr.vigie.testkit.SnsProbe;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.MonthDay;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The replay use case sends through the coverage-evaluator's outbox dispatcher, on DynamoDB Local and
 * the fauxqs SNS: a feed where two devices of hospital CH-A run down together and one of CH-B the same
 * way, SNS failing on the first message (CH-A's first digest). That digest's alerts stay pending, are
 * claimed by the next batch's retry after their grace and go out then, still as one digest; every
 * alert reaches each subscriber exactly once.
 */
class ReplayAlertingTest {

    static final WatchlistEntry FFP2 = device("FFP2", "Masque FFP2", Epidemic.COVID);
    static final WatchlistEntry SWAB = device("SWAB-NASO", "Ecouvillon nasopharynge", Epidemic.FLU);

    static WatchlistEntry device(String id, String name, Epidemic epidemic) {
        return new WatchlistEntry(id, name, Set.of(epidemic), "piece", null, null,
                new SeasonWindow(MonthDay.of(9, 1), MonthDay.of(4, 30)), new Thresholds(14, 7), true);
    }

    /** SNS unreachable for the first {@code publishes} Publish calls, then the real emulator. */
    static final class Outage implements ExecutionInterceptor {
        final AtomicInteger left;

        Outage(int publishes) {
            left = new AtomicInteger(publishes);
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof PublishRequest && left.getAndDecrement() > 0) {
                throw SdkClientException.create("injected fault: SNS unreachable");
            }
        }
    }

    static String feed() {
        StringBuilder csv = new StringBuilder("timestamp,facility_id,device_id,on_hand,consumed,received,on_order,expected_delivery\n");
        Instant t0 = Instant.parse("2025-11-01T05:00:00Z");
        for (int day = 0; day < 40; day++) {
            String at = t0.plus(day, ChronoUnit.DAYS).toString();
            long onHand = 400 - 10L * day;
            for (String series : List.of("CH-A,FFP2", "CH-A,SWAB-NASO", "CH-B,FFP2")) {
                csv.append(at).append(',').append(series).append(',').append(onHand).append(",10,0,0,\n");
            }
        }
        return csv.toString();
    }

    @Test
    void aReplayMailsDigestsAndRetriesWhatSnsRefusedClaimedAfterItsGrace() throws Exception {
        Engines engines = Engines.fresh("replay");
        DynamoDbClient dynamo = engines.dynamo();
        SnsProbe emailA = probe(engines.sns(), engines.topic(), AlertSubscription.Channel.EMAIL, "CH-A");
        SnsProbe smsA = probe(engines.sns(), engines.topic(), AlertSubscription.Channel.SMS, "CH-A");
        SnsProbe emailB = probe(engines.sns(), engines.topic(), AlertSubscription.Channel.EMAIL, "CH-B");
        SnsClient flaky = SnsClient.builder().endpointOverride(Fauxqs.get().endpoint()).region(Region.EU_WEST_3)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
                .overrideConfiguration(c -> c.addExecutionInterceptor(new Outage(1)).retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();

        MemoryWatchlist watchlist = MemoryWatchlist.of(List.of(FFP2, SWAB));
        DynamoSnapshotStore snapshots = new DynamoSnapshotStore(dynamo, engines.names().snapshots());
        DynamoAlertStore alerts = new DynamoAlertStore(dynamo, engines.names().alerts());
        DynamoAlertOutbox outbox = new DynamoAlertOutbox(dynamo, engines.names().alerts());
        SeasonReplay replay = new SeasonReplay(new SnapshotIngestion(snapshots), new BatchEvaluation(
                new CoverageEvaluation(watchlist, snapshots, alerts, new DynamoDisruptionStore(dynamo, engines.names().alerts())),
                new AlertDispatch(outbox, new SnsAlertChannels(flaky, engines.topic(), id -> Optional.of(id.equals("CH-A") ? "11" : "32")),
                        watchlist, RetrySchedule.DEFAULT),
                AlertReminders.never()));
        FeedCsvReader reader = new FeedCsvReader(new ByteArrayInputStream(feed().getBytes(StandardCharsets.UTF_8)), watchlist::knows);

        SeasonReplay.Summary summary = replay.run(reader::next, (done, total) -> { });

        List<AlertEvent> alertsA = new ArrayList<>(alerts.events(new SeriesKey("CH-A", "FFP2"), "2025", "2027"));
        alertsA.addAll(alerts.events(new SeriesKey("CH-A", "SWAB-NASO"), "2025", "2027"));
        List<AlertEvent> alertsB = alerts.events(new SeriesKey("CH-B", "FFP2"), "2025", "2027");
        assertEquals(4, alertsA.size(), "WARNING then CRITICAL for each of CH-A's devices");
        assertEquals(2, alertsB.size());
        // the batches: CH-A's WARNING digest refused (its two alerts held), CH-B's WARNING, then the three CRITICAL ones with a digest
        assertEquals(new AlertDispatch.Report(4, 1, 2, 0), summary.sent());
        // the retries: the two held alerts given their grace by the batch that failed, claimed and sent by the next, in one digest
        assertEquals(new AlertDispatch.Report(2, 1, 0, 2), summary.retried());
        assertTrue(outbox.pending().isEmpty(), "nothing left pending");

        List<Message> mailsA = drain(emailA, 2);
        assertEquals(2, mailsA.size(), "one email per level for CH-A, its two devices in one digest");
        mailsA.forEach(m -> assertEquals(AlertFilterPolicy.DIGEST, m.messageAttributes().get("delivery").stringValue()));
        // an SMS subscription that names no level gets the CRITICAL and RECOVERED alerts only (issue 18)
        List<Message> smsOfA = drain(smsA, 2);
        assertEquals(Set.copyOf(alertsA.stream().filter(a -> a.level() == AlertLevel.CRITICAL).toList()),
                Set.copyOf(smsOfA.stream().map(m -> AlertEventJson.readAlert(SnsProbe.bodyFor(m, "sqs"))).toList()));
        assertEquals(2, smsOfA.size(), "each of CH-A's critical alerts texted once");
        List<Message> mailsB = drain(emailB, 2);
        assertEquals(Set.copyOf(alertsB), Set.copyOf(mailsB.stream().map(m -> AlertEventJson.readAlert(SnsProbe.bodyFor(m, "sqs"))).toList()));
        assertEquals(2, mailsB.size());
    }

    static SnsProbe probe(SnsClient sns, String topic, AlertSubscription.Channel channel, String facility) {
        String endpoint = channel == AlertSubscription.Channel.EMAIL ? "pharmacie@" + facility.toLowerCase() + ".fr" : "+33612345678";
        return SnsProbe.subscribe(sns, Fauxqs.get().sqs(), topic, AlertFilterPolicy.of(new AlertSubscription(channel, endpoint,
                AlertSubscription.Scope.FACILITY, facility, Set.of(), Set.of(), false)));
    }

    /** Everything a probe receives until it has been quiet a while. */
    static List<Message> drain(SnsProbe probe, int expected) {
        List<Message> got = new ArrayList<>(probe.receive(expected, Duration.ofSeconds(8)));
        got.addAll(probe.receive(expected + 1, Duration.ofMillis(1500)));
        return got;
    }
}
