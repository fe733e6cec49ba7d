package fr.vigie.adapter.feed;

import fr.vigie.domain.FeedRow;
import fr.vigie.domain.RejectedRow.RejectCode;
import fr.vigie.domain.Snapshot;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedCsvReaderTest {

    static final String HEADER = "timestamp,facility_id,device_id,on_hand,consumed,received,on_order,expected_delivery";

    static List<FeedRow> read(String csv) throws IOException, FeedFormatException {
        FeedCsvReader reader = new FeedCsvReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                Set.of("HFNC-PED", "FFP2")::contains);
        List<FeedRow> rows = new ArrayList<>();
        for (FeedRow r = reader.next(); r != null; r = reader.next()) {
            rows.add(r);
        }
        return rows;
    }

    static Snapshot accepted(FeedRow row) {
        return assertInstanceOf(FeedRow.Accepted.class, row).snapshot();
    }

    static RejectCode rejected(FeedRow row) {
        return assertInstanceOf(FeedRow.Rejected.class, row).rejection().code();
    }

    @Test
    void readsTheSpecRow() throws Exception {
        Snapshot s = accepted(read(HEADER + "\n2025-11-02T05:00:00Z,CHU-IDF-01,HFNC-PED,120,31,0,200,2025-11-05\n").get(0));
        assertEquals(new Snapshot("CHU-IDF-01", "HFNC-PED", Instant.parse("2025-11-02T05:00:00Z"), 120, 31L, 0L, 200L,
                LocalDate.of(2025, 11, 5)), s);
    }

    @Test
    void acceptsByteOrderMarkCrlfQuotesOffsetsAndEmptyOptionalFields() throws Exception {
        String csv = "\uFEFF" + HEADER + "\r\n\"2025-11-02T06:00:00+01:00\",\"CHU, Nord\",HFNC-PED,120,,,,\r\n";
        Snapshot s = accepted(read(csv).get(0));
        assertEquals(Instant.parse("2025-11-02T05:00:00Z"), s.timestamp());
        assertEquals("CHU, Nord", s.facilityId());
        assertNull(s.consumed());
        assertNull(s.expectedDelivery());
    }

    @Test
    void acceptsColumnsInAnyOrderAndWithoutTheOptionalOnes() throws Exception {
        Snapshot s = accepted(read("device_id,on_hand,facility_id,timestamp\nFFP2,5,CH-1,2025-11-02T05:00:00Z\n").get(0));
        assertEquals(5, s.onHand());
        assertNull(s.onOrder());
    }

    @Test
    void rejectsEachBadRowWithItsLineAndReasonAndKeepsTheGoodOnes() throws Exception {
        List<FeedRow> rows = read(HEADER + "\n"
                + "2025-11-02T05:00:00Z,CH-1,HFNC-PED,120,31,0,200,2025-11-05\n"  // line 2: good
                + "2025-11-02 05:00,CH-1,HFNC-PED,120,31,0,200,\n"                // 3: timestamp without offset
                + "2025-11-02T05:00:00Z,CH-1,HFNC-PED,douze,31,0,200,\n"          // 4: not a number
                + "2025-11-02T05:00:00Z,CH-1,HFNC-PED,-3,31,0,200,\n"             // 5: negative stock
                + "2025-11-02T05:00:00Z,CH-1,UNKNOWN,3,31,0,200,\n"               // 6: unknown device
                + "2025-11-02T05:00:00Z,,HFNC-PED,3,31,0,200,\n"                  // 7: empty facility
                + "2025-11-02T05:00:00Z,CH-1,HFNC-PED,3\n"                        // 8: missing columns
                + "2025-11-02T05:00:00Z,CH-1,HFNC-PED,999999999999,1,0,0,\n"      // 9: absurd
                + "2025-11-02T05:00:00Z,CH-1,HFNC-PED,3,1.5,0,0,\n"               // 10: not an integer
                + "2025-11-02T05:00:00Z,CH-1,HFNC-PED,3,1,0,0,2025-13-01\n"       // 11: bad date
                + "2025-11-03T05:00:00Z,CH-1,FFP2,7,1,0,0,\n");                   // 12: good
        assertEquals(11, rows.size());
        accepted(rows.get(0));
        assertEquals(List.of(RejectCode.INVALID_TIMESTAMP, RejectCode.INVALID_NUMBER, RejectCode.NEGATIVE_VALUE,
                        RejectCode.UNKNOWN_DEVICE, RejectCode.EMPTY_FACILITY, RejectCode.MISSING_COLUMN, RejectCode.ABSURD_NUMBER,
                        RejectCode.INVALID_NUMBER, RejectCode.INVALID_DATE),
                rows.subList(1, 10).stream().map(FeedCsvReaderTest::rejected).toList());
        assertEquals(List.of(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), rows.subList(1, 10).stream().map(FeedRow::line).toList());
        assertEquals(12, rows.get(10).line());
        accepted(rows.get(10));
    }

    @Test
    void aPromisedDeliveryDatedLongBeforeItsSnapshotIsADefaultDateLeftOutAndTheRowKeptInBothFormats() throws Exception {
        List<FeedRow> rows = read(HEADER + "\n"
                + "2025-11-02T05:00:00Z,CH-1,HFNC-PED,120,31,0,200,1899-12-30\n"   // a spreadsheet's day 0
                + "2025-11-02T05:00:00Z,CH-1,FFP2,120,31,0,200,1970-01-01\n"       // the Unix origin
                + "2025-11-03T05:00:00Z,CH-1,HFNC-PED,120,31,0,200,2015-11-05\n"   // 2025 mistyped
                + "2025-11-03T05:00:00Z,CH-1,FFP2,120,31,0,200,2024-09-29\n");     // 400 days late: still a promise
        for (FeedRow row : rows.subList(0, 3)) {
            Snapshot s = accepted(row);
            assertNull(s.expectedDelivery(), row.toString());
            assertEquals(200L, s.onOrder(), "the stock and the order are kept");
        }
        assertEquals(LocalDate.of(2024, 9, 29), accepted(rows.get(3)).expectedDelivery());
        assertAJsonItemPromisedOnIsNoDate("1899-12-30");
    }

    @Test
    void aPromisedDeliveryDatedFarAfterItsSnapshotIsNoDateLeftOutAndAYearOfMoreThanFourDigitsIsNoDate() throws Exception {
        List<FeedRow> rows = read(HEADER + "\n"
                + "2025-11-02T05:00:00Z,CH-1,HFNC-PED,120,31,0,200,9999-12-31\n"   // an ERP's "no date"
                + "2025-11-02T05:00:00Z,CH-1,FFP2,120,31,0,200,2205-11-05\n"       // 2025 mistyped
                + "2025-11-03T05:00:00Z,CH-1,FFP2,120,31,0,200,2026-12-08\n"       // 400 days ahead: still a promise
                + "2025-11-03T05:00:00Z,CH-1,HFNC-PED,120,31,0,200,+999999999-12-31\n");
        for (FeedRow row : rows.subList(0, 2)) {
            assertNull(accepted(row).expectedDelivery(), row.toString());
            assertEquals(200L, accepted(row).onOrder(), "the stock and the order are kept");
        }
        assertEquals(LocalDate.of(2026, 12, 8), accepted(rows.get(2)).expectedDelivery());
        assertTrue(rows.get(3) instanceof FeedRow.Rejected r && r.rejection().code() == RejectCode.INVALID_DATE, rows.get(3).toString());
        assertAJsonItemPromisedOnIsNoDate("9999-12-31");
    }

    /** A JSON report's item promised on {@code day} goes through the same rule as a CSV row: its promise left out. */
    private static void assertAJsonItemPromisedOnIsNoDate(String day) {
        FeedRow item = StockReportJson.parse("{\"facilityId\": \"CH-1\", \"reportedAt\": \"2025-11-02T05:00:00Z\", \"items\": "
                + "[{\"deviceId\": \"FFP2\", \"onHand\": 5, \"onOrder\": 40, \"expectedDelivery\": \"" + day + "\"}]}",
                Set.of("FFP2")::contains).get(0);
        assertNull(accepted(item).expectedDelivery(), day);
    }

    @Test
    void aQuotedLineBreakKeepsLaterLineNumbersTrue() throws Exception {
        List<FeedRow> rows = read(HEADER + "\n2025-11-02T05:00:00Z,\"CH\n1\",HFNC-PED,1,,,,\n2025-11-02T05:00:00Z,CH-1,NOPE,1,,,,\n");
        assertEquals(2, rows.get(0).line());
        assertEquals(4, rows.get(1).line());
    }

    @Test
    void aStrayQuoteRefusesItsOwnLineOnlyAndTheLaterRowsAreKept() throws Exception {
        String good = "2025-11-03T05:00:00Z,CHU-IDF-01,HFNC-PED,100,,,,\n";
        // never closed: it would swallow the rest of the file into one field
        List<FeedRow> unclosed = read(HEADER + "\n2025-11-02T05:00:00Z,\"CHU-IDF-01,HFNC-PED,120,31,0,200,2025-11-05\n"
                + good + good.replace("03T", "04T"));
        assertEquals(3, unclosed.size(), unclosed.toString());
        assertEquals(RejectCode.MALFORMED_QUOTES, rejected(unclosed.get(0)));
        assertEquals(2, unclosed.get(0).line());
        assertEquals(3, unclosed.get(1).line());
        assertEquals(Instant.parse("2025-11-04T05:00:00Z"), accepted(unclosed.get(2)).timestamp());
        List<FeedRow> unclosedCrlf = read(HEADER + "\r\n2025-11-02T05:00:00Z,\"CHU-IDF-01,HFNC-PED,120,,,,\r\n"
                + good.replace("\n", "\r\n") + good.replace("03T", "04T").replace("\n", "\r\n"));
        assertEquals(List.of(2L, 3L, 4L), unclosedCrlf.stream().map(FeedRow::line).toList(), unclosedCrlf.toString());
        accepted(unclosedCrlf.get(1));
        accepted(unclosedCrlf.get(2));
        // "closed" by the opening quote of a later field: the text after that quote shows it
        List<FeedRow> closedLater = read(HEADER + "\n2025-11-02T05:00:00Z,CHU-IDF-01,HFNC-PED,\"120,31,0,200,2025-11-05\n"
                + good + "2025-11-04T05:00:00Z,CHU-IDF-01,HFNC-PED,\"100\",,,,\n" + good.replace("03T", "05T"));
        assertEquals(List.of(2L, 3L, 4L, 5L), closedLater.stream().map(FeedRow::line).toList(), closedLater.toString());
        assertEquals(RejectCode.MALFORMED_QUOTES, rejected(closedLater.get(0)));
        assertEquals(100, accepted(closedLater.get(2)).onHand(), "a well-quoted field is still read");
        // text glued after a closing quote is not silently joined to it ("CHU"X read as CHUX)
        List<FeedRow> glued = read(HEADER + "\r\n2025-11-02T05:00:00Z,\"CHU\"X,HFNC-PED,120,,,,\r\n" + good);
        assertEquals(RejectCode.MALFORMED_QUOTES, rejected(glued.get(0)));
        accepted(glued.get(1));
        assertEquals(3, glued.get(1).line());
    }

    @Test
    void aLineLongerThanAnyRowIsRefusedWithoutHoldingItAndReadingGoesOn() throws Exception {
        String huge = "x".repeat(5_000_000);
        List<FeedRow> rows = read(HEADER + "\n2025-11-02T05:00:00Z,CHU-IDF-01,HFNC-PED,120,,,," + huge + "\n"
                + "2025-11-03T05:00:00Z,CHU-IDF-01,HFNC-PED,100,,,,\n" + "2025-11-04T05:00:00Z,\"" + huge + "\n"
                + "2025-11-05T05:00:00Z,CHU-IDF-01,HFNC-PED,90,,,,\n");
        assertEquals(List.of(2L, 3L, 4L, 5L), rows.stream().map(FeedRow::line).toList());
        assertEquals(RejectCode.LINE_TOO_LONG, rejected(rows.get(0)));
        assertEquals(100, accepted(rows.get(1)).onHand());
        assertEquals(RejectCode.LINE_TOO_LONG, rejected(rows.get(2)));
        assertEquals(90, accepted(rows.get(3)).onHand());
    }

    @Test
    void aHeaderWithoutARequiredColumnRefusesTheFile() {
        FeedFormatException e = assertThrows(FeedFormatException.class, () -> read("timestamp,facility_id,on_hand\n"));
        assertTrue(e.getMessage().contains("device_id"), e.getMessage());
        assertThrows(FeedFormatException.class, () -> read(""));
    }

    @Test
    void aSpreadsheetsSepLineDeclaresTheSeparatorAndCountsAsALine() throws Exception {
        for (String end : List.of("\n", "\r\n")) {
            List<FeedRow> rows = read("sep=;" + end + HEADER.replace(',', ';') + end + "2025-11-02T05:00:00Z;CHU-IDF-01;HFNC-PED;120;;;;" + end
                    + "2025-11-03T05:00:00Z;CHU-IDF-01;HFNC-PED;-1;;;;" + end);
            assertEquals(120, accepted(rows.get(0)).onHand(), end);
            assertEquals(4, assertInstanceOf(FeedRow.Rejected.class, rows.get(1)).rejection().line(), "the sep= line is line 1");
        }
    }

    @Test
    void aColumnGivenTwiceOrMisspeltRefusesTheFileRatherThanReadingOneOrDroppingIt() throws Exception {
        FeedFormatException twice = assertThrows(FeedFormatException.class,
                () -> read("timestamp,facility_id,device_id,on_hand,On_Hand\n2025-11-02T05:00:00Z,CHU-IDF-01,HFNC-PED,9,120\n"));
        assertTrue(twice.getMessage().contains("on_hand en double") && twice.getMessage().contains("4 et 5"), twice.getMessage());
        // a typo of an optional column: its deliveries would be lost without a word
        FeedFormatException typo = assertThrows(FeedFormatException.class,
                () -> read("timestamp,facility_id,device_id,on_hand,consumed,recieved\n2025-11-02T05:00:00Z,CHU-IDF-01,HFNC-PED,620,20,500\n"));
        assertTrue(typo.getMessage().contains("« recieved » : vouliez-vous dire « received »"), typo.getMessage());
        assertThrows(FeedFormatException.class, () -> read("timestamp,facility_id,device_id,on_hnd\n"));
        // a French export: its consumption would be dropped
        FeedFormatException french = assertThrows(FeedFormatException.class,
                () -> read("timestamp,facility_id,device_id,on_hand,Consommation\n2025-11-02T05:00:00Z,CHU-IDF-01,HFNC-PED,620,20\n"));
        assertTrue(french.getMessage().contains("« consommation » : vouliez-vous dire « consumed »"), french.getMessage());
        // a column of its own (a comment, a ward, a reserved stock, an order number) is read past, and so is a repeated one
        assertEquals(120, accepted(read("timestamp,facility_id,device_id,on_hand,service,service,remarque,reserved,commande\n"
                + "2025-11-02T05:00:00Z,CHU-IDF-01,HFNC-PED,120,réa,néonat,ok,10,C-1234\n").get(0)).onHand());
    }

    @Test
    void aUtf16FileIsRefusedForItsEncodingNotForColumnsItVisiblyHas() {
        // Excel's "Texte Unicode" export: UTF-16LE with its byte-order mark
        byte[] utf16 = ("\uFEFF" + HEADER + "\r\n2025-11-02T05:00:00Z,CHU-IDF-01,HFNC-PED,120,,,,\r\n").getBytes(StandardCharsets.UTF_16LE);
        FeedFormatException e = assertThrows(FeedFormatException.class,
                () -> new FeedCsvReader(new ByteArrayInputStream(utf16), Set.of("HFNC-PED")::contains));
        assertTrue(e.getMessage().contains("UTF-8") && !e.getMessage().contains("colonnes obligatoires"), e.getMessage());
    }

    @Test
    void aGzipFileIsToldToBeDecompressedNotToBeSavedAsUtf8() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write((HEADER + "\n2025-11-02T05:00:00Z,CHU-IDF-01,HFNC-PED,120,,,,\n").getBytes(StandardCharsets.UTF_8));
        }
        FeedFormatException e = assertThrows(FeedFormatException.class,
                () -> new FeedCsvReader(new ByteArrayInputStream(gz.toByteArray()), Set.of("HFNC-PED")::contains));
        assertTrue(e.getMessage().startsWith("fichier compressé (gzip) : décompressez-le"), e.getMessage());
    }

    @Test
    void aJsonDocumentOrAWorkbookIsRefusedWholeForWhatItIsNotForItsColumns() {
        // a JSON report (spec section 2) saved where the CSV feed goes, pretty-printed or not, an array of rows, an .xlsx
        for (String document : java.util.List.of(
                "{\"facilityId\": \"CHU-IDF-01\", \"reportedAt\": \"2025-11-02T05:00:00Z\",\n \"items\": [{\"deviceId\": \"HFNC-PED\", \"onHand\": 120}]}",
                "{\n  \"facilityId\": \"CHU-IDF-01\",\n  \"items\": []\n}\n",
                "\uFEFF[{\"timestamp\": \"2025-11-02T05:00:00Z\", \"facility_id\": \"CHU-IDF-01\", \"device_id\": \"HFNC-PED\", \"on_hand\": 120}]")) {
            FeedFormatException e = assertThrows(FeedFormatException.class,
                    () -> new FeedCsvReader(new java.io.StringReader(document), Set.of("HFNC-PED")::contains));
            assertTrue(e.getMessage().startsWith("document JSON : un fichier CSV en UTF-8 est attendu"), e.getMessage());
        }
        byte[] xlsx = {'P', 'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0};
        FeedFormatException e = assertThrows(FeedFormatException.class,
                () -> new FeedCsvReader(new ByteArrayInputStream(xlsx), Set.of("HFNC-PED")::contains));
        assertTrue(e.getMessage().startsWith("archive zip ou classeur Excel (.xlsx)"), e.getMessage());
    }

    @Test
    void blankLinesAreSkipped() throws Exception {
        assertEquals(1, read(HEADER + "\n\n2025-11-02T05:00:00Z,CH-1,FFP2,1,,,,\n\n").size());
    }

    @Test
    void aRowWithMoreFieldsThanTheHeaderIsRefusedNotShifted() throws Exception {
        List<FeedRow> rows = read(HEADER + "\n2025-11-06T05:00:00Z,CHU-OCC-02,HFNC-PED,1,700,60,0,,\n"
                + "2025-11-07T05:00:00Z,CHU-OCC-02,HFNC-PED,\"1,700\",60,0,,\n");
        assertEquals(RejectCode.TOO_MANY_FIELDS, rejected(rows.get(0)));
        assertEquals(2, rows.get(0).line());
        assertEquals(RejectCode.INVALID_NUMBER, rejected(rows.get(1)), "quoted, 1,700 is one field and still not an integer");
    }

    @Test
    void anExtraHeaderColumnLeftOutOfTheRowsDoesNotHideAnUnquotedThousandsSeparator() throws Exception {
        // field case thousands-comma-unquoted with a comment column the rows leave out: 1,700 then fits the header's 9 fields
        List<FeedRow> rows = read(HEADER + ",commentaire\n"
                + "2025-11-05T05:00:00Z,CHU-OCC-02,HFNC-PED,1760,60,0,,\n"
                + "2025-11-06T05:00:00Z,CHU-OCC-02,HFNC-PED,1,700,60,0,,\n");
        assertEquals(1760, accepted(rows.get(0)).onHand(), "a row may leave out a column Vigie does not read: nothing is lost");
        assertEquals(RejectCode.TOO_MANY_FIELDS, rejected(rows.get(1)), "1,700 must never be stored as on_hand 1");
        List<FeedRow> commented = read(HEADER + ",commentaire\n2025-11-05T05:00:00Z,CHU-OCC-02,HFNC-PED,1760,60,0,,\n"
                + "2025-11-06T05:00:00Z,CHU-OCC-02,HFNC-PED,1700,60,0,,,livraison partielle\n");
        assertEquals(1700, accepted(commented.get(1)).onHand(), "a later row carrying the comment is read");
        assertEquals(1640, accepted(read(HEADER + ",commentaire\n2025-11-07T05:00:00Z,CHU-OCC-02,HFNC-PED,1640,60,0,,,vu\n").get(0)).onHand(),
                "rows that hold the extra column are read");
        assertEquals(1640, accepted(read(HEADER + ",,\n2025-11-07T05:00:00Z,CHU-OCC-02,HFNC-PED,1640,60,0,,\n").get(0)).onHand(),
                "blank trailing header cells (a cleared spreadsheet column) ask for no field");
    }

    @Test
    void linesOfSeparatorsOnlyAreSkippedLikeBlankLines() throws Exception {
        List<FeedRow> rows = read(HEADER + "\r\n,,,,,,,\r\n2025-11-02T05:00:00Z,CHU-IDF-01,HFNC-PED,120,,,,\r\n , ,,,\r\n;;;\r\n");
        assertEquals(2, rows.size(), "';;;' in a ',' file is one field, not a blank line: " + rows);
        assertEquals(3, rows.get(0).line());
        assertEquals(RejectCode.MISSING_COLUMN, rejected(rows.get(1)));
    }

    @Test
    void aTabSeparatedExportIsReadAsTheSameRows() throws Exception {
        String rows = HEADER + "\n"
                + "2025-11-02T05:00:00Z,CHU-IDF-01,HFNC-PED,120,31,0,200,2025-11-05\n"
                + "2025-11-03T05:00:00Z,CHU-IDF-01,HFNC-PED,1 200,31,0,0,\n"
                + "\"2025-11-04T05:00:00Z\",\"CH, 2\",HFNC-PED,7,,,,\n";
        String tsv = rows.replace(',', '\t').replace("CH\t 2", "CH, 2");
        FeedCsvReader reader = new FeedCsvReader(new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8)), Set.of("HFNC-PED")::contains);
        assertEquals('\t', reader.separator());
        assertEquals("tabulation", FeedCsvReader.separatorName(reader.separator()));
        assertEquals(read(rows), read(tsv), "a tab-separated export reads as the comma-separated file");
        assertEquals(120, accepted(read(tsv).get(0)).onHand());
        assertEquals("CH, 2", accepted(read(tsv).get(2)).facilityId());
    }

    @Test
    void aSemicolonExportIsReadAndNumbersStayStrictIntegers() throws Exception {
        String csv = "\uFEFF" + HEADER.replace(',', ';') + "\r\n"
                + "2025-11-02T05:00:00Z;CHU-IDF-01;HFNC-PED;120;31;0;200;2025-11-05\r\n"
                + "2025-11-03T05:00:00Z;CHU-IDF-01;HFNC-PED;1 200;31;0;0;\r\n"
                + "2025-11-04T05:00:00Z;CHU-IDF-01;HFNC-PED;100;60,5;0;0;\r\n"
                + "2025-11-05T05:00:00Z;CHU-IDF-01;HFNC-PED;2000.0;31;0;0;\r\n"
                + "2025-11-06T05:00:00Z;CHU-IDF-01;HFNC-PED;90;1;0;0;;\r\n"
                + "\"2025-11-07T05:00:00Z\";\"CH; 2\";FFP2;7;;;;\r\n";
        FeedCsvReader reader = new FeedCsvReader(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), Set.of("HFNC-PED", "FFP2")::contains);
        assertEquals(';', reader.separator());
        List<FeedRow> rows = read(csv);
        assertEquals(120, accepted(rows.get(0)).onHand());
        assertEquals(List.of(RejectCode.INVALID_NUMBER, RejectCode.INVALID_NUMBER, RejectCode.INVALID_NUMBER, RejectCode.TOO_MANY_FIELDS),
                rows.subList(1, 5).stream().map(FeedCsvReaderTest::rejected).toList());
        assertEquals("CH; 2", accepted(rows.get(5)).facilityId());
        assertEquals(',', new FeedCsvReader(new ByteArrayInputStream((HEADER + "\n").getBytes(StandardCharsets.UTF_8)), d -> true).separator());
    }
}
