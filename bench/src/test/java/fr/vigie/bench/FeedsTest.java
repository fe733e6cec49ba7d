package fr.vigie.bench;

import fr.vigie.adapter.feed.FeedCsvReader;
import fr.vigie.domain.FeedRow;
import fr.vigie.adapter.feed.WatchlistJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedsTest {

    private static final String WATCHLIST = """
            [{"deviceId":"FFP2","name":"Masque FFP2","epidemics":["FLU"],"unit":"piece",
              "season":{"start":"09-01","end":"04-28"},"thresholds":{"warningDays":14,"criticalDays":7}},
             {"deviceId":"O2-MASK-AD","name":"Masque a oxygene","epidemics":["FLU"],"unit":"piece",
              "season":{"start":"09-01","end":"04-28"},"thresholds":{"warningDays":14,"criticalDays":7}}]
            """;

    @Test
    void aWidenedWatchlistIsValidAndKeepsTheSampleIdsFirst() throws Exception {
        String wide = Feeds.widenWatchlist(WATCHLIST, 5);
        assertEquals(List.of("FFP2", "O2-MASK-AD", "FFP2-N1", "O2-MASK-AD-N1", "FFP2-N2"), Feeds.deviceIds(wide));
        assertTrue(WatchlistJson.parseList(wide).valid());
    }

    @Test
    void theNationalDayHasOneGoodRowPerFacilityAndDevice() throws Exception {
        List<String> devices = Feeds.deviceIds(Feeds.widenWatchlist(WATCHLIST, 6));
        String csv = Feeds.nationalDay(7, devices, Instant.parse("2025-11-17T05:00:00Z"), 1);
        FeedCsvReader reader = new FeedCsvReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), devices::contains);
        Set<String> series = new HashSet<>();
        int rows = 0;
        for (FeedRow row = reader.next(); row != null; row = reader.next()) {
            FeedRow.Accepted accepted = assertInstanceOf(FeedRow.Accepted.class, row);
            series.add(accepted.snapshot().facilityId() + "|" + accepted.snapshot().deviceId());
            rows++;
        }
        assertEquals(42, rows);
        assertEquals(42, series.size());
        assertEquals(csv, Feeds.nationalDay(7, devices, Instant.parse("2025-11-17T05:00:00Z"), 1), "seeded: the same bytes");
    }

    @Test
    void multiplyingAFeedSuffixesFacilitiesAndKeepsCrlf(@TempDir Path dir) throws Exception {
        Path feed = dir.resolve("feed.csv");
        Files.writeString(feed, Feeds.HEADER + "\r\n2025-09-01T05:00:00Z,CH-A,FFP2,10,1,0,0,\r\n2025-09-02T05:00:00Z,CH-B,FFP2,9,1,0,0,\r\n");
        Path out = dir.resolve("x3.csv");
        assertEquals(6, Feeds.multiply(feed, 3, out));
        String text = Files.readString(out);
        assertTrue(text.startsWith(Feeds.HEADER + "\r\n2025-09-01T05:00:00Z,CH-A-0,FFP2,"));
        assertTrue(text.contains(",CH-B-2,FFP2,9,"));
        assertEquals(7, text.split("\r\n").length);
        assertEquals(2, Feeds.span(Files.readAllBytes(feed)).series());
    }

    @Test
    void theGcLogPeakIsTheLargestOccupancySeen() {
        String log = """
                [0.512s][info][gc] GC(0) Pause Young (Allocation Failure) 68M->12M(247M) 9.1ms
                [1.020s][info][gc] GC(1) Pause Full (Allocation Failure) 201M->150M(247M) 80.0ms
                [1.500s][info][gc] GC(2) Pause Young (Allocation Failure) 1024K->512K(247M) 1.0ms
                """;
        assertEquals(201L << 20, BenchMain.gcPeak(log));
    }
}
