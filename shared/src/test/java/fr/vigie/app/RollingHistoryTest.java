package fr.vigie.app;

import fr.vigie.adapter.memory.MemoryAlertStore;
import fr.vigie.adapter.memory.MemoryOutbox;
import fr.vigie.adapter.memory.MemorySnapshotStore;
import fr.vigie.domain.RollingCloses;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.forecast.DailyCloses;
import fr.vigie.domain.forecast.SeriesEvaluator;
import fr.vigie.port.AlertStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 18: the series' history rebuilt from its rolling state is the window's daily closes, the state written once a day. */
class RollingHistoryTest {

    private static final Instant START = Instant.parse("2025-11-03T00:30:00Z");

    @Test
    void aSeriesReportedDailyIsClosedWeekly() {
        MemorySnapshotStore snapshots = new MemorySnapshotStore();
        List<Snapshot> all = new ArrayList<>();
        for (int day = 0; day < 30; day++) {
            all.add(new Snapshot("CHU-IDF-01", "FFP2", START.plus(Duration.ofDays(day)), 500 - day, 1L, null, 0L, null));
        }
        snapshots.store(all);
        Map<SeriesKey, Integer> saves = new HashMap<>();
        AlertStore states = new Counting(new MemoryAlertStore(new MemoryOutbox()), saves);
        RollingHistory history = new RollingHistory(snapshots, states);
        for (Snapshot s : all) {
            assertEquals(DailyCloses.of(snapshots.history(s.series(), s.timestamp(), SeriesEvaluator.HISTORY_DAYS),
                    SeriesEvaluator.zoneOf(s.facilityId())), history.of(s, states.series(s.series()).closes()));
        }
        // the first evaluation, then on days 7, 14, 21 and 28
        assertEquals(Map.of(new SeriesKey("CHU-IDF-01", "FFP2"), 5), saves);
    }

    @Test
    void hourlyPollsGiveTheWindowsDailyClosesAndTheStateIsWrittenOncePerDayAndSeries() {
        MemorySnapshotStore snapshots = new MemorySnapshotStore();
        List<Snapshot> all = new ArrayList<>();
        for (int hour = 0; hour < 24 * 5; hour++) {
            for (String device : List.of("FFP2", "HFNC-PED")) {
                long received = hour % 24 == 9 ? 100 : 0;
                all.add(new Snapshot("CHU-IDF-01", device, START.plus(Duration.ofHours(hour)), 500 - hour + received, 1L,
                        hour % 24 == 9 ? received : null, 0L, null));
            }
        }
        snapshots.store(all);
        Map<SeriesKey, Integer> saves = new HashMap<>();
        AlertStore states = new Counting(new MemoryAlertStore(new MemoryOutbox()), saves);
        RollingHistory history = new RollingHistory(snapshots, states);
        for (Snapshot s : all) {
            List<Snapshot> rebuilt = history.of(s, states.series(s.series()).closes());
            List<Snapshot> window = snapshots.history(s.series(), s.timestamp(), SeriesEvaluator.HISTORY_DAYS);
            assertEquals(DailyCloses.of(window, SeriesEvaluator.zoneOf(s.facilityId())), rebuilt, "at " + s.timestamp());
        }
        // 120 hours from 01:30 Paris time on 3 November touch 6 local days: the first evaluation of each series, then
        // at the first poll of a day once a day of hourly polls waits to be closed (the first day has 23: closed with
        // the second), so on 5 November and each day after — not once per poll (120)
        assertEquals(Map.of(new SeriesKey("CHU-IDF-01", "FFP2"), 5, new SeriesKey("CHU-IDF-01", "HFNC-PED"), 5), saves);
    }

    @Test
    void aRowOlderThanTheStatesLastCloseIsReadInItsOwnWindowAndFoldedIntoTheState() {
        MemorySnapshotStore snapshots = new MemorySnapshotStore();
        MemoryAlertStore states = new MemoryAlertStore(new MemoryOutbox());
        RollingHistory history = new RollingHistory(snapshots, states);
        List<Snapshot> all = new ArrayList<>();
        for (int hour = 0; hour < 24 * 6; hour++) {
            all.add(new Snapshot("CH-1", "FFP2", START.plus(Duration.ofHours(hour)), 900 - hour * 2L, 2L, null, 0L, null));
        }
        // the polls of the second day, 05:00 to 07:00 in Paris (the morning poll among them), come two days late
        List<Snapshot> late = all.subList(24 + 3, 24 + 6);
        List<Snapshot> inTime = new ArrayList<>(all);
        inTime.removeAll(late);
        for (int i = 0; i < inTime.size(); i++) {
            Snapshot s = inTime.get(i);
            snapshots.store(List.of(s));
            history.of(s, states.series(s.series()).closes());
            if (s.equals(all.get(24 * 4))) {
                for (Snapshot l : late) {
                    snapshots.store(List.of(l));
                    assertEquals(DailyCloses.of(snapshots.history(l.series(), l.timestamp(), SeriesEvaluator.HISTORY_DAYS),
                            SeriesEvaluator.zoneOf("CH-1")), history.of(l, states.series(l.series()).closes()), "late " + l.timestamp());
                }
            }
        }
        Snapshot last = all.get(all.size() - 1);
        assertEquals(DailyCloses.of(snapshots.history(last.series(), last.timestamp(), SeriesEvaluator.HISTORY_DAYS),
                SeriesEvaluator.zoneOf("CH-1")), history.of(last, states.series(last.series()).closes()),
                "the late polls' day is in the state as if they had come in time");
    }

    /** An alert store that counts the closes it is asked to save, per series. */
    private record Counting(MemoryAlertStore store, Map<SeriesKey, Integer> saves) implements AlertStore {
        @Override
        public fr.vigie.domain.forecast.AlertState state(SeriesKey series) {
            return store.state(series);
        }

        @Override
        public SeriesState series(SeriesKey series) {
            return store.series(series);
        }

        @Override
        public void saveCloses(SeriesKey series, RollingCloses closes) {
            saves.merge(series, 1, Integer::sum);
            store.saveCloses(series, closes);
        }

        @Override
        public void saveState(SeriesKey series, fr.vigie.domain.forecast.AlertState state) {
            store.saveState(series, state);
        }

        @Override
        public boolean recordTransition(fr.vigie.domain.AlertEvent event, fr.vigie.domain.forecast.AlertState state) {
            return store.recordTransition(event, state);
        }
    }
}
