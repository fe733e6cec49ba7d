package fr.vigie.domain.forecast;

import fr.vigie.app.HourlyFeed;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.DisruptionKind;
import fr.vigie.domain.Reason;
import fr.vigie.domain.Snapshot;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Behaviour of the projection and the levels on small hand-made series (warning 14 days, critical 7). */
class SeriesEvaluatorTest {

    private static final String FACILITY = "CH-TEST-01";
    private static final String DEVICE = "NEB-MASK-PED";

    @Test
    void steadyUseWithWeeklyReordersRaisesNoAlertAndWritesNoState() {
        SimulatedHospital hospital = new SimulatedHospital(day -> 20);
        Replay replay = Replay.of(hospital.run(FACILITY, DEVICE, 150));

        assertTrue(hospital.stockouts.isEmpty());
        assertTrue(replay.events.isEmpty(), () -> "cried wolf: " + replay.events);
        assertEquals(0, replay.stateChanges, "a calm series must not rewrite its alert state");
        assertTrue(replay.last().coverageDays() > 30, "the routine reorders keep the stock going");
    }

    @Test
    void risingWaveUnderRationingOpensAWeekBeforeTheStockout() {
        SimulatedHospital hospital = new SimulatedHospital(day -> 10 * Math.exp(0.04 * Math.min(day, 60)))
                .rationFrom(40, 0.2);
        Replay replay = Replay.of(hospital.run(FACILITY, DEVICE, 110));

        int stockout = hospital.stockouts.get(0);
        int opened = replay.firstDay(AlertLevel.WARNING);
        assertTrue(opened >= 0 && opened <= stockout - 7, "opened on day " + opened + ", stock-out on day " + stockout);
        for (int day = opened; day < stockout; day++) {
            assertTrue(replay.openOn(day), "alert closed on day " + day + " before the stock-out");
        }
        assertTrue(replay.events.get(0).reasons().contains(Reason.SHORT_DELIVERY));
    }

    @Test
    void fallingWaveRecoversOnceDeliveriesAreBack() {
        SimulatedHospital hospital = new SimulatedHospital(day -> 10 + 30 * Math.exp(-Math.pow((day - 60) / 20.0, 2)))
                .delayFrom(45, 14);
        Replay replay = Replay.of(hospital.run(FACILITY, DEVICE, 140));

        int stockout = hospital.stockouts.get(0);
        assertTrue(replay.openOn(stockout - 7), "not open a week before the stock-out on day " + stockout);
        int recovered = replay.firstDay(AlertLevel.RECOVERED);
        assertTrue(recovered > hospital.stockouts.get(hospital.stockouts.size() - 1), "recovered during the stock-out");
        assertFalse(replay.openOn(139), "still open at the end of the wave");
        assertEquals(AlertLevel.RECOVERED, replay.events.get(replay.events.size() - 1).level());
    }

    @Test
    void deliveryDueIsCounted() {
        List<Snapshot> history = steady(20, 10, 150);
        history.add(snapshot(10, 130, 20, 0, 600L, day(11)));

        Assessment a = Replay.of(history).last();
        assertTrue(a.coverageDays() > 14, "the delivery due tomorrow must count: " + a.coverageDays());
        assertFalse(a.signals().contains(Reason.DELIVERY_OVERDUE));
    }

    @Test
    void overdueDeliveryStopsCountingAndOpensAtOnce() {
        List<Snapshot> history = new ArrayList<>();
        for (int d = 0; d <= 9; d++) { // 600 promised for day 8 never come
            history.add(snapshot(d, 440 - 20L * d, 20, 0, 600L, day(8)));
        }

        Replay replay = Replay.of(history);
        Assessment a = replay.last();
        assertTrue(a.signals().contains(Reason.DELIVERY_OVERDUE));
        assertTrue(a.coverageDays() < 260 / 20.0 + 1, "an overdue delivery must not count: " + a.coverageDays());
        assertEquals(DisruptionKind.DELAY, a.signal().kind());
        assertEquals(1, a.signal().delayDays());
        assertEquals(1, replay.events.size(), () -> "calm while the delivery was due: " + replay.events);
        AlertEvent opened = replay.events.get(0);
        assertEquals(SimulatedHospital.at(9), opened.at(), "a failing supplier needs no second snapshot to confirm");
        assertEquals(AlertLevel.WARNING, opened.level());
        assertTrue(opened.reasons().containsAll(List.of(Reason.COVERAGE_BELOW_WARNING, Reason.DELIVERY_OVERDUE)));
    }

    @Test
    void shortDeliveryIsSignalled() {
        List<Snapshot> history = steady(20, 10, 400);
        history.add(snapshot(10, 380, 20, 0, 600L, day(12)));
        history.add(snapshot(11, 360, 20, 0, 600L, day(12)));
        // 200 of the 600 arrive and nothing stays on order: the rest was cut
        history.add(snapshot(12, 540, 20, 200, 0L, null));

        Assessment a = Replay.of(history).last();
        assertTrue(a.signals().contains(Reason.SHORT_DELIVERY));
        assertEquals(DisruptionKind.ALLOCATION, a.signal().kind());
        assertEquals(1 / 3.0, a.signal().deliveredFraction(), 0.01);
    }

    @Test
    void gapOfSeveralDaysSpreadsItsUseOverTheDays() {
        List<Snapshot> daily = steady(20, 20, 2000);
        List<Snapshot> gapped = new ArrayList<>(daily.subList(0, 15));
        // days 15 to 17 missed: the row of day 18 reports their use with its own
        gapped.add(snapshot(18, daily.get(18).onHand(), 80, 0, 0L, null));
        gapped.add(daily.get(19));

        double withGap = Replay.of(gapped).last().dailyUseForecast();
        double without = Replay.of(daily).last().dailyUseForecast();
        assertEquals(without, withGap, without * 0.05);
        assertEquals(20, withGap, 1.0);
    }

    @Test
    void writeOffAndUpwardCountAreNotUse() {
        // consumed left empty: use is read from the shelf, 40 a day; day 10 a count finds 100 more,
        // day 20 a write-off of 150 (field case inventory-correction)
        List<Snapshot> corrected = new ArrayList<>();
        List<Snapshot> control = new ArrayList<>();
        for (int d = 0; d < 30; d++) {
            long onHand = 1400 - 40L * d;
            corrected.add(counted(d, onHand + (d >= 10 ? 100 : 0) - (d >= 20 ? 150 : 0)));
            control.add(counted(d, onHand));
        }

        for (int d = 11; d < 30; d++) {
            double seen = Replay.of(corrected.subList(0, d + 1)).last().dailyUseForecast();
            assertEquals(40, seen, 0.5, "day " + d + ": a correction read as use");
        }
        assertEquals(control.get(29).onHand() - 50, Replay.of(corrected).last().onHand(), "the stock itself went down");
    }

    @Test
    void hourlyPollingRaisesTheDailyAlertsOnTheSameDays() {
        for (SimulatedHospital hospital : List.of(
                new SimulatedHospital(day -> 10 * Math.exp(0.04 * Math.min(day, 60))).rationFrom(40, 0.2),
                new SimulatedHospital(day -> 10 + 30 * Math.exp(-Math.pow((day - 60) / 20.0, 2))).delayFrom(45, 14),
                new SimulatedHospital(day -> 20).delayFrom(40, 15))) {
            List<Snapshot> daily = hospital.run(FACILITY, DEVICE, 120);
            List<AlertEvent> byDay = Replay.of(daily).events;
            List<AlertEvent> byHour = Replay.of(HourlyFeed.resample(daily)).events;

            assertFalse(byDay.isEmpty());
            for (int day = 1; day < 119; day++) {
                AlertLevel level = levelAt(byDay, day);
                int d = day;
                assertTrue(level == levelAt(byHour, day - 1) || level == levelAt(byHour, day) || level == levelAt(byHour, day + 1),
                        () -> "day " + d + ": " + level + " by day, not within a day by hour\n" + byDay + "\n" + byHour);
            }
        }
    }

    /** The level open at the end of {@code day} of a simulation, NONE when none is. */
    private static AlertLevel levelAt(List<AlertEvent> events, int day) {
        AlertLevel level = AlertLevel.NONE;
        for (AlertEvent e : events) {
            if (e.at().isBefore(SimulatedHospital.at(day + 1))) {
                level = e.level().isOpen() ? e.level() : AlertLevel.NONE;
            }
        }
        return level;
    }

    @Test
    void repeatedEvaluationOfTheSameSnapshotSendsNothingTwice() {
        SimulatedHospital hospital = new SimulatedHospital(day -> 20).delayFrom(40, 15);
        List<Snapshot> series = hospital.run(FACILITY, DEVICE, 60);
        Replay replay = Replay.of(series);
        assertFalse(replay.events.isEmpty());

        Evaluation again = new SeriesEvaluator().evaluate(Replay.ENTRY, series.subList(series.size() - 50, series.size()),
                replay.state, SupplyOutlook.NORMAL);
        assertTrue(again.event().isEmpty());
        assertEquals(replay.state, again.state());
    }

    @Test
    void noHistoryYetRaisesNothing() {
        Replay replay = Replay.of(List.of(snapshot(0, 500, 20, 0, 0L, null)));

        assertTrue(replay.events.isEmpty());
        assertEquals(AlertState.CALM, replay.state);
        assertTrue(replay.last().coverageDays() > 0);
    }

    @Test
    void zeroUseNeverRunsOut() {
        Replay replay = Replay.of(steady(0, 20, 50));

        assertTrue(replay.events.isEmpty());
        assertNull(replay.last().projectedStockout());
        assertEquals(0, replay.last().dailyUseForecast());
    }

    @Test
    void stockOutIsCriticalAndNamed() {
        List<Snapshot> history = steady(20, 13, 240);

        Replay replay = Replay.of(history);
        AlertEvent last = replay.events.get(replay.events.size() - 1);
        assertEquals(AlertLevel.CRITICAL, last.level());
        assertTrue(replay.last().signals().contains(Reason.STOCK_OUT));
        assertEquals(0, replay.last().coverageDays(), 0.01);
        assertNotNull(replay.last().projectedStockout());
        assertEquals(AlertEvent.alertId(FACILITY, DEVICE, last.at()), last.alertId());
    }

    /** {@code days} days of steady use from on hand {@code start}, nothing on order. */
    private static List<Snapshot> steady(long use, int days, long start) {
        List<Snapshot> out = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            out.add(snapshot(d, Math.max(0, start - use * d), use, 0, 0L, null));
        }
        return out;
    }

    private static Snapshot snapshot(int day, long onHand, long consumed, long received, Long onOrder, LocalDate expected) {
        return new Snapshot(FACILITY, DEVICE, SimulatedHospital.at(day), onHand, consumed, received, onOrder, expected);
    }

    /** A row that gives the stock counted and leaves {@code consumed} empty. */
    private static Snapshot counted(int day, long onHand) {
        return new Snapshot(FACILITY, DEVICE, SimulatedHospital.at(day), onHand, null, 0L, null, null);
    }

    private static LocalDate day(int day) {
        return SimulatedHospital.START.plusDays(day);
    }
}
