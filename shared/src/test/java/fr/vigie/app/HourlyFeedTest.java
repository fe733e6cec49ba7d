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
    void afterDaysTheFeedMissedThePollsResumeWithinTheRowsJudgingDay() {
        // season-a's CHU-ARA-02 HFNC-PED: rows of 9 and 10 March missed; the row of the 11th at 06:00 in Paris is
        // its judging day's first instant, so it comes alone: no poll judges the 10th, which the daily feed missed
        List<Snapshot> winter = HourlyFeed.resample(List.of(
                row("2026-03-08T05:00:00Z", 251, 3, 0, 109, "2026-03-09"),
                row("2026-03-11T05:00:00Z", 318, 42, 109, 0, null)));
        assertEquals(List.of(Instant.parse("2026-03-08T05:00:00Z"), Instant.parse("2026-03-11T05:00:00Z")),
                winter.stream().map(Snapshot::timestamp).toList());
        assertEquals(42L, winter.get(1).consumed());
    }

    @Test
    void aDeliveryPromisedOnADayTheFeedMissedIsOnTheShelfAtTheFirstPollAfterIt() {
        // in summer the row at 05:00Z is 07:00 in Paris: the 06:00 poll before it opens its judging day
        List<Snapshot> hourly = HourlyFeed.resample(List.of(
                row("2025-09-08T05:00:00Z", 251, 3, 0, 109, "2025-09-09"),
                row("2025-09-11T05:00:00Z", 318, 42, 109, 0, null)));
        Snapshot first = hourly.get(1);
        assertEquals(Instant.parse("2025-09-11T04:00:00Z"), first.timestamp());
        assertEquals(109L, first.received(), "the van came on its promised day, before the poller was back");
        assertEquals(251 + 109 - first.consumed(), first.onHand(), "the shelf counts the delivery and the gap's use");
        assertEquals(0L, first.onOrder());
        assertEquals(318, hourly.get(2).onHand());
        assertEquals(3, hourly.size());
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
