package fr.vigie.domain.forecast;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.Reason;
import fr.vigie.domain.Thresholds;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LevelMachineTest {

    private static final Thresholds T = new Thresholds(14, 7);

    @Test
    void oneLowSnapshotDoesNotOpen() {
        assertEquals(List.of(), announced(20, 13, 20, 13, 20));
    }

    @Test
    void coverageHoveringAroundTheThresholdOpensOnceAndDoesNotFlap() {
        assertEquals(List.of(AlertLevel.WARNING), announced(20, 13, 13, 15, 13, 16, 13, 15, 17));
    }

    @Test
    void criticalDoesNotStepDownToWarningAndClosesOnlyWhenClearlyAndDurablyBack() {
        assertEquals(List.of(AlertLevel.WARNING, AlertLevel.CRITICAL, AlertLevel.RECOVERED),
                announced(13, 13, 6, 6, 10, 12, 16, 18, 20, 18, 18));
    }

    @Test
    void stockOnHandShortOfTheCriticalThresholdWarnsEvenWithDeliveriesTrusted() {
        List<AlertLevel> out = new ArrayList<>();
        AlertState state = AlertState.CALM;
        for (int i = 0; i < 3; i++) { // 100 on hand at 20 a day: 5 days, all the rest is promised
            LevelMachine.Step step = LevelMachine.next(state, assessment(60, 100, 20, Set.of()), T, day(i), true);
            state = step.state();
            if (step.announced() != null) {
                out.add(step.announced());
            }
        }
        assertEquals(List.of(AlertLevel.WARNING), out);
    }

    @Test
    void aJustInTimeShelfDoesNotCloseOnEachDelivery() {
        List<AlertLevel> out = new ArrayList<>();
        AlertState state = AlertState.CALM;
        // deliveries trusted all along (coverage 60 days); on hand at 20 a day dips to 5 days before
        // each delivery and rises to 8 after it (not clearly above the 7-day critical cover), then to 20
        long[] onHand = {100, 100, 160, 160, 100, 100, 160, 160, 400, 400};
        for (int i = 0; i < onHand.length; i++) {
            LevelMachine.Step step = LevelMachine.next(state, assessment(60, onHand[i], 20, Set.of()), T, day(i), true);
            state = step.state();
            if (step.announced() != null) {
                out.add(step.announced());
            }
        }
        assertEquals(List.of(AlertLevel.WARNING, AlertLevel.RECOVERED), out);
    }

    /**
     * Issue 19, fourth pass: in a wave rising seven days running, a coverage under the warning
     * threshold opens at the first day's start, as a failing supplier does; the same coverage in a wave
     * that is not rising waits for a second day, and so does a shelf short of the critical cover under
     * a coverage above the threshold, rising or not (the shelf read at 00:00 by hourly polls and at
     * 06:00 by a daily row differs by a quarter of a day's use: one day of it is no opening).
     */
    @Test
    void aRisingWaveOpensWithoutASecondDay() {
        // 1000 on hand at 20 a day (50 days): the projection counting deliveries says 12 days
        LevelMachine.Step rising = LevelMachine.next(AlertState.CALM, shelf(12, 1000, 20, 40, true), T, day(0), true);
        LevelMachine.Step level = LevelMachine.next(AlertState.CALM, shelf(12, 1000, 20, 50, false), T, day(0), true);
        // 100 on hand at 20 a day (5 days), all the rest promised: coverage 60
        LevelMachine.Step shelfShort = LevelMachine.next(AlertState.CALM, shelf(60, 100, 20, 4, true), T, day(0), true);

        assertEquals(AlertLevel.WARNING, rising.announced());
        assertEquals(null, level.announced());
        assertEquals(AlertLevel.WARNING, level.state().candidate(), "not rising: a candidate, confirmed the next day");
        assertEquals(null, shelfShort.announced());
        assertEquals(AlertLevel.WARNING, shelfShort.state().candidate(), "the shelf rule: confirmed the next day");
    }

    /**
     * Issue 19, fourth pass: after a delivery in a rising wave, 180 on hand at 20 a day today is 9
     * days (above 1.25 x 7), but at the use to come, rising, the shelf lasts 6 days: the alert stays
     * open. The same shelf in a wave that stopped rising closes after two days' starts.
     */
    @Test
    void aRisingWaveDoesNotCloseOnAShelfShortOfTheUseToCome() {
        AlertState open = new AlertState(AlertLevel.WARNING, AlertLevel.NONE, 0, Instant.EPOCH);
        List<AlertLevel> rising = new ArrayList<>();
        List<AlertLevel> level = new ArrayList<>();
        AlertState r = open;
        AlertState l = open;
        for (int i = 1; i <= 4; i++) {
            LevelMachine.Step step = LevelMachine.next(r, shelf(60, 180, 20, 6, true), T, day(i), true);
            r = step.state();
            if (step.announced() != null) {
                rising.add(step.announced());
            }
            step = LevelMachine.next(l, shelf(60, 180, 20, 9, false), T, day(i), true);
            l = step.state();
            if (step.announced() != null) {
                level.add(step.announced());
            }
        }
        assertEquals(List.of(), rising);
        assertEquals(AlertLevel.WARNING, r.level());
        assertEquals(List.of(AlertLevel.RECOVERED), level);
    }

    /**
     * Issue 19, eighth pass: coverage back to 20 days (thresholds 14/7) closes at the day's first
     * snapshot when the stock on hand alone lasts them (400 at 20 a day); when they rest on deliveries
     * to come (200 on hand: 10 days), the supplier is failing, or the use to come was held through a
     * stock-out just over, the close waits for a second day's.
     */
    @Test
    void anAlertClosesAtOnceOnlyWhenTheShelfAloneLastsTheWarningHorizon() {
        AlertState open = new AlertState(AlertLevel.WARNING, AlertLevel.NONE, 0, Instant.EPOCH);
        LevelMachine.Step onShelf = LevelMachine.next(open, assessment(20, 400, 20, Set.of()), T, day(1), true);
        LevelMachine.Step onDeliveries = LevelMachine.next(open, assessment(20, 200, 20, Set.of()), T, day(1), true);
        LevelMachine.Step failing = LevelMachine.next(open, assessment(20, 400, 20, Set.of(Reason.DELIVERY_OVERDUE)), T,
                day(1), true);

        assertEquals(AlertLevel.RECOVERED, onShelf.announced());
        assertEquals(AlertLevel.NONE, onShelf.state().level());
        assertEquals(null, onDeliveries.announced());
        assertEquals(AlertLevel.RECOVERED, onDeliveries.state().candidate());
        assertEquals(AlertLevel.RECOVERED,
                LevelMachine.next(onDeliveries.state(), assessment(20, 200, 20, Set.of()), T, day(2), true).announced());
        assertEquals(null, failing.announced());
        assertEquals(AlertLevel.RECOVERED, failing.state().candidate());
        // the same 400, the use to come held from before a stock-out just over: not seen, so not trusted at once
        Assessment stale = new Assessment("NEB-MASK-PED", Instant.EPOCH, 400, 20, 20, 20, 20, null, Set.of(), null, false,
                20, false, true);
        LevelMachine.Step unseen = LevelMachine.next(open, stale, T, day(1), true);
        assertEquals(null, unseen.announced());
        assertEquals(AlertLevel.RECOVERED, unseen.state().candidate());
    }

    @Test
    void neverRecoversWhileOutOfStock() {
        AlertState critical = new AlertState(AlertLevel.CRITICAL, AlertLevel.NONE, 0, Instant.EPOCH);
        AlertState state = critical;
        for (int i = 1; i <= 5; i++) { // a large delivery is due, yet the shelf is empty
            LevelMachine.Step step = LevelMachine.next(state, assessment(40, 0, 20, Set.of(Reason.STOCK_OUT)), T,
                    day(i), true);
            assertEquals(null, step.announced());
            state = step.state();
        }
        assertEquals(AlertLevel.CRITICAL, state.level());
    }

    @Test
    void hourlyPollingConfirmsOnAWholeJudgingDay() {
        // low every hour from 03:00 on day 3: day 3's morning poll (06:00) sees it, day 4's confirms it:
        // a whole judging day under the line, morning to morning
        List<Event> out = replay(hours(0, 7 * 24), at -> assessment(at.isBefore(local(3, 3)) ? 20 : 10, 1000, 10, Set.of()));
        assertEquals(List.of(new Event(AlertLevel.WARNING, local(4, 6))), out);
    }

    @Test
    void aJudgingDayRunsFromOneMorningToTheNextOnLocalTimeThroughTheChangesOfTimeAndADailyReportOpensEachDay() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        for (LocalDate day : List.of(LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 26), LocalDate.of(2026, 3, 29))) {
            Instant morning = day.atTime(LevelMachine.DAY_JUDGED_AT).atZone(paris).toInstant();
            assertEquals(day, LevelMachine.judgingDay(morning, paris));
            assertEquals(day.minusDays(1), LevelMachine.judgingDay(morning.minusSeconds(1), paris));
            assertEquals(day.minusDays(1), LevelMachine.judgingDay(day.atStartOfDay(paris).toInstant(), paris), "midnight is the night before's");
        }
        // a daily report drifting across the morning's minute still opens each day, an hourly poll only the morning's
        Instant late = LocalDate.of(2025, 11, 3).atTime(6, 1).atZone(paris).toInstant();
        Instant early = LocalDate.of(2025, 11, 4).atTime(5, 59).atZone(paris).toInstant();
        assertEquals(LevelMachine.judgingDay(late, paris), LevelMachine.judgingDay(early, paris));
        assertTrue(LevelMachine.opensDay(late, early, paris), "the next morning's report, a minute early");
        assertFalse(LevelMachine.opensDay(early.minusSeconds(3600), early, paris), "an hourly poll before the morning");
        assertTrue(LevelMachine.opensDay(early, early.plusSeconds(120), paris), "the morning's poll");
        assertTrue(LevelMachine.opensDay(null, early, paris), "a series' first snapshot");
        // Réunion (UTC+4): its own morning, not Paris's
        ZoneId reunion = ZoneId.of("Indian/Reunion");
        assertEquals(LocalDate.of(2025, 10, 2), LevelMachine.judgingDay(Instant.parse("2025-10-02T02:00:00Z"), reunion));
        assertEquals(LocalDate.of(2025, 10, 1), LevelMachine.judgingDay(Instant.parse("2025-10-02T01:59:59Z"), reunion));
    }

    @Test
    void lowHoursWithinTheDayDoNotOpen() {
        // low from 08:00 to 20:00 every day: no day starts under the line (nor would a daily row at 06:00 see it)
        List<Event> out = replay(hours(0, 7 * 24), at -> {
            int hour = at.atZone(PARIS).getHour();
            return assessment(hour >= 8 && hour < 20 ? 10 : 20, 1000, 10, Set.of());
        });
        assertEquals(List.of(), out);
    }

    @Test
    void aFailingSupplierOpensAtTheNextDaysStartWithoutASecondDay() {
        // the signal is its own confirmation; like any move, it is judged at a day's first snapshot, the morning's
        List<Event> out = replay(hours(0, 3 * 24), at -> at.isBefore(local(0, 10)) ? assessment(20, 1000, 10, Set.of())
                : assessment(10, 1000, 10, Set.of(Reason.DELIVERY_OVERDUE)));
        assertEquals(List.of(new Event(AlertLevel.WARNING, local(1, 6))), out);
    }

    /**
     * Issue 19, hourly vs daily: a just-in-time shelf (24 a day, one van a week at 15:00 bringing a
     * week's use) runs under the critical cover for the 22 hours before each van, with deliveries
     * trusted all along. Read hourly, the shelf is short for more than a day's worth of polls; judged
     * once a day at 06:00, it is short on the van's morning only, the next morning already counting the
     * van. Neither opens; when a van does not come (day 20) both open a WARNING on day 21 at 06:00, and
     * both close on day 23, the morning after the next van, whose 400 last the warning horizon on their
     * own: the same events at the same instants.
     */
    @Test
    void aDeliveryMorningDipRaisesTheSameAlertsPolledHourlyAsReportedDaily() {
        Function<Instant, Assessment> shelf = at -> assessment(60, onHand(at), 24, Set.of());
        List<Event> daily = replay(days(0, 26), shelf);
        List<Event> hourly = replay(hours(0, 26 * 24), shelf);

        assertEquals(List.of(new Event(AlertLevel.WARNING, local(21, 6)), new Event(AlertLevel.RECOVERED, local(23, 6))), daily);
        assertEquals(daily, hourly);
    }

    /** The shelf of the dip test at {@code at}: 305 at the start, one unit an hour, vans at 15:00 on days 6, 13 and 22. */
    private static long onHand(Instant at) {
        long hours = Duration.between(local(0, 0), at).toHours();
        long delivered = 0;
        for (int[] van : new int[][] {{6, 168}, {13, 168}, {22, 400}}) {
            if (!at.isBefore(local(van[0], 15))) {
                delivered += van[1];
            }
        }
        return 305 - hours + delivered;
    }

    @Test
    void stateSurvivesAJsonRoundTripAndAnOldStateReadsWithoutItsCandidateStart() throws Exception {
        ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule()).build();
        AlertState state = new AlertState(AlertLevel.WARNING, AlertLevel.CRITICAL, 3, day(1), day(2));
        assertEquals(state, json.readValue(json.writeValueAsString(state), AlertState.class));

        AlertState old = json.readValue("{\"level\":\"WARNING\",\"candidate\":\"CRITICAL\",\"confirmations\":1,"
                + "\"since\":\"2025-10-02T05:00:00Z\"}", AlertState.class);
        assertEquals(new AlertState(AlertLevel.WARNING, AlertLevel.CRITICAL, 1, day(1)), old);
    }

    private static Instant day(int day) {
        return Instant.parse("2025-10-01T05:00:00Z").plus(Duration.ofDays(day));
    }

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** An announced level and when. */
    private record Event(AlertLevel level, Instant at) {
    }

    /** Day {@code day} of October 2025 (no change of time) at {@code hour}, Paris time. */
    private static Instant local(int day, int hour) {
        return LocalDate.of(2025, 10, 1).plusDays(day).atTime(hour, 0).atZone(PARIS).toInstant();
    }

    private static List<Instant> hours(int fromDay, int count) {
        return IntStream.range(0, count).mapToObj(h -> local(fromDay, 0).plus(Duration.ofHours(h))).toList();
    }

    /** One row a day at 06:00, as the samples' daily feed. */
    private static List<Instant> days(int fromDay, int count) {
        return IntStream.range(0, count).mapToObj(d -> local(fromDay + d, 6)).toList();
    }

    /** The level machine over snapshots at {@code times}, each opening its Paris judging day or not, as the evaluator says. */
    private static List<Event> replay(List<Instant> times, Function<Instant, Assessment> assessed) {
        List<Event> out = new ArrayList<>();
        AlertState state = AlertState.CALM;
        Instant last = null;
        for (Instant at : times) {
            LevelMachine.Step step = LevelMachine.next(state, assessed.apply(at), T, at, LevelMachine.opensDay(last, at, PARIS));
            last = at;
            state = step.state();
            if (step.announced() != null) {
                out.add(new Event(step.announced(), at));
            }
        }
        return out;
    }

    private static List<AlertLevel> announced(double... coverages) {
        List<AlertLevel> out = new ArrayList<>();
        AlertState state = AlertState.CALM;
        int i = 0;
        for (double c : coverages) {
            // the shelf alone lasts what the coverage says: nothing on order
            LevelMachine.Step step = LevelMachine.next(state, assessment(c, Math.round(c * 10), 10, Set.of()), T, day(i++),
                    true);
            state = step.state();
            if (step.announced() != null) {
                out.add(step.announced());
            }
        }
        return out;
    }

    /** A shelf of {@code onHand} lasting {@code shelfDays} at the use to come, in a wave {@code rising} or not. */
    private static Assessment shelf(double coverage, long onHand, double use, double shelfDays, boolean rising) {
        return new Assessment("NEB-MASK-PED", Instant.EPOCH, onHand, use, use, use, coverage, null, Set.of(), null, false,
                shelfDays, rising, false);
    }

    private static Assessment assessment(double coverage, long onHand, double use, Set<Reason> signals) {
        return new Assessment("NEB-MASK-PED", Instant.EPOCH, onHand, use, use, use, coverage, null, signals, null, false,
                onHand / use, false, false);
    }
}
