package fr.vigie.domain.forecast;

import fr.vigie.domain.Snapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeliveryTrackerTest {

    /** Season C: a promise dated before the order it is matched with made a negative lead time and a projection past its array. */
    @Test
    void aPromiseDatedBeforeItsOrderIsNoLeadTime() {
        Instant day0 = Instant.parse("2025-11-03T08:00:00Z");
        List<Snapshot> history = List.of(
                new Snapshot("CH-1", "FFP2", day0, 100, 10L, 0L, 0L, null),
                new Snapshot("CH-1", "FFP2", day0.plusSeconds(86_400), 90, 10L, 0L, 50L, LocalDate.of(2025, 10, 28)));
        SupplyPicture supply = DeliveryTracker.read(history, ZoneOffset.UTC);
        assertTrue(supply.leadDays() >= 0, "lead " + supply.leadDays());
        Assessment a = new SeriesEvaluator().assess(history, SupplyOutlook.NORMAL, ZoneOffset.UTC);
        assertEquals(90, a.onHand());
    }
}
