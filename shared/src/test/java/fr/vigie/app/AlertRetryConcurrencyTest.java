package fr.vigie.app;

import fr.vigie.adapter.dynamodb.DynamoAlertOutbox;
import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.adapter.feed.AlertEventJson;
import fr.vigie.adapter.memory.MemoryWatchlist;
import fr.vigie.adapter.sns.SnsAlertChannels;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.Reason;
import fr.vigie.domain.RetrySchedule;
import fr.vigie.domain.forecast.AlertState;
import fr.vigie.testkit.Fauxqs;
import fr.vigie.testkit.SnsProbe;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Concurrent evaluator runs (one per stream shard) retry the same pending alerts at the same moment:
 * the conditional claim lets exactly one of them send each alert, on DynamoDB Local and fauxqs.
 */
class AlertRetryConcurrencyTest {

    @Test
    void fourRunsRetryingTheSamePendingAlertsSendEachExactlyOnce() throws Exception {
        Engines engines = Engines.fresh("retry");
        DynamoDbClient dynamo = engines.dynamo();
        SnsClient sns = engines.sns();
        Tables.Names names = engines.names();
        String topic = engines.topic();
        SnsProbe machines = SnsProbe.subscribe(sns, Fauxqs.get().sqs(), topic, "{\"delivery\":[\"SINGLE\",\"GROUPED\"]}");

        DynamoAlertStore store = new DynamoAlertStore(dynamo, names.alerts());
        List<AlertEvent> recorded = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String facility = "CH-" + (i % 4);
            Instant at = Instant.parse("2025-11-02T05:00:00Z").plus(Duration.ofHours(i));
            AlertEvent e = new AlertEvent(AlertEvent.alertId(facility, "FFP2", at), facility, "FFP2", AlertLevel.WARNING, null, at,
                    9.5, LocalDate.of(2025, 11, 12), 95, 10, List.of(Reason.COVERAGE_BELOW_WARNING));
            assertTrue(store.recordTransition(e, new AlertState(AlertLevel.WARNING, AlertLevel.WARNING, 0, at)));
            recorded.add(e);
        }
        DynamoAlertOutbox outbox = new DynamoAlertOutbox(dynamo, names.alerts());
        assertEquals(12, outbox.pending().size());

        Instant now = Instant.parse("2025-12-01T00:00:00Z");
        RetrySchedule noGrace = new RetrySchedule(Duration.ZERO, Duration.ofMinutes(1), Duration.ofHours(1));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Callable<AlertDispatch.Report>> runs = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            AlertDispatch dispatch = new AlertDispatch(new DynamoAlertOutbox(dynamo, names.alerts()),
                    new SnsAlertChannels(sns, topic, id -> Optional.of("11")),
                    MemoryWatchlist.of(List.of(CoverageEvaluationTest.FFP2)), noGrace);
            runs.add(() -> dispatch.retryPending(now));
        }
        int sent = 0;
        for (Future<AlertDispatch.Report> f : pool.invokeAll(runs)) {
            sent += f.get().sent();
        }
        pool.shutdown();

        assertEquals(12, sent, "the four runs sent twelve alerts between them");
        assertTrue(outbox.pending().isEmpty());
        List<Message> got = machines.receive(12, Duration.ofSeconds(10));
        got.addAll(machines.receive(1, Duration.ofSeconds(2)));
        assertEquals(12, got.size(), "each alert arrives once");
        assertEquals(recorded.stream().map(AlertEvent::alertId).collect(Collectors.toSet()),
                got.stream().map(m -> AlertEventJson.readAlert(SnsProbe.bodyFor(m, "sqs")).alertId()).collect(Collectors.toSet()));
        assertEquals(Set.of(), Set.copyOf(outbox.pending()));
    }
}
