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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
            LevelMachine.Step step = LevelMachine.next(state, assessment(60, 100, 20, Set.of()), T, day(i));
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
            LevelMachine.Step step = LevelMachine.next(state, assessment(60, onHand[i], 20, Set.of()), T, day(i));
            state = step.state();
            if (step.announced() != null) {
                out.add(step.announced());
            }
        }
        assertEquals(List.of(AlertLevel.WARNING, AlertLevel.RECOVERED), out);
    }

    @Test
    void neverRecoversWhileOutOfStock() {
        AlertState critical = new AlertState(AlertLevel.CRITICAL, AlertLevel.NONE, 0, Instant.EPOCH);
        AlertState state = critical;
        for (int i = 1; i <= 5; i++) { // a large delivery is due, yet the shelf is empty
            LevelMachine.Step step = LevelMachine.next(state, assessment(40, 0, 20, Set.of(Reason.STOCK_OUT)), T,
                    day(i));
            assertEquals(null, step.announced());
            state = step.state();
        }
        assertEquals(AlertLevel.CRITICAL, state.level());
    }

    @Test
    void confirmationTakesADayWhateverThePolling() {
        List<AlertLevel> out = new ArrayList<>();
        AlertState state = AlertState.CALM;
        Instant start = day(3);
        for (int hour = 0; hour <= 30; hour++) { // low every hour: it takes a day, not two snapshots
            Instant at = start.plus(Duration.ofHours(hour));
            LevelMachine.Step step = LevelMachine.next(state, assessment(10, 1000, 10, Set.of()), T, at);
            state = step.state();
            if (step.announced() != null) {
                out.add(step.announced());
                assertEquals(start.plus(LevelMachine.CONFIRMATION), at);
            }
        }
        assertEquals(List.of(AlertLevel.WARNING), out);
    }

    @Test
    void aFewLowHoursDoNotOpen() {
        AlertState state = AlertState.CALM;
        for (int hour = 0; hour < 48; hour++) { // low for 12 hours each day, back in the afternoon
            double coverage = hour % 24 < 12 ? 10 : 20;
            LevelMachine.Step step = LevelMachine.next(state, assessment(coverage, 1000, 10, Set.of()), T,
                    day(0).plus(Duration.ofHours(hour)));
            assertEquals(null, step.announced(), "hour " + hour);
            state = step.state();
        }
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

    private static List<AlertLevel> announced(double... coverages) {
        List<AlertLevel> out = new ArrayList<>();
        AlertState state = AlertState.CALM;
        int i = 0;
        for (double c : coverages) {
            LevelMachine.Step step = LevelMachine.next(state, assessment(c, 1000, 10, Set.of()), T, day(i++));
            state = step.state();
            if (step.announced() != null) {
                out.add(step.announced());
            }
        }
        return out;
    }

    private static Assessment assessment(double coverage, long onHand, double use, Set<Reason> signals) {
        return new Assessment("NEB-MASK-PED", Instant.EPOCH, onHand, use, use, use, coverage, null, signals, null, false);
    }
}
