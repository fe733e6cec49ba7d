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
    void aRowOlderThanTheStatesLastCloseIsReadInItsOwnWindowAndLeavesTheStateAlone() {
        MemorySnapshotStore snapshots = new MemorySnapshotStore();
        MemoryAlertStore states = new MemoryAlertStore(new MemoryOutbox());
        RollingHistory history = new RollingHistory(snapshots, states);
        Snapshot first = new Snapshot("CH-1", "FFP2", START, 500, 1L, null, 0L, null);
        Snapshot third = new Snapshot("CH-1", "FFP2", START.plus(Duration.ofDays(2)), 498, 1L, null, 0L, null);
        Snapshot late = new Snapshot("CH-1", "FFP2", START.plus(Duration.ofDays(1)), 499, 1L, null, 0L, null);
        snapshots.store(List.of(first, third));
        history.of(third, states.series(third.series()).closes());
        RollingCloses saved = states.series(third.series()).closes();
        snapshots.store(List.of(late));
        assertEquals(List.of(first, late), history.of(late, saved));
        assertEquals(saved, states.series(late.series()).closes());
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
