package fr.vigie.adapter.retex;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The CSV conventions of docs/retex.md, byte for byte. */
class CsvTableTest {

    @Test
    void bomSemicolonsDecimalCommaIsoDatesAndQuotedText() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CsvTable t = new CsvTable(bytes, "a", "b", "c", "d", "e", "f", "g")) {
            t.row(Instant.parse("2025-11-02T05:00:00Z"), LocalDate.of(2025, 11, 5), 6.456, 12, null,
                    "Sonde \"CH\" ; adulte", List.of(12.5, 0.0));
            t.row(OptionalDouble.empty(), OptionalDouble.of(1000.0), Double.NaN, 0.1, "", "x", List.of("A", "B"));
        }
        assertEquals("\uFEFFa;b;c;d;e;f;g\r\n"
                + "2025-11-02T05:00:00Z;2025-11-05;6,46;12;;\"Sonde \"\"CH\"\" ; adulte\";12,5 0\r\n"
                + ";1000;;0,1;;x;A B\r\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void cellsASpreadsheetWouldRunAsFormulasAreNeutralisedButNotNumbers() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CsvTable t = new CsvTable(bytes, "a", "b", "c", "d", "e", "f", "g", "h")) {
            t.row("=HYPERLINK(\"http://x\";\"clic\")", "+33612345678", "-2+3", "@SUM(A1)", "\tCH", "\rCH", -4, -1.5);
            t.row("CH A=B", "Pédiatrie - Nord", OptionalDouble.of(-2.0), List.of("-1"), "", null, 0, "ok");
        }
        assertEquals("\uFEFFa;b;c;d;e;f;g;h\r\n"
                + "\"'=HYPERLINK(\"\"http://x\"\";\"\"clic\"\")\";'+33612345678;'-2+3;'@SUM(A1);'\tCH;\"'\rCH\";-4;-1,5\r\n"
                + "CH A=B;Pédiatrie - Nord;-2;'-1;;;0;ok\r\n", bytes.toString(StandardCharsets.UTF_8));
    }
}
