package fr.vigie.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.vigie.adapter.feed.FeedCsvReader;
import fr.vigie.adapter.feed.FeedFormatException;
import fr.vigie.domain.FeedRow;
import fr.vigie.adapter.feed.StockReportJson;
import fr.vigie.adapter.feed.WatchlistJson;
import fr.vigie.adapter.memory.MemorySnapshotStore;
import fr.vigie.app.IngestionReport;
import fr.vigie.app.SnapshotIngestion;
import fr.vigie.domain.Identifier;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.SnapshotAdmission;
import fr.vigie.domain.WatchlistValidator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parsers facing the outside world, fuzzed with Jazzer: whatever the bytes, they answer with
 * accepted rows that respect the contract or clean rejections, never an exception. Under plain
 * {@code mvn test} the seeds in src/test/resources run (regression mode); {@code JAZZER_FUZZ=1}
 * fuzzes for real (docs/reliability.md).
 */
class ParserFuzzTest {

    static final Set<String> KNOWN = Set.of("HFNC-PED", "FFP2", "NP-SWAB");
    static final Set<String> REGISTERED = Set.of("CHU-IDF-01", "CH-BRE-08", "CHU-OCC-02");
    static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @FuzzTest(maxDuration = "60s")
    void csvFeedAnswersOnlyValidSnapshotsOrRejections(byte[] input) throws IOException {
        FeedCsvReader reader = readerOrNull(input);
        if (reader == null) {
            return; // the whole file refused (no usable header): a clean answer too
        }
        long previousLine = 0;
        for (FeedRow row = reader.next(); row != null; row = reader.next()) {
            assertTrue(row.line() > previousLine, "line numbers only grow");
            previousLine = row.line();
            if (row instanceof FeedRow.Accepted accepted) {
                assertValid(accepted.snapshot());
            } else {
                assertFalse(((FeedRow.Rejected) row).rejection().message().isBlank());
            }
        }
    }

    /**
     * Whatever the feed (either separator), what ingestion stores passes the admission rules: ids of
     * the one rule, times within the window around the time received (so within the years the keys
     * sort), registered facilities only; everything else is a rejection with a line and a reason.
     */
    @FuzzTest(maxDuration = "60s")
    void ingestionStoresOnlyAdmissibleSnapshots(byte[] input) throws IOException {
        FeedCsvReader reader = readerOrNull(input);
        if (reader == null) {
            return; // the whole file refused (no usable header): a clean answer too
        }
        List<Snapshot> stored = new ArrayList<>();
        IngestionReport report = new SnapshotIngestion(new MemorySnapshotStore())
                .within(SnapshotAdmission.Window.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC))
                .admittingFacilities(REGISTERED::contains)
                .ingest(reader::next, stored::add);
        for (Snapshot s : stored) {
            assertValid(s);
            assertTrue(Identifier.valid(s.facilityId()) && REGISTERED.contains(s.facilityId()), s.facilityId());
            assertFalse(s.timestamp().isAfter(NOW.plus(Duration.ofDays(1))), s.timestamp().toString());
            assertFalse(s.timestamp().isBefore(NOW.minus(Duration.ofDays(400))), s.timestamp().toString());
        }
        assertEquals(report.read(), report.stored() + report.duplicates() + report.rejectedCount());
        report.rejected().forEach(r -> assertTrue(r.line() >= 2 && !r.message().isBlank(), r.toString()));
    }

    @FuzzTest(maxDuration = "60s")
    void jsonReportAnswersOnlyValidSnapshotsOrRejections(String input) {
        for (FeedRow row : StockReportJson.parse(input, KNOWN::contains)) {
            if (row instanceof FeedRow.Accepted accepted) {
                assertValid(accepted.snapshot());
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void watchlistIsValidOrNamesItsViolations(String input) {
        WatchlistValidator.Result result = WatchlistJson.parseList(input);
        assertTrue(result.valid() != !result.violations().isEmpty() || result.entries().isEmpty());
        result.entries().forEach(e -> assertTrue(e.thresholds().criticalDays() < e.thresholds().warningDays()));
    }

    static FeedCsvReader readerOrNull(byte[] input) throws IOException {
        try {
            return new FeedCsvReader(new ByteArrayInputStream(input), KNOWN::contains);
        } catch (FeedFormatException refusedWholeFile) {
            return null;
        }
    }

    static void assertValid(Snapshot s) {
        assertTrue(KNOWN.contains(s.deviceId()));
        assertFalse(s.facilityId().isBlank());
        assertTrue(s.onHand() >= 0 && s.onHand() < 100_000_000L);
        for (Long q : new Long[]{s.consumed(), s.received(), s.onOrder()}) {
            assertTrue(q == null || q >= 0);
        }
    }
}
