package fr.vigie.domain.forecast;

import fr.vigie.domain.Snapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DailyClosesTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static Snapshot at(String instant, long onHand, Long consumed, Long received, long onOrder) {
        return new Snapshot("CHU-IDF-01", "HFNC-PED", Instant.parse(instant), onHand, consumed, received, onOrder,
                LocalDate.parse("2025-11-10"));
    }

    @Test
    void pastDaysCloseOnTheirLastSnapshotWithTheDaysTotals() {
        List<Snapshot> hourly = List.of(
                at("2025-11-01T22:00:00Z", 100, 4L, 0L, 50),   // 23:00 Paris, 1 Nov
                at("2025-11-01T23:30:00Z", 96, 4L, 0L, 50),    // 00:30 Paris, 2 Nov
                at("2025-11-02T10:00:00Z", 140, 6L, 50L, 0),
                at("2025-11-02T22:00:00Z", 130, 10L, null, 0), // 23:00 Paris, 2 Nov
                at("2025-11-03T08:00:00Z", 120, 10L, 0L, 0),   // today
                at("2025-11-03T09:00:00Z", 118, 2L, 0L, 0));
        List<Snapshot> closes = DailyCloses.of(hourly, PARIS);
        assertEquals(List.of(hourly.get(0),
                new Snapshot("CHU-IDF-01", "HFNC-PED", Instant.parse("2025-11-02T22:00:00Z"), 130, 20L, 50L, 0L,
                        LocalDate.parse("2025-11-10")),
                hourly.get(4), hourly.get(5)), closes);
        assertEquals(closes, DailyCloses.of(closes, PARIS), "compacting twice changes nothing");
    }

    @Test
    void aDayWithoutConsumedOnEverySnapshotLeavesUseToBeDerived() {
        List<Snapshot> day = List.of(at("2025-11-02T08:00:00Z", 100, 4L, null, 0),
                at("2025-11-02T12:00:00Z", 90, null, null, 0), at("2025-11-03T12:00:00Z", 80, null, null, 0));
        Snapshot close = DailyCloses.of(day, PARIS).get(0);
        assertEquals(null, close.consumed());
        assertEquals(null, close.received());
        assertEquals(90, close.onHand());
    }

    @Test
    void oneSnapshotADayIsItsOwnHistory() {
        List<Snapshot> daily = List.of(at("2025-11-01T05:00:00Z", 100, 4L, 0L, 50),
                at("2025-11-02T05:00:00Z", 96, 4L, 0L, 50), at("2025-11-03T05:00:00Z", 92, 4L, 0L, 50));
        assertEquals(daily, DailyCloses.of(daily, PARIS));
    }
}
