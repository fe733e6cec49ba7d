package fr.vigie.domain.forecast;

import fr.vigie.domain.Snapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DailyUseTest {

    private static Snapshot day(int d, long onHand, long consumed, long received) {
        return new Snapshot("CHU-OCC-02", "HFNC-PED", Instant.parse("2025-11-01T05:00:00Z").plus(d, ChronoUnit.DAYS),
                onHand, consumed, received, 0L, null);
    }

    @Test
    void aConsumedAboveWhatTheShelfCouldSupplyIsReadFromTheShelfNotTrusted() {
        List<Snapshot> history = new ArrayList<>();
        for (int d = 0; d < 12; d++) {
            history.add(day(d, 3000 - 40L * d, d == 10 ? 4000 : 40, 0));
        }
        List<DailyUse.Interval> intervals = DailyUse.intervals(history);
        // day 10: 2640 on the shelf, nothing received, 2600 left: 4000 used is impossible, the shelf says 40
        assertEquals(40, intervals.get(9).units(), 1e-9);
        assertEquals(40, intervals.get(10).units(), 1e-9);
    }

    @Test
    void withoutReceivedAConsumedAboveTheShelfIsKeptSinceADeliveryMayHaveComeUnreported() {
        Snapshot before = new Snapshot("CHU-OCC-02", "HFNC-PED", Instant.parse("2025-11-01T05:00:00Z"), 30, 10L, null, 0L, null);
        Snapshot after = new Snapshot("CHU-OCC-02", "HFNC-PED", Instant.parse("2025-11-02T05:00:00Z"), 485, 45L, null, 0L, null);
        assertEquals(45, DailyUse.intervals(List.of(before, after)).get(0).units(), 1e-9);
    }

    @Test
    void aConsumedThatTheShelfAndTheDeliveryCouldSupplyIsKept() {
        List<Snapshot> history = List.of(day(0, 100, 10, 0), day(1, 90, 500, 490));
        assertEquals(500, DailyUse.intervals(history).get(0).units(), 1e-9);
    }
}
