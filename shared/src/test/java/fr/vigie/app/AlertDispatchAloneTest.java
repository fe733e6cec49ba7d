package fr.vigie.app;

import fr.vigie.adapter.dynamodb.DynamoAlertOutbox;
import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.adapter.memory.MemoryWatchlist;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.SeasonWindow;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.OutgoingEvent;
import fr.vigie.domain.Reason;
import fr.vigie.domain.RetrySchedule;
import fr.vigie.domain.forecast.AlertState;
import fr.vigie.port.AlertChannels;
import fr.vigie.port.AlertOutbox;
import fr.vigie.port.AlertChannels.Notice;
import fr.vigie.testkit.DynamoDbLocalServer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Set;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link AlertDispatch#alone} (issue 18: the replay's outbox queries): on an outbox no other run uses, the
 * retry reads the pending index only when something can be pending, and still sends what a failed send left;
 * and a digest's alerts are marked emailed only when their own message fails (one write each, not two).
 */
class AlertDispatchAloneTest {

    private static final RetrySchedule NO_GRACE = new RetrySchedule(Duration.ZERO, Duration.ofMinutes(1), Duration.ofHours(1));
    private static final Instant T0 = Instant.parse("2025-11-02T05:00:00Z");

    /** The outbox on DynamoDB Local, its reads of the pending events counted. */
    private static final class CountedOutbox implements AlertOutbox {
        final AlertOutbox outbox;
        int reads;
        int emailMarks;

        CountedOutbox(AlertOutbox outbox) {
            this.outbox = outbox;
        }

        @Override
        public List<Pending> pending() {
            reads++;
            return outbox.pending();
        }

        @Override
        public boolean claim(Pending pending, Instant until, boolean attempt) {
            return outbox.claim(pending, until, attempt);
        }

        @Override
        public void markEmailed(AlertEvent event) {
            emailMarks++;
            outbox.markEmailed(event);
        }

        @Override
        public void markPublished(OutgoingEvent event) {
            outbox.markPublished(event);
        }
    }

    /** Fresh tables of their own on DynamoDB Local, named {@code prefix-…}. */
    private record Fixture(DynamoDbClient dynamo, String alerts) {
        Fixture(String prefix) {
            this(DynamoDbLocalServer.get().client(), prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
        }

        Fixture {
            Tables.createMissing(dynamo, new Tables.Names(alerts + "-s", alerts + "-a", alerts + "-r"));
            alerts = alerts + "-a";
        }

        DynamoAlertStore store() {
            return new DynamoAlertStore(dynamo, alerts);
        }

        DynamoAlertOutbox outbox() {
            return new DynamoAlertOutbox(dynamo, alerts);
        }
    }

    @Test
    void aloneTheRetryReadsTheOutboxOnlyWhenSomethingCanBePendingAndSendsWhatAFailedSendLeft() {
        Fixture fixture = new Fixture("alone");
        DynamoAlertStore store = fixture.store();
        CountedOutbox outbox = new CountedOutbox(fixture.outbox());
        List<AlertEvent> sent = new ArrayList<>();
        boolean[] down = {false};
        AlertChannels channels = AlertChannels.eventsOnly(e -> {
            if (down[0]) {
                throw new IllegalStateException("channel down");
            }
            sent.add(e);
        }, d -> { }, n -> { }, s -> { });
        AlertDispatch dispatch = AlertDispatch.alone(outbox, channels, MemoryWatchlist.of(List.of(CoverageEvaluationTest.FFP2)), NO_GRACE);

        assertEquals(AlertDispatch.Report.NONE, dispatch.retryPending(T0));
        assertEquals(1, outbox.reads, "read once at the start: another run may have left events");
        dispatch.retryPending(T0);
        assertEquals(1, outbox.reads, "read empty, nothing failed since: not read again");

        AlertEvent first = record(store, "CH-1", T0);
        assertEquals(new AlertDispatch.Report(1, 0, 0, 0), dispatch.send(List.of(first)));
        dispatch.retryPending(T0);
        assertEquals(1, outbox.reads, "what was recorded went out: nothing can be pending");

        down[0] = true;
        AlertEvent second = record(store, "CH-2", T0.plusSeconds(3600));
        assertEquals(1, dispatch.send(List.of(second)).failed());
        down[0] = false;
        assertEquals(1, dispatch.retryPending(T0.plusSeconds(7200)).sent(), "the failed send is retried from the outbox");
        assertEquals(2, outbox.reads);
        assertEquals(List.of(first, second), sent);
        dispatch.retryPending(T0.plusSeconds(7200));
        assertEquals(3, outbox.reads, "read again after a retry that found events, then empty");
        dispatch.retryPending(T0.plusSeconds(7200));
        assertEquals(3, outbox.reads);
        assertEquals(List.of(), fixture.outbox().pending());
    }

    @Test
    void aDigestsAlertsAreMarkedEmailedOnlyWhenTheirOwnMessageFailsAndTheRetryDoesNotMailThemAgain() {
        Fixture fixture = new Fixture("digest");
        DynamoAlertStore store = fixture.store();
        CountedOutbox outbox = new CountedOutbox(fixture.outbox());
        List<List<AlertEvent>> digests = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        boolean[] down = {false};
        AlertChannels events = AlertChannels.eventsOnly(e -> { }, d -> { }, n -> { }, s -> { });
        AlertChannels channels = new AlertChannels() {
            @Override
            public void alert(Notice notice, boolean withEmail) {
                if (down[0]) {
                    throw new IllegalStateException("SMS topic down");
                }
                messages.add(notice.event().facilityId() + "/" + notice.event().deviceId() + (withEmail ? " +email" : ""));
            }

            @Override
            public void digest(List<Notice> notices) {
                digests.add(notices.stream().map(Notice::event).toList());
            }

            @Override
            public void reminder(Notice open, Instant now) {
                events.reminder(open, now);
            }

            @Override
            public void silentReminder(Notice open, Instant now, Instant lastSeen) {
                events.silentReminder(open, now, lastSeen);
            }

            @Override
            public void national(fr.vigie.domain.SupplyDisruptionEvent event) {
                events.national(event);
            }

            @Override
            public void staleData(fr.vigie.domain.StaleDataEvent event, fr.vigie.domain.WatchlistEntry device) {
                events.staleData(event, device);
            }

            @Override
            public void supplyNotice(fr.vigie.domain.notice.SupplyNoticeEvent event) {
                events.supplyNotice(event);
            }

            @Override
            public void facilityNotice(String facilityId, fr.vigie.domain.WatchlistEntry device, fr.vigie.domain.notice.MatchedNotice record) {
                events.facilityNotice(facilityId, device, record);
            }
        };
        AlertDispatch dispatch = AlertDispatch.alone(outbox, channels,
                MemoryWatchlist.of(List.of(CoverageEvaluationTest.FFP2, new WatchlistEntry("FFP2-B", "Masque FFP2 taille S",
                        Set.of(Epidemic.COVID), "piece", null, null, new SeasonWindow(MonthDay.of(9, 1), MonthDay.of(4, 30)), new Thresholds(14, 7), true))), NO_GRACE);

        // two alerts of one facility and level: one digest, each its own message, no email mark
        List<AlertEvent> sent = List.of(record(store, "CH-1", "FFP2", T0), record(store, "CH-1", "FFP2-B", T0));
        assertEquals(new AlertDispatch.Report(2, 1, 0, 0), dispatch.send(new ArrayList<OutgoingEvent>(sent)));
        assertEquals(0, outbox.emailMarks, "sent: published, not marked emailed as well");
        assertEquals(List.of(), outbox.pending());

        // the digest goes, the messages do not: each marked emailed, and the retry sends only the messages
        down[0] = true;
        List<AlertEvent> failing = List.of(record(store, "CH-2", "FFP2", T0.plusSeconds(3600)), record(store, "CH-2", "FFP2-B", T0.plusSeconds(3600)));
        assertEquals(2, dispatch.send(new ArrayList<OutgoingEvent>(failing)).failed());
        assertEquals(2, outbox.emailMarks);
        outbox.pending().forEach(p -> assertTrue(p.emailSent(), p.toString()));
        down[0] = false;
        assertEquals(new AlertDispatch.Report(2, 0, 0, 0), dispatch.retryPending(T0.plusSeconds(7200)));
        assertEquals(List.of(sent, failing), digests, "each pair mailed once");
        assertEquals(List.of("CH-1/FFP2", "CH-1/FFP2-B", "CH-2/FFP2", "CH-2/FFP2-B"), messages);
        assertEquals(List.of(), outbox.pending());
    }

    private static AlertEvent record(DynamoAlertStore store, String facility, Instant at) {
        return record(store, facility, "FFP2", at);
    }

    private static AlertEvent record(DynamoAlertStore store, String facility, String device, Instant at) {
        AlertEvent e = new AlertEvent(AlertEvent.alertId(facility, device, at), facility, device, AlertLevel.WARNING, null, at,
                9.5, LocalDate.of(2025, 11, 12), 95, 10, List.of(Reason.COVERAGE_BELOW_WARNING));
        store.recordTransition(e, new AlertState(AlertLevel.WARNING, AlertLevel.WARNING, 0, at));
        return e;
    }
}
