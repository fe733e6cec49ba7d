package fr.vigie.app;

import fr.vigie.adapter.feed.FeedCsvReader;
import fr.vigie.adapter.feed.JsonLinesChannels;
import fr.vigie.adapter.memory.MemoryWatchlist;
import fr.vigie.domain.RejectedRow;
import fr.vigie.domain.SnapshotAdmission;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17, "Time and identity of a snapshot": far-dated rows are refused with their line and
 * {@code TIMESTAMP_OUT_OF_RANGE} and change no alert; ids outside the one rule are refused; a replay
 * never aborts on a row.
 */
class SnapshotTimeTest {

    static final String HEADER = "timestamp,facility_id,device_id,on_hand,consumed,received,on_order,expected_delivery\n";
    static final Clock DECEMBER_2026 = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    record Replayed(List<String> alerts, IngestionReport report) {
    }

    /** A falling stock of FFP2 at CH-BRE-08, 40 a day from 1200, from 2025-10-01. */
    static List<String> falling(int days) {
        List<String> rows = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            rows.add(Instant.parse("2025-10-01T05:00:00Z").plus(Duration.ofDays(d)) + ",CH-BRE-08,FFP2," + (1200 - 40 * d) + ",40,0,0,");
        }
        return rows;
    }

    static Replayed replay(List<String> rows) throws Exception {
        MemoryWatchlist watchlist = MemoryWatchlist.of(SampleSeason.watchlist("season-a"));
        StringWriter out = new StringWriter();
        FeedCsvReader reader = new FeedCsvReader(new StringReader(HEADER + String.join("\n", rows)), watchlist::knows);
        SeasonReplay.Summary s = InMemoryAlerting.replay(watchlist, JsonLinesChannels.to(out),
                        i -> i.within(SnapshotAdmission.Window.DEFAULT, DECEMBER_2026))
                .run(reader::next, (d, t) -> { });
        return new Replayed(out.toString().lines().map(l -> l.replaceAll(".*\"level\":\"([A-Z]+)\".*\"at\":\"([^\"]+)\".*", "$1 $2")).toList(),
                s.ingestion());
    }

    static Map<Long, RejectedRow.RejectCode> rejected(IngestionReport r) {
        Map<Long, RejectedRow.RejectCode> m = new java.util.TreeMap<>();
        r.rejected().forEach(x -> m.put(x.line(), x.code()));
        return m;
    }

    @Test
    void threeRowsDated2099DoNotSuppressTheRealCritical() throws Exception {
        List<String> clean = falling(30);
        Replayed reference = replay(clean);
        assertTrue(reference.alerts().stream().anyMatch(a -> a.startsWith("CRITICAL")), reference.alerts().toString());

        List<String> hostile = new ArrayList<>(clean);
        for (int i = 0; i < 3; i++) {
            hostile.add(5 + i, "2099-01-0" + (i + 1) + "T05:00:00Z,CH-BRE-08,FFP2,5000,0,0,0,");
        }
        Replayed attacked = replay(hostile);
        assertEquals(reference.alerts(), attacked.alerts());
        assertEquals(Map.of(7L, RejectedRow.RejectCode.TIMESTAMP_OUT_OF_RANGE, 8L, RejectedRow.RejectCode.TIMESTAMP_OUT_OF_RANGE,
                9L, RejectedRow.RejectCode.TIMESTAMP_OUT_OF_RANGE), rejected(attacked.report()));
    }

    @Test
    void rowsOfYear10000And1970AreRefusedAndTheReplayGoesOn() throws Exception {
        List<String> clean = falling(30);
        List<String> far = new ArrayList<>(clean);
        far.add(10, "+10000-01-05T05:00:00Z,CH-BRE-08,FFP2,300,40,0,0,");
        far.add(12, "1970-01-01T00:00:00Z,CH-BRE-08,FFP2,300,40,0,0,");
        far.add("1970-01-02T00:00:00Z,CH-BRE-08,FFP2,300,40,0,0,");
        Replayed replayed = replay(far);
        assertEquals(replay(clean).alerts(), replayed.alerts());
        assertEquals(Map.of(12L, RejectedRow.RejectCode.TIMESTAMP_OUT_OF_RANGE, 14L, RejectedRow.RejectCode.TIMESTAMP_OUT_OF_RANGE,
                34L, RejectedRow.RejectCode.TIMESTAMP_OUT_OF_RANGE), rejected(replayed.report()));
            // first in the feed, a 1970 row is the replay's own clock: it must be refused all the same
        List<String> first = new ArrayList<>(clean);
        first.add(0, "1970-01-01T00:00:00Z,CH-BRE-08,FFP2,300,40,0,0,");
        Replayed leading = replay(first);
        assertEquals(replay(clean).alerts(), leading.alerts());
        assertEquals(Map.of(2L, RejectedRow.RejectCode.TIMESTAMP_OUT_OF_RANGE), rejected(leading.report()));
    }

    @Test
    void aLateRowNeverMakesLaterRowsLookLate() throws Exception {
        List<String> rows = new ArrayList<>(falling(30));
        rows.add(20, "2025-01-01T05:00:00Z,CH-BRE-08,FFP2,900,40,0,0,"); // 9 months late: within 400 days, kept
        Replayed replayed = replay(rows);
        assertEquals(Map.of(), rejected(replayed.report()));
        assertEquals(31, replayed.report().stored());
    }

    @Test
    void identifiersOutsideTheOneRuleAreRefusedOnEveryPath() throws Exception {
        List<String> rows = new ArrayList<>(falling(3));
        rows.add("2025-10-04T05:00:00Z,\"=HYPERLINK(\"\"http://x\"\")\",FFP2,100,40,0,0,");
        rows.add("2025-10-04T05:00:00Z,<script>,FFP2,100,40,0,0,");
        rows.add("2025-10-04T05:00:00Z,CH-A#DEV#X,FFP2,100,40,0,0,");
        rows.add("2025-10-04T05:00:00Z,\"CH-A\nX\",FFP2,100,40,0,0,");
        rows.add("2025-10-04T05:00:00Z,ch-bre-08,FFP2,100,40,0,0,");
        Replayed replayed = replay(rows);
        assertEquals(3, replayed.report().stored());
        assertEquals(List.of(RejectedRow.RejectCode.INVALID_IDENTIFIER), replayed.report().rejected().stream()
                .map(RejectedRow::code).distinct().toList());
        assertEquals(5, replayed.report().rejectedCount());
    }

    @Test
    void unknownFacilitiesAreRefusedWhenTheRegistryHoldsSome() {
        fr.vigie.adapter.memory.MemorySnapshotStore snapshots = new fr.vigie.adapter.memory.MemorySnapshotStore();
        SnapshotIngestion ingestion = new SnapshotIngestion(snapshots).within(SnapshotAdmission.Window.DEFAULT, DECEMBER_2026)
                .admittingFacilities(java.util.Set.of("CH-BRE-08")::contains);
        var rows = List.<fr.vigie.domain.FeedRow>of(
                new fr.vigie.domain.FeedRow.Accepted(2, new fr.vigie.domain.Snapshot("CH-BRE-08", "FFP2", Instant.parse("2026-11-30T05:00:00Z"), 10, null, null, null, null)),
                new fr.vigie.domain.FeedRow.Accepted(3, new fr.vigie.domain.Snapshot("CH-BRE-80", "FFP2", Instant.parse("2026-11-30T05:00:00Z"), 10, null, null, null, null)),
                new fr.vigie.domain.FeedRow.Accepted(4, new fr.vigie.domain.Snapshot("CH-BRE-08", "FFP2", Instant.parse("2026-12-03T05:00:00Z"), 10, null, null, null, null)),
                new fr.vigie.domain.FeedRow.Accepted(5, new fr.vigie.domain.Snapshot("CH-BRE-08", "FFP2", Instant.parse("2025-10-01T05:00:00Z"), 10, null, null, null, null)));
        IngestionReport report = ingestion.ingest(rows, s -> { });
        assertEquals(1, report.stored());
        assertEquals(Map.of(3L, RejectedRow.RejectCode.UNKNOWN_FACILITY, 4L, RejectedRow.RejectCode.TIMESTAMP_OUT_OF_RANGE,
                5L, RejectedRow.RejectCode.TIMESTAMP_OUT_OF_RANGE), rejected(report));
    }
}
