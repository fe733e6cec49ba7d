package fr.vigie.fn.poller;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.Facility;
import fr.vigie.domain.SeasonWindow;
import fr.vigie.domain.StockSourceConfig;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.testkit.DynamoDbLocalServer;
import fr.vigie.testkit.Fauxqs;
import fr.vigie.testkit.ProjectRoot;
import fr.vigie.testkit.TestLambdaContext;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Clock;
import java.time.Instant;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scheduled fan-out on the events/ schedule sample, against DynamoDB Local and the fauxqs SQS. */
class PollScheduleHandlerTest {

    private static final Tables.Names NAMES = new Tables.Names("polls-snapshots", "polls-alerts", "polls-registry");
    private static DynamoDbClient dynamo;
    private static SqsClient sqs;
    private static final Set<String> POLLED = new HashSet<>();

    @BeforeAll
    static void setUp() {
        dynamo = DynamoDbLocalServer.get().client();
        sqs = Fauxqs.get().sqs();
        Tables.createMissing(dynamo, NAMES);
        DynamoFacilityDirectory directory = new DynamoFacilityDirectory(dynamo, NAMES.registry());
        for (int i = 1; i <= 45; i++) {
            String id = String.format("CH-TEST-%03d", i);
            directory.put(new Facility(id, "CH " + i, "11",
                    new StockSourceConfig(StockSourceConfig.HTTP_JSON, "https://stock.example.org/" + id, 5_000, null)));
            POLLED.add(id);
        }
        directory.put(new Facility("CH-PUSH-ONLY", "CH qui envoie ses rapports", "53", null));
        DynamoWatchlist.put(dynamo, NAMES.registry(), new WatchlistEntry("HFNC-PED", "Canule", Set.of(Epidemic.BRONCHIOLITIS),
                "piece", null, List.of(), new SeasonWindow(MonthDay.of(10, 1), MonthDay.of(3, 31)), new Thresholds(21, 10), true));
    }

    @Test
    void inSeasonEveryPolledFacilityIsSentOnceInGroups() {
        String queue = sqs.createQueue(b -> b.queueName("poll-in-season")).queueUrl();
        ScheduledEvent event = EventLoader.loadScheduledEvent(ProjectRoot.find().resolve("events/poll-schedule.json").toString());

        PollFanOut.Summary summary = handler(queue).handleRequest(event, new TestLambdaContext("stock-poller"));

        assertTrue(summary.inSeason());
        assertEquals(45, summary.facilities());
        assertEquals(3, summary.messages());
        List<String> sent = new ArrayList<>();
        for (Message m : drain(queue)) {
            PollRequest request = Json.read(m.body(), PollRequest.class);
            assertEquals("2025-11-02T05:00:00Z", request.pollId());
            assertTrue(request.facilityIds().size() <= PollFanOut.FACILITIES_PER_MESSAGE);
            sent.addAll(request.facilityIds());
        }
        assertEquals(45, sent.size(), "each facility once");
        assertEquals(POLLED, Set.copyOf(sent));
        assertFalse(sent.contains("CH-PUSH-ONLY"), "a facility without a stock source is not polled");
    }

    @Test
    void outOfSeasonNothingIsSent() {
        String queue = sqs.createQueue(b -> b.queueName("poll-off-season")).queueUrl();
        ScheduledEvent event = EventLoader.loadScheduledEvent(ProjectRoot.find().resolve("events/poll-schedule.json").toString());

        event.setTime(new DateTime(Instant.parse("2025-06-15T05:00:00Z").toEpochMilli(), DateTimeZone.UTC));

        PollFanOut.Summary summary = handler(queue).handleRequest(event, new TestLambdaContext("stock-poller"));

        assertFalse(summary.inSeason());
        assertTrue(drain(queue).isEmpty());
    }

    /** The clock is only a fallback: the sample's scheduled time (2 November 2025) decides. */
    private static PollScheduleHandler handler(String queue) {
        return new PollScheduleHandler(dynamo, sqs, NAMES.registry(), queue, Clock.fixed(Instant.parse("2030-07-01T00:00:00Z"), ZoneOffset.UTC));
    }

    private static List<Message> drain(String queue) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (got.isEmpty()) {
                return all;
            }
            all.addAll(got);
            got.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(queue).receiptHandle(m.receiptHandle())));
        }
    }
}
