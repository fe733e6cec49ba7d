package fr.vigie.domain.forecast;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import fr.vigie.domain.DisruptionKind;
import fr.vigie.domain.DisruptionStatus;
import fr.vigie.domain.Reason;
import fr.vigie.domain.SupplyDisruptionEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DisruptionDetectorTest {

    private static final String DEVICE = "NEB-MASK-PED";
    private static final List<String> FACILITIES = List.of("CH-A", "CH-B", "CH-C", "CH-D", "CH-E", "CH-F", "CH-G", "CH-H");

    private final DisruptionDetector detector = new DisruptionDetector();
    private final List<SupplyDisruptionEvent> events = new ArrayList<>();
    /** The eight facilities reporting the device, as the store counts them. */
    private DisruptionState state = DisruptionState.NONE.withReportingCount(FACILITIES.size());

    @Test
    void shortagesSeenAtSeveralFacilitiesOpenGrowAndCloseANationalDisruption() {
        everyoneCalm(0);
        late("CH-A", 10, 3);
        late("CH-B", 11, 5);
        assertTrue(events.isEmpty(), "two facilities are a local matter");
        assertEquals(SupplyOutlook.NORMAL, detector.outlook(state));

        late("CH-C", 12, 4);
        SupplyDisruptionEvent open = events.get(0);
        assertEquals(DisruptionStatus.OPEN, open.status());
        assertEquals(DEVICE + "#2025-10-11", open.disruptionId(), "named after the first signal's day");
        assertEquals(List.of("CH-A", "CH-B", "CH-C"), open.facilities());
        assertEquals(DisruptionKind.DELAY, open.kind());
        assertEquals(4, open.typicalDelayDays());
        assertNull(open.deliveredFraction());
        assertNotNull(detector.outlook(state).disruption());

        late("CH-D", 13, 6);
        assertEquals(DisruptionStatus.UPDATED, events.get(1).status());
        assertEquals(4, events.get(1).facilities().size());

        for (String f : List.of("CH-A", "CH-B", "CH-C", "CH-D")) {
            observe(f, 20, null, true);
        }
        SupplyDisruptionEvent closed = events.get(events.size() - 1);
        assertEquals(DisruptionStatus.CLOSED, closed.status());
        assertEquals(open.disruptionId(), closed.disruptionId());
        assertEquals(3, events.size());
        assertEquals(SupplyOutlook.NORMAL, detector.outlook(state));
    }

    @Test
    void rationingAtSeveralFacilitiesIsAnAllocation() {
        everyoneCalm(0);
        for (String f : List.of("CH-A", "CH-B", "CH-C")) {
            observe(f, 5, new SupplySignal(DisruptionKind.ALLOCATION, null, 0.2), false);
        }
        assertEquals(1, events.size());
        assertEquals(DisruptionKind.ALLOCATION, events.get(0).kind());
        assertEquals(0.2, events.get(0).deliveredFraction(), 1e-9);
        assertNull(events.get(0).typicalDelayDays());
    }

    @Test
    void signalsWeeksApartDoNotAddUp() {
        everyoneCalm(0);
        late("CH-A", 1, 3);
        late("CH-B", 30, 3);
        late("CH-C", 60, 3);
        assertTrue(events.isEmpty());
    }

    @Test
    void calmSnapshotsLeaveTheStateUnchanged() {
        everyoneCalm(0);
        DisruptionState before = state;
        everyoneCalm(1);
        everyoneCalm(2);
        assertEquals(before, state, "a calm device must not rewrite its item");
    }

    @Test
    void statesSurviveAJsonRoundTrip() throws Exception {
        everyoneCalm(0);
        late("CH-A", 10, 3);
        late("CH-B", 11, 5);
        late("CH-C", 12, 4);
        ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule()).build();
        assertEquals(state, json.readValue(json.writeValueAsString(state), DisruptionState.class));
        AlertState alert = new AlertState(fr.vigie.domain.AlertLevel.WARNING, fr.vigie.domain.AlertLevel.CRITICAL, 1, Instant.EPOCH);
        assertEquals(alert, json.readValue(json.writeValueAsString(alert), AlertState.class));
    }

    private void everyoneCalm(int day) {
        FACILITIES.forEach(f -> observe(f, day, null, false));
    }

    private void late(String facility, int day, int days) {
        observe(facility, day, new SupplySignal(DisruptionKind.DELAY, days, null), false);
    }

    private void observe(String facility, int day, SupplySignal signal, boolean onTime) {
        Set<Reason> reasons = signal == null ? Set.of()
                : Set.of(signal.kind() == DisruptionKind.DELAY ? Reason.DELIVERY_OVERDUE : Reason.SHORT_DELIVERY);
        Assessment a = new Assessment(DEVICE, SimulatedHospital.at(day), 100, 10, 8, 12, 10, null, reasons, signal, onTime, 10, false, false);
        DisruptionStep step = detector.observe(state, facility, a);
        state = step.state();
        step.event().ifPresent(events::add);
    }
}
