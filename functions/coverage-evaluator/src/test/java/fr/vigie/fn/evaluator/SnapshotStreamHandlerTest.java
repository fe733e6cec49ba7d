package fr.vigie.fn.evaluator;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbAttributeValueTransformer;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.Facility;
import fr.vigie.domain.ReminderRule;
import fr.vigie.domain.RetrySchedule;
import fr.vigie.domain.SeasonWindow;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.testkit.DynamoDbLocalServer;
import fr.vigie.testkit.Fauxqs;
import fr.vigie.testkit.ProjectRoot;
import fr.vigie.testkit.TestLambdaContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The events/ stream sample (two new snapshots of a series running out) through the real handler,
 * against DynamoDB Local and the fauxqs SNS with an SQS queue subscribed to the alert topic.
 */
class SnapshotStreamHandlerTest {

    private final DynamoDbClient dynamo = DynamoDbLocalServer.get().client();
    private final SnsClient sns = Fauxqs.get().sns();
    private final SqsClient sqs = Fauxqs.get().sqs();

    @Test
    void aSeriesRunningOutRaisesOneAlertStoredAndPublishedOnce() throws Exception {
        World w = new World("eval-a");
        DynamodbEvent event = loadSample();

        StreamsEventResponse response = w.handler().handleRequest(event, new TestLambdaContext("coverage-evaluator"));

        assertTrue(response.getBatchItemFailures().isEmpty());
        List<Map<String, AttributeValue>> events = w.alertEvents();
        assertEquals(1, events.size(), "one change of level, one event");
        String level = events.get(0).get("level").s();
        assertTrue(Set.of("WARNING", "CRITICAL").contains(level), level);

        List<Message> delivered = w.received();
        assertEquals(1, delivered.size());
        JsonNode envelope = Json.MAPPER.readTree(delivered.get(0).body());
        JsonNode alert = alertOf(envelope);
        assertEquals("CHU-IDF-01", alert.get("facilityId").asText());
        assertEquals("HFNC-PED", alert.get("deviceId").asText());
        assertEquals(level, alert.get("level").asText());
        assertTrue(alert.get("alertId").asText().startsWith("CHU-IDF-01#HFNC-PED#2025-11-1"), alert.toString());
        assertEquals("11", envelope.get("MessageAttributes").get("region").get("Value").asText());
        assertEquals(level, envelope.get("MessageAttributes").get("level").get("Value").asText());

        // the stream delivers the same batch again (a retry): nothing new is recorded or sent
        assertTrue(w.handler().handleRequest(loadSample(), new TestLambdaContext("coverage-evaluator")).getBatchItemFailures().isEmpty());
        assertEquals(1, w.alertEvents().size());
        assertTrue(w.received().isEmpty());
    }

    @Test
    void aBrokenRecordIsReportedAndTheRecordsAfterItAreLeftForTheRetry() {
        World w = new World("eval-b");
        DynamodbEvent event = loadSample();
        event.getRecords().get(0).getDynamodb().getNewImage().remove("r");

        StreamsEventResponse response = w.handler().handleRequest(event, new TestLambdaContext("coverage-evaluator"));

        assertEquals(List.of(event.getRecords().get(0).getDynamodb().getSequenceNumber()),
                response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList());
        assertTrue(w.received().isEmpty());
    }

    /**
     * Issue 17: a failed evaluation leaves one JSON line of the functions' real logger (Powertools'
     * layout over Log4j, as the template's JSON log format takes it) at level ERROR, with the Lambda
     * request id, the cold-start flag, the facility and device and the exception as fields.
     */
    @Test
    void aFailedEvaluationIsLoggedAtErrorWithTheRequestFacilityAndDeviceAsFields() throws Exception {
        World w = new World("eval-log");
        // an alerts table that does not exist: the evaluation of the first snapshot fails in DynamoDB Local
        SnapshotStreamHandler handler = new SnapshotStreamHandler(dynamo, sns, w.names.snapshots(), "eval-log-missing-alerts",
                w.names.registry(), w.topicArn, Clock.systemUTC(), RetrySchedule.DEFAULT, new ReminderRule(0));
        TestLambdaContext context = new TestLambdaContext("coverage-evaluator");

        StreamsEventResponse response = handler.handleRequest(loadSample(), context);

        assertEquals(1, response.getBatchItemFailures().size());
        assertEquals(1, context.loggedErrors().size(), String.join("\n", context.logged()));
        JsonNode line = Json.MAPPER.readTree(context.loggedErrors().get(0));
        assertEquals("ERROR", line.get("level").asText());
        assertEquals("evaluation_failed", line.get("message").asText());
        assertEquals(context.getAwsRequestId(), line.get("function_request_id").asText());
        assertTrue(line.get("cold_start").isBoolean(), line.toString());
        assertEquals("coverage-evaluator", line.get("function_name").asText());
        assertEquals("CHU-IDF-01", line.get("facilityId").asText());
        assertEquals("HFNC-PED", line.get("deviceId").asText());
        assertTrue(line.get("error").get("name").asText().endsWith("ResourceNotFoundException"), line.toString());
        // the batch's summary is an INFO line of the same invocation, its counts as JSON numbers
        JsonNode summary = context.logged().stream().map(l -> {
            try {
                return Json.MAPPER.readTree(l);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).filter(l -> l.get("message").asText().equals("stream_batch_evaluated")).findFirst().orElseThrow();
        assertEquals("INFO", summary.get("level").asText());
        assertEquals(1, summary.get("failed").asInt());
        assertTrue(summary.get("records").isNumber(), summary.toString());
    }

    @Test
    void aModifyThatAddedNoDeviceOrARemoveIsIgnored() {
        World w = new World("eval-c");
        DynamodbEvent event = loadSample();
        event.getRecords().get(0).setEventName("REMOVE");
        // a poll item rewritten with the devices it held: nothing new to evaluate
        event.getRecords().get(1).setEventName("MODIFY");
        event.getRecords().get(1).getDynamodb().setOldImage(event.getRecords().get(1).getDynamodb().getNewImage());

        StreamsEventResponse response = w.handler().handleRequest(event, new TestLambdaContext("coverage-evaluator"));

        assertTrue(response.getBatchItemFailures().isEmpty());
        assertTrue(w.alertEvents().isEmpty());
    }

    /**
     * The alert event of an SNS envelope. The publisher sends one message per channel
     * (MessageStructure=json); real SNS gives an SQS subscriber the "default" one, fauxqs 2.4.1
     * passes the whole structure on, so both are read here.
     */
    static JsonNode alertOf(JsonNode envelope) throws Exception {
        JsonNode message = Json.MAPPER.readTree(envelope.get("Message").asText());
        return message.has("default") ? Json.MAPPER.readTree(message.get("default").asText()) : message;
    }

    static DynamodbEvent loadSample() {
        return EventLoader.loadDynamoDbEvent(ProjectRoot.find().resolve("events/snapshots-stream.json").toString());
    }

    /** Tables of its own, a topic with a queue subscribed, and the series' history before the sample. */
    final class World {
        final Tables.Names names;
        final String topicArn;
        final String queueUrl;

        World(String prefix) {
            names = new Tables.Names(prefix + "-snapshots", prefix + "-alerts", prefix + "-registry");
            Tables.createMissing(dynamo, names);
            topicArn = sns.createTopic(b -> b.name(prefix + "-alerts-" + UUID.randomUUID())).topicArn();
            queueUrl = sqs.createQueue(b -> b.queueName(prefix + "-inbox-" + UUID.randomUUID())).queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));

            DynamoWatchlist.put(dynamo, names.registry(), new WatchlistEntry("HFNC-PED", "Canule nasale haut debit pediatrique",
                    Set.of(Epidemic.BRONCHIOLITIS), "piece", "R0302", List.of(),
                    new SeasonWindow(MonthDay.of(10, 1), MonthDay.of(3, 31)), new Thresholds(21, 10), true));
            new DynamoFacilityDirectory(dynamo, names.registry()).put(new Facility("CHU-IDF-01", "CHU Paris Nord", "11", null));
            // two weeks of steady use at 20 a day, then the two snapshots of the sample (stored before the stream sees them)
            List<Snapshot> history = new ArrayList<>();
            Instant first = Instant.parse("2025-10-29T05:00:00Z");
            for (int day = 0; day < 14; day++) {
                history.add(new Snapshot("CHU-IDF-01", "HFNC-PED", first.plus(Duration.ofDays(day)), 340 - 20L * day, 20L, 0L, 0L, null));
            }
            DynamoSnapshotStore store = new DynamoSnapshotStore(dynamo, names.snapshots());
            for (DynamodbEvent.DynamodbStreamRecord r : loadSample().getRecords()) {
                history.addAll(DynamoSnapshotStore.readings(DynamodbAttributeValueTransformer.toAttributeValueMapV2(r.getDynamodb().getNewImage())));
            }
            store.storeNew(history);
        }

        SnapshotStreamHandler handler() {
            return new SnapshotStreamHandler(dynamo, sns, names.snapshots(), names.alerts(), names.registry(), topicArn,
                    Clock.systemUTC(), RetrySchedule.DEFAULT, new ReminderRule(0));
        }

        List<Map<String, AttributeValue>> alertEvents() {
            return dynamo.scanPaginator(b -> b.tableName(names.alerts())).items().stream()
                    .filter(i -> i.get("sk").s().startsWith("EVENT#")).toList();
        }

        List<Message> received() {
            List<Message> all = new ArrayList<>();
            while (true) {
                List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
                if (got.isEmpty()) {
                    return all;
                }
                all.addAll(got);
                got.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
            }
        }
    }
}
