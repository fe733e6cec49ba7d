package fr.vigie.domain.forecast;

import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.Reason;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.Thresholds;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19, steep waves and after the peak, on hand-made hospitals (warning 14 days, critical 7): a
 * wave that doubles in a week, a wave turning, and a late delivery once use is falling.
 */
class SteepWaveTest {

    private static final String FACILITY = "CH-TEST-01";
    private static final String DEVICE = "NEB-MASK-PED";
    private static final int PEAK = 60;

    /** 20 a day, then from day 30 doubling every five days for 25 days, then level. */
    private static double steepRise(int day) {
        return 20 * Math.exp(Math.log(2) / 5 * Math.max(0, Math.min(day, 55) - 30));
    }

    /** 20 a day, a wave to 140 a day on day {@value #PEAK}, back within about three weeks each side. */
    private static double wave(int day) {
        return 20 + 120 * Math.exp(-Math.pow((day - PEAK) / 10.0, 2) / 2);
    }

    @Test
    void steepRiseOpensAWeekBeforeTheStockout() {
        SimulatedHospital hospital = new SimulatedHospital(SteepWaveTest::steepRise);
        Replay replay = Replay.of(hospital.run(FACILITY, DEVICE, 70));

        assertFalse(hospital.stockouts.isEmpty(), "the weekly orders must fall behind the wave");
        int stockout = hospital.stockouts.get(0);
        int opened = replay.firstDay(AlertLevel.WARNING);
        assertTrue(opened >= 0 && opened <= stockout - 7, "opened on day " + opened + ", stock-out on day " + stockout);
        for (int day = stockout - 7; day < stockout; day++) {
            assertTrue(replay.openOn(day), "alert closed on day " + day + " before the stock-out");
        }
    }

    /** Issue 19, fourth pass: a week of rise is a wave rising; a flat use and a turning wave are not. */
    @Test
    void aWeekOfRiseIsARisingWave() {
        List<Snapshot> steep = new SimulatedHospital(SteepWaveTest::steepRise).stock(100_000).run(FACILITY, DEVICE, 46);
        List<Snapshot> flat = new SimulatedHospital(SteepWaveTest::steepRise).stock(100_000).run(FACILITY, DEVICE, 29);
        List<Snapshot> turning = new SimulatedHospital(SteepWaveTest::wave).stock(10_000).run(FACILITY, DEVICE, PEAK + 12);

        assertTrue(UseForecast.fit(steep, ZoneOffset.UTC).rising(), "use doubling every five days for two weeks");
        assertFalse(UseForecast.fit(flat, ZoneOffset.UTC).rising(), "20 a day");
        UseForecast after = UseForecast.fit(turning, ZoneOffset.UTC);
        assertTrue(after.turned() && !after.rising(), "a week of fall");
        assertTrue(after.shelfDays(1000, CoverageProjection.HORIZON_DAYS) > 1000 / after.at(1),
                "a falling use makes the shelf last longer than at tomorrow's use");
    }

    /**
     * Issue 19, tenth pass: in a wave rising for a week, the trend is at least that week's rise per day
     * (the last week's mean less the week before's, over 7), where Holt's smoothed trend lagged it, and
     * the use expected in a week is above the last week's mean by a week of that rise; a flat use keeps
     * no trend. Read in a zone where the snapshots fall at midnight, each snapshot's use is one day's.
     */
    @Test
    void aRisingWaveKeepsUpWithItsWeeksRise() {
        ZoneOffset midnight = ZoneOffset.ofHours(-5);
        List<Snapshot> steep = new SimulatedHospital(SteepWaveTest::steepRise).stock(100_000).run(FACILITY, DEVICE, 46);
        UseForecast use = UseForecast.fit(steep, midnight);
        double lastWeek = weekMean(steep, 45);
        double weekRise = (lastWeek - weekMean(steep, 38)) / 7;

        assertTrue(use.rising());
        assertTrue(use.trend() >= weekRise - 1e-9, "trend " + use.trend() + " against the week's rise " + weekRise);
        assertTrue(use.at(7) >= lastWeek + 7 * weekRise, "in a week " + use.at(7) + ", last week " + lastWeek);
        List<Snapshot> flat = new SimulatedHospital(SteepWaveTest::steepRise).stock(100_000).run(FACILITY, DEVICE, 29);
        assertEquals(0, UseForecast.fit(flat, midnight).trend(), 1e-9);
    }

    /** The mean use of the 7 snapshots up to index {@code last}, each snapshot's use the day before it. */
    private static double weekMean(List<Snapshot> history, int last) {
        return history.subList(last - 6, last + 1).stream().mapToLong(Snapshot::consumed).average().orElseThrow();
    }

    @Test
    void turningWaveStopsProjectingThePeaksUse() {
        // the trailing week's mean peaks on day PEAK + 4 (the week centred on the peak) and has fallen every day of the week since
        int today = PEAK + 11;
        List<Snapshot> history = new SimulatedHospital(SteepWaveTest::wave).stock(10_000).run(FACILITY, DEVICE, today + 1);
        List<Snapshot> window = history.subList(history.size() - SeriesEvaluator.HISTORY_DAYS, history.size());
        UseForecast use = UseForecast.fit(window, ZoneOffset.UTC);

        double lastWeek = 0;
        for (int day = today - 7; day < today; day++) {
            lastWeek += wave(day) / 7;
        }
        assertTrue(use.at(1) < lastWeek, "tomorrow " + use.at(1) + " at the week just gone " + lastWeek);
        assertTrue(use.at(14) < wave(today), "two weeks ahead " + use.at(14) + " still at today's use " + wave(today));
        assertTrue(use.at(14) < use.at(1), "the fall must go on: " + use.at(14) + " vs " + use.at(1));
        assertTrue(use.turned(), "a week of fall is a turn");
        assertEquals(use.at(1), use.planned(1, true), 1e-9, "a failing supplier is planned for at the falling use, not the peak's swings");
    }

    @Test
    void overdueDeliveryAfterThePeakIsAReasonNotAnOpening() {
        // deliveries placed from the peak on come 15 days late; the shelf holds a month of the falling use
        SimulatedHospital hospital = new SimulatedHospital(SteepWaveTest::wave).stock(6_000).delayFrom(PEAK, 15);
        List<Snapshot> snapshots = hospital.run(FACILITY, DEVICE, PEAK + 30);
        Replay replay = Replay.of(snapshots);

        assertTrue(hospital.stockouts.isEmpty());
        assertTrue(replay.evaluations.stream().anyMatch(e -> e.assessment().signals().contains(Reason.DELIVERY_OVERDUE)),
                "the late delivery must be seen");
        assertTrue(replay.events.isEmpty(), () -> "opened on a late delivery with a month on the shelf: " + replay.events);

        // the same late delivery, on an alert already open: it stays open and names the delay
        Assessment overdue = replay.evaluations.stream().map(Evaluation::assessment)
                .filter(a -> a.signals().contains(Reason.DELIVERY_OVERDUE)).findFirst().orElseThrow();
        AlertState open = new AlertState(AlertLevel.WARNING, AlertLevel.NONE, 0, SimulatedHospital.at(PEAK));
        LevelMachine.Step step = LevelMachine.next(open, shortOf(overdue), new Thresholds(14, 7), overdue.at(), true);
        assertEquals(AlertLevel.WARNING, step.state().level());
        assertNull(step.announced());
    }

    /**
     * Issue 19, eighth pass, review: 100 a day with the shelf held at 300 by a daily van, then from
     * day 60 use falls to 30 a day and the vans stop. Before the fall has lasted a week, Holt's trend
     * taken as a number crossed 0 and read the 120 units left on day 65 as 120 days: the CRITICAL
     * closed on 4 days of stock and reopened two days later. Falling by shares, it stays open.
     */
    @Test
    void aSteepFallDoesNotCloseACriticalOnAFewDaysOfStock() {
        List<Snapshot> history = new ArrayList<>();
        long onHand = 300;
        for (int day = 0; day < 80; day++) {
            long used = day < 60 ? 100 : 30;
            long received = day < 60 ? 100 : 0;
            onHand = Math.max(0, onHand + received - used);
            history.add(new Snapshot(FACILITY, DEVICE, SimulatedHospital.at(day), onHand, used, received, 0L, null));
        }
        Replay replay = Replay.of(history);

        assertEquals(AlertLevel.CRITICAL, replay.events.get(0).level());
        assertTrue(replay.events.stream().noneMatch(e -> e.level() == AlertLevel.RECOVERED), replay.events::toString);
    }

    /**
     * Issue 19, eighth pass, review: a wave doubling every five days, the supplier 11 days late from
     * day 35, out of stock on most days from 42 to 57. The van of day 58 lasts 16 days at the use held
     * from before the stock-out, about 2 at the use the wave has reached: no close at once on a use
     * not seen since, so the alert is still open on day 59, when the shelf is empty again.
     */
    @Test
    void noCloseAtOnceOnAUseHeldThroughAStockOut() {
        SimulatedHospital hospital = new SimulatedHospital(d -> 20 * Math.pow(2, Math.max(0, Math.min(d, 70) - 30) / 5.0))
                .delayFrom(35, 11);
        Replay replay = Replay.of(hospital.run(FACILITY, DEVICE, 62));

        assertTrue(hospital.stockouts.contains(59), "the shelf must run dry again: " + hospital.stockouts);
        assertTrue(replay.openOn(59), replay.events::toString);
    }

    /** {@code a} with a coverage just above the warning threshold: an open alert is not yet clearly back. */
    private static Assessment shortOf(Assessment a) {
        return new Assessment(a.deviceId(), a.at(), a.onHand(), a.dailyUseForecast(), a.dailyUseLow(), a.dailyUseHigh(),
                15, a.projectedStockout(), Set.copyOf(a.signals()), a.signal(), false, a.onHand() / a.dailyUseForecast(), false,
                false);
    }
}
