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
    void aDayEndsAtTheSnapshotThatOpensAJudgingDayWithTheDaysTotals() {
        List<Snapshot> hourly = List.of(
                at("2025-11-01T22:00:00Z", 100, 4L, 0L, 50),   // 23:00 Paris, 1 Nov: the first, a day of its own
                at("2025-11-02T04:00:00Z", 96, 4L, 0L, 50),    // 05:00 Paris, 2 Nov: still 1 Nov's judging day
                at("2025-11-02T05:00:00Z", 140, 6L, 50L, 0),   // 06:00 Paris: opens 2 Nov's, ends the day
                at("2025-11-02T10:00:00Z", 130, 10L, null, 0),
                at("2025-11-02T22:00:00Z", 125, 5L, 0L, 0),    // 23:00 Paris: midnight cuts no day
                at("2025-11-03T05:30:00Z", 120, 5L, 0L, 0),    // 06:30 Paris, 3 Nov: ends the day
                at("2025-11-03T09:00:00Z", 118, 2L, 0L, 0));   // after it, as it came
        List<Snapshot> closes = DailyCloses.of(hourly, PARIS);
        assertEquals(List.of(hourly.get(0),
                new Snapshot("CHU-IDF-01", "HFNC-PED", Instant.parse("2025-11-02T05:00:00Z"), 140, 10L, 50L, 0L,
                        LocalDate.parse("2025-11-10")),
                new Snapshot("CHU-IDF-01", "HFNC-PED", Instant.parse("2025-11-03T05:30:00Z"), 120, 20L, 0L, 0L,
                        LocalDate.parse("2025-11-10")),
                hourly.get(6)), closes);
        assertEquals(closes, DailyCloses.of(closes, PARIS), "compacting twice changes nothing");
        assertEquals(closes.subList(0, 3), DailyCloses.closed(hourly, PARIS, null), "only the days that ended");
        assertEquals(List.of(closes.get(2), hourly.get(6)), DailyCloses.of(hourly.subList(3, 7), PARIS,
                hourly.get(2).timestamp()), "read on from the last close, the same days");
    }

    @Test
    void anHourlyDayIsTheDailyRowOfItsMorning() {
        // 24 polls of one use an hour up to 06:00 in Paris, a delivery at midnight: the daily row of that morning
        List<Snapshot> polls = new java.util.ArrayList<>();
        Instant morning = Instant.parse("2025-12-10T05:00:00Z");
        long onHand = 500;
        for (int h = 23; h >= 0; h--) {
            long received = h == 6 ? 100 : 0;
            polls.add(at(morning.minusSeconds(3600L * h).toString(), 0, 1L, received, 0));
        }
        List<Snapshot> withStock = new java.util.ArrayList<>();
        for (Snapshot p : polls) {
            onHand += p.received() - 1;
            withStock.add(new Snapshot(p.facilityId(), p.deviceId(), p.timestamp(), onHand, 1L, p.received(), 0L,
                    p.expectedDelivery()));
        }
        List<Snapshot> closes = DailyCloses.of(withStock, PARIS, morning.minusSeconds(24 * 3600L));
        assertEquals(List.of(new Snapshot("CHU-IDF-01", "HFNC-PED", morning, 576, 24L, 100L, 0L, LocalDate.parse("2025-11-10"))),
                closes);
    }

    @Test
    void aDayWithoutConsumedOnEverySnapshotLeavesUseToBeDerived() {
        List<Snapshot> day = List.of(at("2025-11-02T08:00:00Z", 100, 4L, null, 0),
                at("2025-11-02T12:00:00Z", 90, null, null, 0), at("2025-11-03T05:00:00Z", 80, 3L, null, 0));
        Snapshot close = DailyCloses.of(day, PARIS).get(1);
        assertEquals(null, close.consumed());
        assertEquals(null, close.received());
        assertEquals(80, close.onHand());
    }

    @Test
    void oneSnapshotADayIsItsOwnHistory() {
        List<Snapshot> daily = List.of(at("2025-11-01T05:00:00Z", 100, 4L, 0L, 50),
                at("2025-11-02T05:00:00Z", 96, 4L, 0L, 50), at("2025-11-03T05:00:00Z", 92, 4L, 0L, 50));
        assertEquals(daily, DailyCloses.of(daily, PARIS));
    }
}
