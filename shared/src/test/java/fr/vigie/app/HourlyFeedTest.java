package fr.vigie.app;

import fr.vigie.domain.Snapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hourly re-sampling the equivalence with daily rows is measured on (issue 19). */
class HourlyFeedTest {

    private static Snapshot row(String at, long onHand, long consumed, long received, long onOrder, String promised) {
        return new Snapshot("CHU-ARA-02", "HFNC-PED", Instant.parse(at), onHand, consumed, received, onOrder,
                promised == null ? null : LocalDate.parse(promised));
    }

    @Test
    void aDeliveryPromisedOnADayTheFeedMissedIsOnTheShelfAtTheFirstPollAfterIt() {
        // season-a's CHU-ARA-02 HFNC-PED: rows of 9 and 10 March missed; the van came on its promised 9 March
        List<Snapshot> hourly = HourlyFeed.resample(List.of(
                row("2026-03-08T05:00:00Z", 251, 3, 0, 109, "2026-03-09"),
                row("2026-03-11T05:00:00Z", 318, 42, 109, 0, null)));
        Snapshot first = hourly.get(1);
        assertEquals(Instant.parse("2026-03-10T06:00:00Z"), first.timestamp(), "the day missed before the row stays missed");
        assertEquals(109L, first.received());
        assertEquals(251 + 109 - first.consumed(), first.onHand(), "the shelf counts the delivery and the gap's use");
        assertEquals(0L, first.onOrder());
        Snapshot last = hourly.get(hourly.size() - 1);
        assertEquals(318, last.onHand());
        assertEquals(109L, hourly.stream().mapToLong(s -> s.received() == null ? 0 : s.received()).sum());
    }

    @Test
    void aDeliveryWithoutAPromiseInTheGapComesAtTheStartOfTheRowsDay() {
        List<Snapshot> hourly = HourlyFeed.resample(List.of(
                row("2026-01-05T05:00:00Z", 200, 10, 0, 50, "2026-01-06"),
                row("2026-01-06T05:00:00Z", 240, 10, 50, 0, null)));
        // Paris in winter: the day starts at 23:00Z, the 18th hour after the first row
        Snapshot van = hourly.stream().filter(s -> s.received() != null && s.received() > 0).findFirst().orElseThrow();
        assertEquals(Instant.parse("2026-01-05T23:00:00Z"), van.timestamp());
        assertEquals(Instant.parse("2026-01-05T22:00:00Z"), hourly.get(hourly.indexOf(van) - 1).timestamp());
        assertEquals(50L, hourly.get(hourly.indexOf(van) - 1).onOrder(), "on order until the van");
    }
}
