package fr.vigie.adapter.feed;

import fr.vigie.domain.Excerpt;
import fr.vigie.domain.FeedRow;
import fr.vigie.domain.notice.NoticeValidator;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every refusal of a value quotes its first {@value Excerpt#MAX} characters and « … », never the whole value. */
class LongValuesQuotedTest {

    private static final String LONG = "X".repeat(3_000) + "-END";

    private static void quotedShort(Object refusal) {
        String text = String.valueOf(refusal);
        assertTrue(text.contains("X".repeat(Excerpt.MAX - 2) + "…"), text.length() > 300 ? text.substring(0, 300) : text);
        assertFalse(text.contains("X".repeat(Excerpt.MAX + 1)), "the value came back whole: " + text.length() + " characters");
    }

    private static void allQuotedShort(List<?> refusals) {
        assertFalse(refusals.isEmpty(), "refused");
        refusals.forEach(LongValuesQuotedTest::quotedShort);
    }

    @Test
    void aLongValueIsQuotedByItsFirstCharactersInEveryFormat() throws Exception {
        FeedRow csv = FeedCsvReaderTest.read(FeedCsvReaderTest.HEADER + "\n2025-11-02T05:00:00Z,CHU-IDF-01," + LONG + ",120,,,,\n").get(0);
        quotedShort(assertInstanceOf(FeedRow.Rejected.class, csv).rejection());
        FeedRow json = StockReportJson.parse("{\"facilityId\": \"CHU-IDF-01\", \"reportedAt\": \"2025-11-02T05:00:00Z\","
                + " \"items\": [{\"deviceId\": \"" + LONG + "\", \"onHand\": 5}]}", "FFP2"::equals).get(0);
        quotedShort(assertInstanceOf(FeedRow.Rejected.class, json).rejection());
        FeedRow conflict = StockReportJson.parse("{\"facilityId\": \"CHU-IDF-01\", \"reportedAt\": \"2025-11-02T05:00:00Z\","
                + " \"items\": [{\"deviceId\": \"FFP2\", \"onHand\": 5, \"facilityId\": \"" + LONG + "\"}]}", "FFP2"::equals).get(0);
        quotedShort(assertInstanceOf(FeedRow.Rejected.class, conflict).rejection());
        allQuotedShort(WatchlistJson.parseList("[{\"deviceId\": \"" + LONG + "\", \"name\": \"n\", \"epidemics\": [\"FLU\"], \"unit\": \"u\","
                + " \"season\": {\"start\": \"10-01\", \"end\": \"03-31\"}, \"thresholds\": {\"warningDays\": 21, \"criticalDays\": 10}}]")
                .violations());
        allQuotedShort(FacilityJson.parse(Json.readInput("{\"facilityId\": \"" + LONG + "\", \"name\": \"n\", \"region\": \"11\"}"))
                .violations());
        allQuotedShort(new NoticeValidator().validateAll(NoticeJson.drafts("[{\"noticeId\": \"" + LONG + "\", \"publishedAt\": \"2025-11-03\","
                        + " \"status\": \"RISK\", \"kind\": \"DELAY\", \"references\": [{\"supplier\": \"A\", \"ref\": \"B\"}]},"
                        + " {\"noticeId\": \"DM-2025-0142\", \"publishedAt\": [\"" + LONG + "\"], \"status\": \"RISK\", \"kind\": \"DELAY\","
                        + " \"references\": [{\"supplier\": \"A\", \"ref\": \"B\"}]}]"), Instant.parse("2025-11-04T00:00:00Z"))
                .violations());
        allQuotedShort(EpidemicCsv.read("region,epidemic,week,intensity,published\n" + LONG + ",FLU,2025-W47,12.4,2025-11-26\n", LocalDate.of(2025, 12, 1))
                .rejected());
    }
}
