package fr.vigie.app;

import fr.vigie.adapter.feed.FeedCsvReader;
import fr.vigie.adapter.feed.JsonLinesChannels;
import fr.vigie.adapter.memory.MemoryWatchlist;
import fr.vigie.domain.RejectedRow;
import fr.vigie.domain.RejectedRow.RejectCode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A hospital export as it really comes: the season-a feed with a byte-order mark, CRLF line ends,
 * bad rows slipped among the good ones, repeated rows and rows out of order. It must give exactly the
 * alerts of the clean feed, and the report must name every bad row by its line and reason.
 */
class CorruptFeedTest {

    /** Bad rows of every kind the spec names, built from a good row. */
    static final List<Map.Entry<RejectCode, String>> DAMAGE = List.of(
            Map.entry(RejectCode.INVALID_NUMBER, "2025-10-10T05:00:00Z,CH-BRE-08,FFP2,deux cents,3,0,0,"),
            Map.entry(RejectCode.NEGATIVE_VALUE, "2025-10-10T05:00:00Z,CH-BRE-08,FFP2,-12,3,0,0,"),
            Map.entry(RejectCode.UNKNOWN_DEVICE, "2025-10-10T05:00:00Z,CH-BRE-08,GANTS-NITRILE,12,3,0,0,"),
            Map.entry(RejectCode.MISSING_COLUMN, "2025-10-10T05:00:00Z,CH-BRE-08,FFP2"),
            Map.entry(RejectCode.INVALID_TIMESTAMP, "10/10/2025 05:00,CH-BRE-08,FFP2,12,3,0,0,"),
            Map.entry(RejectCode.EMPTY_FACILITY, "2025-10-10T05:00:00Z,,FFP2,12,3,0,0,"),
            Map.entry(RejectCode.ABSURD_NUMBER, "2025-10-10T05:00:00Z,CH-BRE-08,FFP2,12,300000000000,0,0,"),
            Map.entry(RejectCode.INVALID_DATE, "2025-10-10T05:00:00Z,CH-BRE-08,FFP2,12,3,0,40,2025-10-32"));

    record Replayed(String alerts, IngestionReport report) {
    }

    static Replayed replay(byte[] feed) throws Exception {
        MemoryWatchlist watchlist = MemoryWatchlist.of(SampleSeason.watchlist("season-a"));
        StringWriter out = new StringWriter();
        FeedCsvReader reader = new FeedCsvReader(new ByteArrayInputStream(feed), watchlist::knows);
        SeasonReplay.Summary s = InMemoryAlerting.replay(watchlist, JsonLinesChannels.to(out)).run(reader::next, (d, t) -> { });
        return new Replayed(out.toString(), s.ingestion());
    }

    @Test
    void badRowsAmongGoodOnesChangeNoAlertAndAreEachReportedByLineAndReason() throws Exception {
        List<String> clean = Files.readAllLines(SampleSeason.feed("season-a"));
        Replayed reference = replay(String.join("\n", clean).getBytes(StandardCharsets.UTF_8));
        assertFalse(reference.alerts().isEmpty());

        Random random = new Random(7);
        List<String> body = new ArrayList<>(clean.subList(1, clean.size()));
        Collections.shuffle(body.subList(2000, 2400), random); // a stretch out of order
        List<String> corrupt = new ArrayList<>();
        corrupt.add("\uFEFF" + clean.get(0));
        Map<Long, RejectCode> expected = new LinkedHashMap<>();
        for (int i = 0; i < body.size(); i++) {
            corrupt.add(body.get(i));
            if (i % 97 == 13) {
                corrupt.add(body.get(i)); // the same row twice
            }
            if (i % 151 == 5) {
                Map.Entry<RejectCode, String> bad = DAMAGE.get(expected.size() % DAMAGE.size());
                corrupt.add(bad.getValue());
                expected.put((long) corrupt.size(), bad.getKey());
            }
        }
        Replayed damaged = replay(String.join("\r\n", corrupt).getBytes(StandardCharsets.UTF_8));

        assertEquals(reference.alerts(), damaged.alerts());
        Map<Long, RejectCode> reported = new LinkedHashMap<>();
        for (RejectedRow r : damaged.report().rejected()) {
            reported.put(r.line(), r.code());
        }
        assertEquals(expected, reported);
        assertEquals(reference.report().stored(), damaged.report().stored());
    }
}
