package fr.vigie.fn.evaluator;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.DynamoReportingLog;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.feed.Json;
import fr.vigie.app.SilenceWatch;
import fr.vigie.app.SnapshotIngestion;
import fr.vigie.app.StockPolling;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.Facility;
import fr.vigie.domain.Reason;
import fr.vigie.domain.ReminderRule;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.StockSourceConfig;
import fr.vigie.domain.forecast.AlertState;
import fr.vigie.domain.silence.SilencePolicy;
import fr.vigie.port.Watchlist;
import fr.vigie.testkit.DynamoDbLocalServer;
import fr.vigie.testkit.Fauxqs;
import fr.vigie.testkit.TestLambdaContext;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hourly silence check through the real handler, against DynamoDB Local and the fauxqs SNS with a
 * queue subscribed to the alert topic: a daily sender whose polls then fail is announced silent once
 * (a retried run and later runs send nothing more), its open alert stays open and is reminded saying
 * since when nothing came, and the stream's next snapshots close the silence.
 */
class SilenceCheckHandlerTest {

    private static final Instant LAST = Instant.parse("2025-11-08T05:00:00Z");

    private final DynamoDbClient dynamo = DynamoDbLocalServer.get().client();

    @Test
    void aFacilityWhosePollsFailIsAnnouncedSilentOnceThenClosedByItsNextSnapshots() throws Exception {
        SnapshotStreamHandlerTest.World w = new SnapshotStreamHandlerTest().new World("silence-a");
        Watchlist watchlist = DynamoWatchlist.load(dynamo, w.names.registry());
        // eleven days of daily reports feed the facility's rhythm, as the coverage-evaluator does
        List<Snapshot> daily = new ArrayList<>();
        for (Instant at = LAST.minus(Duration.ofDays(10)); !at.isAfter(LAST); at = at.plus(Duration.ofDays(1))) {
            daily.add(new Snapshot("CHU-IDF-01", "HFNC-PED", at, 200, 20L, 0L, 0L, null));
        }
        new SilenceWatch(new DynamoReportingLog(dynamo, w.names.alerts()), watchlist, SilencePolicy.DEFAULT).observe(daily);
        // a WARNING open since 5 November, which the silence must not close
        Instant opened = Instant.parse("2025-11-05T05:00:00Z");
        new DynamoAlertStore(dynamo, w.names.alerts()).recordTransition(new AlertEvent(AlertEvent.alertId("CHU-IDF-01", "HFNC-PED", opened),
                        "CHU-IDF-01", "HFNC-PED", AlertLevel.WARNING, null, opened, 12.0, LocalDate.of(2025, 11, 17), 240, 20,
                        List.of(Reason.COVERAGE_BELOW_WARNING)), new AlertState(AlertLevel.WARNING, AlertLevel.NONE, 0, opened));

        // then its source fails: the poll stores nothing, which is silence
        StockPolling polling = new StockPolling((facility, known) -> {
            throw new IOException("connect timed out");
        }, watchlist, new SnapshotIngestion(new DynamoSnapshotStore(dynamo, w.names.snapshots())), 1);
        StockPolling.PollReport poll = polling.poll(List.of(new Facility("CHU-IDF-01", "CHU Paris Nord", "11",
                new StockSourceConfig(StockSourceConfig.HTTP_JSON, "https://stock.example/chu-idf-01", 1000, null))), s -> { });
        assertEquals(1, poll.failures().size());
        assertEquals(0, poll.stored());

        SilenceCheckHandler handler = new SilenceCheckHandler(dynamo, Fauxqs.get().sns(), w.names.alerts(), w.names.registry(),
                w.topicArn, SilencePolicy.DEFAULT, new ReminderRule(1), Clock.systemUTC());
        assertEquals(0, handler.handleRequest(at(LAST.plus(Duration.ofHours(36))), new TestLambdaContext("silence")).sent().sent(),
                "36 hours is a daily sender's grace");
        assertTrue(w.received().isEmpty());

        ScheduledEvent due = at(LAST.plus(Duration.ofHours(37)));
        SilenceCheckHandler.Summary run = handler.handleRequest(due, new TestLambdaContext("silence"));
        assertEquals(1, run.sent().sent());
        assertEquals(1, run.reminded(), "the open alert of the silent series is reminded, still open");
        List<Message> messages = w.received();
        assertEquals(2, messages.size());
        JsonNode reminder = null;
        JsonNode envelope = null;
        for (Message m : messages) {
            JsonNode e = Json.MAPPER.readTree(m.body());
            if ("REMINDER".equals(e.get("MessageAttributes").get("delivery").get("Value").asText())) {
                reminder = e;
            } else {
                envelope = e;
            }
        }
        assertTrue(reminder != null && envelope != null, messages.toString());
        JsonNode reminded = SnapshotStreamHandlerTest.alertOf(reminder);
        assertEquals("ALERT_REMINDER", reminded.get("type").asText());
        assertEquals("WARNING", reminded.get("level").asText());
        assertEquals(LAST.toString(), reminded.get("lastSeen").asText());
        assertTrue(reminder.get("Subject").asText().contains("dernière donnée le 08/11/2025"), reminder.get("Subject").asText());
        JsonNode event = SnapshotStreamHandlerTest.alertOf(envelope);
        assertEquals("STALE_DATA", event.get("type").asText());
        assertEquals("CHU-IDF-01", event.get("facilityId").asText());
        assertFalse(event.has("deviceId"), "the whole facility is silent: " + event);
        assertEquals("OPEN", event.get("status").asText());
        assertEquals(LAST.toString(), event.get("lastSeen").asText());
        assertEquals(LAST.plus(Duration.ofHours(37)).toString(), event.get("at").asText());
        JsonNode attributes = envelope.get("MessageAttributes");
        assertEquals("11", attributes.get("region").get("Value").asText(), "the region's operators' policies match it");
        assertEquals("CHU-IDF-01", attributes.get("facilityId").get("Value").asText());
        assertEquals("SINGLE", attributes.get("delivery").get("Value").asText());
        assertEquals("STALE_DATA", attributes.get("type").get("Value").asText());

        // EventBridge delivers the same run again, and the next hours' runs come: nothing more
        assertEquals(0, handler.handleRequest(due, new TestLambdaContext("silence")).sent().sent());
        assertEquals(0, handler.handleRequest(at(LAST.plus(Duration.ofHours(60))), new TestLambdaContext("silence")).sent().sent());
        assertTrue(w.received().isEmpty());
        assertEquals(1, new DynamoReportingLog(dynamo, w.names.alerts()).events("CHU-IDF-01").size());

        // data comes back through the stream (the sample's snapshots of 12 and 13 November): closed once
        assertTrue(w.handler().handleRequest(SnapshotStreamHandlerTest.loadSample(), new TestLambdaContext("coverage-evaluator"))
                .getBatchItemFailures().isEmpty());
        List<JsonNode> closed = new ArrayList<>();
        for (Message m : w.received()) {
            JsonNode e = SnapshotStreamHandlerTest.alertOf(Json.MAPPER.readTree(m.body()));
            if ("STALE_DATA".equals(e.path("type").asText())) {
                closed.add(e);
            }
        }
        assertEquals(1, closed.size(), closed.toString());
        assertEquals("CLOSED", closed.get(0).get("status").asText());
        assertEquals("2025-11-12T05:00:00Z", closed.get(0).get("at").asText());
        assertEquals(2, new DynamoReportingLog(dynamo, w.names.alerts()).events("CHU-IDF-01").size());
    }

    private static ScheduledEvent at(Instant time) {
        return new ScheduledEvent().withTime(new DateTime(time.toEpochMilli(), DateTimeZone.UTC));
    }
}
