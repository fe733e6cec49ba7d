package fr.vigie.local;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertTexts;
import fr.vigie.domain.Region;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16: each field case of {@code ../shared/cases/field/} behaves as its {@code expect.txt} says,
 * through the code of {@code ./vigie replay} (the inventory-correction case is the forecast's).
 */
class FieldCasesTest {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/uuuu");

    static long count(String out, String label) {
        Matcher m = Pattern.compile(label + "\\s+(\\d+)").matcher(out);
        assertTrue(m.find(), label + " absent from: " + out);
        return Long.parseLong(m.group(1));
    }

    @Test
    void alertDatesParisMidnight(@TempDir Path dir) throws Exception {
        FieldCases.WithControl c = FieldCases.replayWithControl("alert-dates-paris-midnight", dir);
        assertFalse(c.feed().alerts().isEmpty(), "the case raises alerts: " + c.feed().out());
        for (AlertEvent e : c.feed().alerts()) {
            String body = AlertTexts.emailBody(e, "Canule nasale haut débit pédiatrique", "pièce");
            LocalDate parisDay = e.at().atZone(Region.PARIS).toLocalDate();
            assertTrue(body.contains("Constat du " + DAY.format(parisDay)), c.expect() + "\n" + e.at() + "\n" + body);
            assertFalse(parisDay.equals(e.at().atZone(java.time.ZoneOffset.UTC).toLocalDate()), "the case's rows are of the day before in UTC");
        }
        // the same stock counted at 05:00 UTC the same calendar days: the same days of findings
        assertEquals(c.control().alerts().stream().map(e -> constat(e)).toList(), c.feed().alerts().stream().map(e -> constat(e)).toList(), c.expect());
    }

    private static String constat(AlertEvent e) {
        Matcher m = Pattern.compile("Constat du (\\S+)").matcher(AlertTexts.emailBody(e, "x", "pièce"));
        assertTrue(m.find());
        return e.level() + " " + m.group(1);
    }

    @Test
    void excelEmptyRows(@TempDir Path dir) throws Exception {
        FieldCases.Replayed run = FieldCases.replay("excel-empty-rows", "feed.csv", dir);
        String expect = FieldCases.expectation("excel-empty-rows");
        assertEquals(0, run.code(), run.err());
        assertEquals(4, count(run.out(), "lignes lues"), expect + "\n" + run.out());
        assertEquals(4, count(run.out(), "enregistrées"), expect + "\n" + run.out());
        assertEquals(0, count(run.out(), "rejetées"), expect + "\n" + run.out());
    }

    @Test
    void semicolonExcelFr(@TempDir Path dir) throws Exception {
        String expect = FieldCases.expectation("semicolon-excel-fr");
        FieldCases.Replayed run = FieldCases.replay("semicolon-excel-fr", "feed.csv", dir);
        assertEquals(0, run.code(), run.err());
        long rows = Files.readAllLines(FieldCases.folder("semicolon-excel-fr").resolve("feed.csv")).stream().skip(1).filter(l -> !l.isBlank()).count();
        assertEquals(rows, count(run.out(), "enregistrées"), expect + "\n" + run.out());
        assertEquals(0, count(run.out(), "rejetées"), expect);
        assertTrue(run.out().contains("séparateur « ; »"), run.out());
        assertTrue(run.summaryJson().contains("\"separator\":\";\""), run.summaryJson());

        // the same export with rows that do not parse: still refused, each with its line and reason
        Path broken = dir.resolve("broken.csv");
        String original = Files.readString(FieldCases.folder("semicolon-excel-fr").resolve("feed.csv"), StandardCharsets.UTF_8);
        Files.writeString(broken, original + "2025-11-06T05:00:00Z;CHU-OCC-02;HFNC-PED;1 200;10;0;0;\r\n"
                + "2025-11-07T05:00:00Z;CHU-OCC-02;HFNC-PED;250;60,5;0;0;\r\n2025-11-08T05:00:00Z;CHU-OCC-02;HFNC-PED;2000.0;10;0;0;\r\n");
        FieldCases.Replayed bad = FieldCases.replayFile(FieldCases.folder("semicolon-excel-fr").resolve("watchlist.json"), broken, dir.resolve("broken"));
        assertEquals(0, bad.code(), bad.err());
        assertEquals(3, count(bad.out(), "rejetées"), bad.out());
        for (String line : List.of("ligne " + (rows + 2) + " : on_hand n'est pas un nombre entier : \"1 200\" [INVALID_NUMBER]",
                "ligne " + (rows + 3) + " : consumed n'est pas un nombre entier : \"60,5\" [INVALID_NUMBER]",
                "ligne " + (rows + 4) + " : on_hand n'est pas un nombre entier : \"2000.0\" [INVALID_NUMBER]")) {
            assertTrue(bad.out().contains(line), line + "\n" + bad.out());
        }
    }

    @Test
    void thousandsCommaUnquoted(@TempDir Path dir) throws Exception {
        FieldCases.WithControl c = FieldCases.replayWithControl("thousands-comma-unquoted", dir);
        assertEquals(1, count(c.feed().out(), "rejetées"), c.expect() + "\n" + c.feed().out());
        assertTrue(c.feed().out().contains("ligne 7 : ") && c.feed().out().contains("[TOO_MANY_FIELDS]"), c.expect() + "\n" + c.feed().out());
        assertEquals(count(c.control().out(), "enregistrées") - 1, count(c.feed().out(), "enregistrées"));
        assertTrue(c.feed().alerts().stream().noneMatch(a -> a.onHand() == 1), "on_hand 1 was stored: " + c.feed().alerts());
        assertTrue(c.control().levels().containsAll(c.feed().levels()), c.expect() + "\nfeed: " + c.feed().levels() + "\ncontrol: " + c.control().levels());
    }
}
