package fr.vigie.adapter.dynamodb;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.DisruptionKind;
import fr.vigie.domain.DisruptionStatus;
import fr.vigie.domain.Reason;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.SnapshotConflict;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.port.SnapshotStore;
import fr.vigie.domain.SupplierReference;
import fr.vigie.domain.notice.MatchedBy;
import fr.vigie.domain.notice.MatchedNotice;
import fr.vigie.domain.notice.NoticeRevision;
import fr.vigie.domain.notice.NoticeMatch;
import fr.vigie.domain.notice.NoticeStatus;
import fr.vigie.domain.notice.SupplyNotice;
import fr.vigie.port.NoticeStore;
import fr.vigie.domain.forecast.AlertState;
import fr.vigie.port.AlertOutbox;
import fr.vigie.port.AlertStore;
import fr.vigie.domain.RollingCloses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the DynamoDB stores promise, checked on a real engine (DynamoDB Local here, LocalStack where Docker runs). */
abstract class DynamoStoresContract {

    static final Instant T0 = Instant.parse("2025-11-01T05:00:00Z");

    abstract DynamoDbClient client();

    Tables.Names names;
    DynamoSnapshotStore snapshots;
    DynamoAlertStore alerts;

    @BeforeEach
    void freshTables() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        names = new Tables.Names("snap-" + suffix, "alerts-" + suffix, "registry-" + suffix);
        Tables.createMissing(client(), names);
        snapshots = new DynamoSnapshotStore(client(), names.snapshots());
        alerts = new DynamoAlertStore(client(), names.alerts());
    }

    static Snapshot snap(String facility, int day, long onHand) {
        return new Snapshot(facility, "HFNC-PED", T0.plus(Duration.ofDays(day)), onHand, 10L, null, 50L, LocalDate.of(2025, 11, 20));
    }

    @Test
    void aRepeatedSnapshotIsStoredOnceAndTheFirstIsKept() {
        List<Snapshot> first = snapshots.storeNew(List.of(snap("CH-1", 0, 100), snap("CH-1", 1, 90), snap("CH-1", 1, 90)));
        assertEquals(2, first.size());
        List<Snapshot> again = snapshots.storeNew(List.of(snap("CH-1", 1, 999), snap("CH-1", 2, 80)));
        assertEquals(List.of(snap("CH-1", 2, 80)), again);
        List<Snapshot> history = snapshots.history(new SeriesKey("CH-1", "HFNC-PED"), T0.plus(Duration.ofDays(10)), 30);
        assertEquals(List.of(snap("CH-1", 0, 100), snap("CH-1", 1, 90), snap("CH-1", 2, 80)), history);
    }

    @Test
    void anotherValueForAStoredKeyIsAConflictWithBothValuesAndOverwritesNothing() {
        snapshots.store(List.of(snap("CH-1", 1, 90)));
        SnapshotStore.Outcome again = snapshots.store(List.of(snap("CH-1", 1, 999), snap("CH-1", 1, 90), snap("CH-1", 2, 80)));
        assertEquals(List.of(snap("CH-1", 2, 80)), again.stored());
        assertEquals(List.of(new SnapshotConflict(snap("CH-1", 1, 90), snap("CH-1", 1, 999))), again.conflicts(),
                "the same value again is a duplicate, another value a conflict");
        assertEquals(List.of(snap("CH-1", 1, 90), snap("CH-1", 2, 80)),
                snapshots.history(new SeriesKey("CH-1", "HFNC-PED"), T0.plus(Duration.ofDays(10)), 30));
    }

    @Test
    void theSoleWriterOfALockedDatabaseStillAnswersConflictsAndDuplicates() {
        DynamoSnapshotStore sole = DynamoSnapshotStore.soleWriter(client(), names.snapshots());
        assertEquals(List.of(snap("CH-1", 1, 90)), sole.store(List.of(snap("CH-1", 1, 90), snap("CH-1", 1, 90))).stored());
        SnapshotStore.Outcome again = sole.store(List.of(snap("CH-1", 1, 91), snap("CH-1", 1, 90)));
        assertEquals(List.of(), again.stored());
        assertEquals(List.of(new SnapshotConflict(snap("CH-1", 1, 90), snap("CH-1", 1, 91))), again.conflicts());
    }

    /**
     * Two writers report each key at once with different stock (issue 17: with an unconditional batch
     * write both answered "stored" and the last write won for 51 keys of 60). Each key is now stored
     * by exactly one of them, the other is told of the conflict with the value that stayed.
     */
    @Test
    void twoWritersOfOneKeyAtOnceStoreItOnceAndTheOtherHearsOfTheConflict() throws Exception {
        int keys = 60;
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<Future<List<SnapshotStore.Outcome>>> runs = new ArrayList<>();
        for (long stock : new long[]{100, 200}) {
            DynamoSnapshotStore own = new DynamoSnapshotStore(client(), names.snapshots());
            runs.add(writers.submit(() -> {
                List<SnapshotStore.Outcome> outcomes = new ArrayList<>();
                for (int day = 0; day < keys; day++) {
                    together.await();
                    outcomes.add(own.store(List.of(snap("CH-9", day, stock + day))));
                }
                return outcomes;
            }));
        }
        List<SnapshotStore.Outcome> first = runs.get(0).get();
        List<SnapshotStore.Outcome> second = runs.get(1).get();
        writers.shutdown();
        List<Snapshot> kept = snapshots.history(new SeriesKey("CH-9", "HFNC-PED"), T0.plus(Duration.ofDays(keys)), keys + 1);
        assertEquals(keys, kept.size());
        long lostSilently = IntStream.range(0, keys)
                .filter(day -> first.get(day).stored().size() + second.get(day).stored().size() != 1).count();
        assertEquals(0, lostSilently, "keys of " + keys + " that both writers were told they stored");
        for (int day = 0; day < keys; day++) {
            boolean firstWon = !first.get(day).stored().isEmpty();
            SnapshotStore.Outcome winner = firstWon ? first.get(day) : second.get(day);
            SnapshotStore.Outcome loser = firstWon ? second.get(day) : first.get(day);
            assertEquals(winner.stored(), List.of(kept.get(day)), "day " + day + ": the value stored is the one answered stored");
            Snapshot refused = snap("CH-9", day, (firstWon ? 200 : 100) + day);
            assertEquals(List.of(new SnapshotConflict(kept.get(day), refused)), loser.conflicts(), "day " + day);
        }
    }

    @Test
    void anotherNoticeRecordUnderAStoredKeyRevisesItAndTheSameRecordIsARepeat() {
        DynamoNoticeStore notices = new DynamoNoticeStore(client(), names.registry());
        MatchedNotice first = notice(14);
        assertEquals(NoticeStore.Stored.NEW, notices.store(first, new NoticeStore.Author("test", "TEST", T0)));
        assertEquals(NoticeStore.Stored.REPEATED, notices.store(notice(14), new NoticeStore.Author("test", "TEST", T0.plusSeconds(60))));
        // the same day's revision: the latest publication is the notice's state (spec section 5)
        NoticeStore.Stored revised = notices.store(notice(60), new NoticeStore.Author("test", "TEST", T0.plusSeconds(120)));
        assertEquals(new NoticeStore.Stored(true, new NoticeRevision(first, notice(60))), revised);
        assertEquals(List.of(notice(60)), notices.published(LocalDate.MIN, LocalDate.MAX));
        assertEquals(NoticeStore.Stored.REPEATED, notices.store(notice(60), new NoticeStore.Author("test", "TEST", T0.plusSeconds(180))));
        // each version kept in the audit
        assertEquals(2, client().query(b -> b.tableName(names.registry()).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", Items.s(DynamoNoticeStore.AUDIT + "DM-2025-0142")))).count());
    }

    static MatchedNotice notice(int delayDays) {
        return new MatchedNotice(new SupplyNotice("DM-2025-0142", LocalDate.of(2025, 11, 3), NoticeStatus.RISK, DisruptionKind.DELAY,
                List.of(new SupplierReference("ACME", "OPT316", "09420012345678")), "R0302", null, LocalDate.of(2025, 12, 20),
                delayDays, null, null), new NoticeMatch(List.of("HFNC-PED"), MatchedBy.UDI_DI));
    }

    @Test
    void aSecondReportAtTheSameFacilityAndTimeWithOtherDevicesIsKeptBesideTheFirst() {
        Snapshot hfnc = snap("CH-5", 1, 90);
        Snapshot ffp2 = new Snapshot("CH-5", "FFP2", hfnc.timestamp(), 500, 20L, 0L, 0L, null);
        Snapshot ffp2Other = new Snapshot("CH-5", "FFP2", hfnc.timestamp(), 501, 20L, 0L, 0L, null);
        assertEquals(List.of(hfnc), snapshots.store(List.of(hfnc)).stored());
        SnapshotStore.Outcome second = snapshots.store(List.of(ffp2, hfnc));
        assertEquals(List.of(ffp2), second.stored());
        assertEquals(List.of(), second.conflicts());
        SnapshotStore.Outcome third = snapshots.store(List.of(ffp2Other));
        assertEquals(List.of(new SnapshotConflict(ffp2, ffp2Other)), third.conflicts());
        assertEquals(List.of(hfnc, ffp2), snapshots.readings("CH-5", hfnc.timestamp(), hfnc.timestamp()).stream()
                .sorted(java.util.Comparator.comparing(Snapshot::deviceId).reversed()).toList());
        assertEquals(List.of(ffp2), snapshots.history(new SeriesKey("CH-5", "FFP2"), hfnc.timestamp(), 1));
    }

    @Test
    void historyIsTheSeriesWindowInTimeOrderWhateverTheWritingOrder() {
        List<Snapshot> batch = new ArrayList<>();
        for (int day = 59; day >= 0; day--) {
            batch.add(snap("CH-2", day, 1000 - day));
        }
        batch.add(snap("CH-3", 5, 1));
        snapshots.storeNew(batch);
        List<Snapshot> window = snapshots.history(new SeriesKey("CH-2", "HFNC-PED"), T0.plus(Duration.ofDays(40)), 7);
        assertEquals(8, window.size(), "7 days back and the day itself, bounds included");
        assertEquals(T0.plus(Duration.ofDays(33)), window.get(0).timestamp());
        assertEquals(T0.plus(Duration.ofDays(40)), window.get(7).timestamp());
    }

    @Test
    void batchesLargerThanDynamoDbLimitsAreAllStored() {
        List<Snapshot> batch = new ArrayList<>();
        for (int day = 0; day < 260; day++) {
            batch.add(snap("CH-4", day, day));
        }
        assertEquals(260, snapshots.storeNew(batch).size());
        assertEquals(0, snapshots.storeNew(batch).size());
        assertEquals(260, snapshots.history(new SeriesKey("CH-4", "HFNC-PED"), T0.plus(Duration.ofDays(400)), 500).size());
    }

    @Test
    void anAlertTransitionIsRecordedOnceWithItsStateAndStaysPendingUntilPublished() {
        DynamoAlertOutbox outbox = new DynamoAlertOutbox(client(), names.alerts());
        SeriesKey series = new SeriesKey("CH-1", "HFNC-PED");
        AlertEvent event = new AlertEvent(AlertEvent.alertId("CH-1", "HFNC-PED", T0), "CH-1", "HFNC-PED", AlertLevel.WARNING,
                null, T0, 12.5, LocalDate.of(2025, 11, 13), 120, 9.6, List.of(Reason.COVERAGE_BELOW_WARNING));
        AlertState warning = new AlertState(AlertLevel.WARNING, AlertLevel.NONE, 0, T0);
        assertEquals(AlertState.CALM, alerts.state(series));
        assertTrue(alerts.recordTransition(event, warning));
        assertFalse(alerts.recordTransition(event, warning), "a retried delivery records nothing");
        assertEquals(warning, alerts.state(series));
        assertEquals(List.of(new AlertOutbox.Pending(event, false, 0, null)), outbox.pending());
        outbox.markPublished(event);
        assertEquals(List.of(), outbox.pending());
        assertEquals(List.of(event), alerts.events(series, "2025", "2026"));
    }

    @Test
    void theRollingClosesAndTheAlertStateShareOneItemAndNeitherOverwritesTheOther() {
        SeriesKey series = new SeriesKey("CH-1", "HFNC-PED");
        assertEquals(new AlertStore.SeriesState(AlertState.CALM, RollingCloses.NONE), alerts.series(series));
        Snapshot bare = new Snapshot("CH-1", "HFNC-PED", T0.plus(Duration.ofDays(1)), 80, null, null, null, null);
        RollingCloses closes = new RollingCloses(LocalDate.of(2025, 11, 3), List.of(snap("CH-1", 0, 90), bare));
        alerts.saveCloses(series, closes);
        AlertState seen = new AlertState(AlertLevel.NONE, AlertLevel.WARNING, 1, null, T0);
        alerts.saveState(series, seen);
        assertEquals(new AlertStore.SeriesState(seen, closes), alerts.series(series));
        AlertState warning = new AlertState(AlertLevel.WARNING, AlertLevel.NONE, 0, T0);
        assertTrue(alerts.recordTransition(new AlertEvent(AlertEvent.alertId("CH-1", "HFNC-PED", T0), "CH-1", "HFNC-PED",
                AlertLevel.WARNING, null, T0, 12.5, LocalDate.of(2025, 11, 13), 120, 9.6, List.of(Reason.COVERAGE_BELOW_WARNING)), warning));
        assertEquals(new AlertStore.SeriesState(warning, closes), alerts.series(series));
        assertEquals(1, alerts.openAlerts().size());
        RollingCloses later = new RollingCloses(LocalDate.of(2025, 11, 4), List.of(bare));
        alerts.saveCloses(series, later);
        alerts.saveState(series, AlertState.CALM);
        assertEquals(new AlertStore.SeriesState(AlertState.CALM, later), alerts.series(series));
        assertEquals(0, alerts.openAlerts().size(), "a calm state leaves the open index");
    }

    @Test
    void closesCutAtMidnightByTheVersionBeforeAreReadAsNone() {
        SeriesKey series = new SeriesKey("CH-1", "VENT-CIRCUIT");
        alerts.saveCloses(series, new RollingCloses(LocalDate.of(2025, 11, 3), List.of(snap("CH-1", 0, 90))));
        assertEquals(1, alerts.series(series).closes().closes().size());
        // the item as the version with midnight days wrote it: no "days" mark
        client().putItem(b -> b.tableName(names.alerts()).item(java.util.Map.of(
                Tables.PK, Items.s("FAC#CH-1#DEV#VENT-CIRCUIT"), Tables.SK, Items.s("STATE#CLOSES"),
                "closedBefore", Items.s("2025-11-03"), "closes", Items.s(T0.getEpochSecond() + ",90,,,,"))));
        assertEquals(RollingCloses.NONE, alerts.series(series).closes());
    }

    @Test
    void aNationalDisruptionIsRecordedOnceAndStaysPendingBesideTheAlertsUntilPublished() {
        DynamoDisruptionStore disruptions = new DynamoDisruptionStore(client(), names.alerts());
        DynamoAlertOutbox outbox = new DynamoAlertOutbox(client(), names.alerts());
        AlertEvent alert = new AlertEvent(AlertEvent.alertId("CH-1", "FFP2", T0), "CH-1", "FFP2", AlertLevel.WARNING,
                null, T0, 12.5, LocalDate.of(2025, 11, 13), 120, 9.6, List.of(Reason.COVERAGE_BELOW_WARNING));
        SupplyDisruptionEvent national = new SupplyDisruptionEvent("FFP2#" + T0, "FFP2", DisruptionStatus.OPEN, T0.plusSeconds(1), T0,
                List.of("CH-1", "CH-2", "CH-3"), DisruptionKind.DELAY, 6, null);
        assertTrue(alerts.recordTransition(alert, new AlertState(AlertLevel.WARNING, AlertLevel.NONE, 0, T0)));
        assertTrue(disruptions.recordEvent(national));
        assertFalse(disruptions.recordEvent(national), "a retried delivery records nothing");
        assertEquals(List.of(alert, national), outbox.pending().stream().map(AlertOutbox.Pending::event).toList());
        AlertOutbox.Pending pending = outbox.pending().get(1);
        assertTrue(outbox.claim(pending, T0.plusSeconds(60), true));
        assertFalse(outbox.claim(pending, T0.plusSeconds(60), true), "claimed once");
        outbox.markPublished(national);
        assertEquals(List.of(alert), outbox.pending().stream().map(AlertOutbox.Pending::event).toList());
        assertEquals(List.of(national), disruptions.events("FFP2", T0, T0.plusSeconds(60)));
    }

    @Test
    void anOpenAlertIsListedUntilItRecovers() {
        AlertEvent opened = new AlertEvent(AlertEvent.alertId("CH-9", "FFP2", T0), "CH-9", "FFP2", AlertLevel.CRITICAL,
                null, T0, 5.0, LocalDate.of(2025, 11, 6), 50, 10, List.of(Reason.COVERAGE_BELOW_CRITICAL));
        assertTrue(alerts.recordTransition(opened, new AlertState(AlertLevel.CRITICAL, AlertLevel.NONE, 0, T0)));
        assertEquals(List.of(new fr.vigie.domain.OpenAlert("CH-9", "FFP2", AlertLevel.CRITICAL, T0)), alerts.openAlerts());
        Instant later = T0.plus(Duration.ofDays(9));
        AlertEvent recovered = new AlertEvent(AlertEvent.alertId("CH-9", "FFP2", later), "CH-9", "FFP2", AlertLevel.RECOVERED,
                AlertLevel.CRITICAL, later, 30.0, null, 500, 10, List.of(Reason.COVERAGE_RESTORED));
        assertTrue(alerts.recordTransition(recovered, new AlertState(AlertLevel.NONE, AlertLevel.NONE, 0, later)));
        assertEquals(List.of(), alerts.openAlerts());
    }
}
