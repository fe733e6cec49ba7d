package fr.vigie.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import fr.vigie.adapter.feed.FeedCsvReader;
import fr.vigie.adapter.feed.FeedFormatException;
import fr.vigie.domain.FeedRow;
import fr.vigie.adapter.feed.StockReportJson;
import fr.vigie.adapter.feed.WatchlistJson;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.WatchlistValidator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Set;

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

    @FuzzTest(maxDuration = "60s")
    void csvFeedAnswersOnlyValidSnapshotsOrRejections(byte[] input) throws IOException {
        FeedCsvReader reader;
        try {
            reader = new FeedCsvReader(new ByteArrayInputStream(input), KNOWN::contains);
        } catch (FeedFormatException refusedWholeFile) {
            return;
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

    static void assertValid(Snapshot s) {
        assertTrue(KNOWN.contains(s.deviceId()));
        assertFalse(s.facilityId().isBlank());
        assertTrue(s.onHand() >= 0 && s.onHand() < 100_000_000L);
        for (Long q : new Long[]{s.consumed(), s.received(), s.onOrder()}) {
            assertTrue(q == null || q >= 0);
        }
    }
}
