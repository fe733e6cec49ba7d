package fr.vigie.adapter.feed;

import fr.vigie.domain.FeedRow;
import fr.vigie.domain.RejectedRow;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StockReportJsonTest {

    private static List<FeedRow> parse(String items) {
        return StockReportJson.parse("{\"facilityId\": \"CHU-IDF-01\", \"reportedAt\": \"2025-11-02T05:00:00Z\", \"items\": [" + items + "]}",
                List.of("HFNC-PED", "FFP2")::contains);
    }

    private static RejectedRow refused(FeedRow row) {
        return assertInstanceOf(FeedRow.Rejected.class, row).rejection();
    }

    @Test
    void aReportWithAKeyGivenTwiceIsRefusedWhole() {
        List<FeedRow> rows = parse("{\"deviceId\": \"HFNC-PED\", \"onHand\": 500, \"onHand\": 5}");
        assertEquals(1, rows.size(), rows.toString());
        assertEquals(0, refused(rows.get(0)).line(), "not a report at all: 400, nothing stored");
        assertTrue(refused(rows.get(0)).message().contains("onHand"), refused(rows.get(0)).message());
    }

    @Test
    void anItemOfAnotherFacilityOrTimeIsRefusedNotStoredUnderTheReports() {
        List<FeedRow> rows = parse("{\"deviceId\": \"HFNC-PED\", \"onHand\": 5, \"facilityId\": \"CH-HDF-03\"},"
                + "{\"deviceId\": \"FFP2\", \"onHand\": 7, \"reportedAt\": \"2025-11-01T05:00:00Z\"},"
                + "{\"deviceId\": \"FFP2\", \"onHand\": 9, \"facilityId\": \"CHU-IDF-01\", \"reportedAt\": \"2025-11-02T06:00:00+01:00\"}");
        assertTrue(refused(rows.get(0)).message().startsWith("élément 1 : facilityId \"CH-HDF-03\" différent"), refused(rows.get(0)).message());
        assertTrue(refused(rows.get(1)).message().startsWith("élément 2 : reportedAt"), refused(rows.get(1)).message());
        assertEquals(9, assertInstanceOf(FeedRow.Accepted.class, rows.get(2)).snapshot().onHand(), "the report's own facility and time (another offset) repeated are fine");
    }

    @Test
    void aMisspeltFieldRefusesItsItemRatherThanLosingItsValue() {
        List<FeedRow> rows = parse("{\"deviceId\": \"HFNC-PED\", \"onHand\": 620, \"recieved\": 500},"
                + "{\"deviceId\": \"FFP2\", \"onHand\": 70, \"lot\": \"A12\"}");
        assertTrue(refused(rows.get(0)).message().contains("« recieved » : vouliez-vous dire « received » ?"), refused(rows.get(0)).message());
        assertEquals(70, assertInstanceOf(FeedRow.Accepted.class, rows.get(1)).snapshot().onHand(), "a field of its own is read past");
    }

    @Test
    void aByteOrderMarkIsReadPastAndASyntaxErrorNamesItsLine() {
        FeedRow row = StockReportJson.parse("\uFEFF{\"facilityId\": \"CHU-IDF-01\", \"reportedAt\": \"2025-11-02T05:00:00Z\","
                + " \"items\": [{\"deviceId\": \"FFP2\", \"onHand\": 70}]}", "FFP2"::equals).get(0);
        assertEquals(70, assertInstanceOf(FeedRow.Accepted.class, row).snapshot().onHand());
        RejectedRow broken = refused(StockReportJson.parse("{\"facilityId\": \"CHU-IDF-01\",\n \"items\": [}", "FFP2"::equals).get(0));
        assertTrue(broken.message().startsWith("JSON illisible ligne 2"), broken.message());
    }

    /** A valid item with {@code field} set to the JSON {@code value}. */
    private static String item(String field, String value) {
        Map<String, String> fields = new LinkedHashMap<>(Map.of("deviceId", "\"HFNC-PED\"", "onHand", "5"));
        fields.put(field, value);
        StringJoiner item = new StringJoiner(", ", "{", "}");
        fields.forEach((name, json) -> item.add("\"" + name + "\": " + json));
        return item.toString();
    }

    @Test
    void aFieldOfTheWrongJsonTypeIsNamedWithTheTypeExpectedNotReadAsText() {
        for (String field : List.of("deviceId", "expectedDelivery", "facilityId", "reportedAt")) {
            for (String value : List.of("[\"HFNC-PED\"]", "{\"id\": \"HFNC-PED\"}", "12", "true")) {
                RejectedRow r = refused(parse(item(field, value)).get(0));
                assertTrue(r.message().startsWith("élément 1 : " + field + " : texte attendu"), field + " " + value + " → " + r.message());
            }
        }
        for (String field : List.of("onHand", "consumed", "received", "onOrder")) {
            for (String value : List.of("[120]", "{\"n\": 120}", "true")) {
                RejectedRow r = refused(parse(item(field, value)).get(0));
                assertTrue(r.message().startsWith("élément 1 : " + field + " : nombre attendu"), field + " " + value + " → " + r.message());
            }
            // a quantity quoted by a spreadsheet's export is read as a CSV cell is: kept, or refused by the cell's own rule
            assertInstanceOf(FeedRow.Accepted.class, parse(item(field, "\"120\"")).get(0), field);
            assertFalse(refused(parse(item(field, "\"12a\"")).get(0)).message().contains("nombre attendu"), field);
        }
        for (String report : List.of("{\"facilityId\": [\"CHU-IDF-01\"], \"reportedAt\": \"2025-11-02T05:00:00Z\"",
                "{\"facilityId\": \"CHU-IDF-01\", \"reportedAt\": 1762059600")) {
            RejectedRow whole = refused(StockReportJson.parse(report + ", \"items\": [{\"deviceId\": \"FFP2\", \"onHand\": 70}]}", "FFP2"::equals).get(0));
            assertEquals(0, whole.line(), "the report's own field: nothing of it can be stored");
            assertTrue(whole.message().contains(" : texte attendu"), whole.message());
        }
        assertEquals(120, assertInstanceOf(FeedRow.Accepted.class, parse("{\"deviceId\": \"HFNC-PED\", \"onHand\": 120, \"consumed\": null}")
                .get(0)).snapshot().onHand(), "null is an optional field left out");
    }
}
