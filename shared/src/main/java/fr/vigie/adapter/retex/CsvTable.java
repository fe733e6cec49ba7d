package fr.vigie.adapter.retex;

import fr.vigie.port.ReviewOutput;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A CSV file as a French spreadsheet opens it with a double click and a program reads it with one
 * line of options (docs/retex.md): UTF-8 with a byte-order mark (Excel's cue for UTF-8), {@code ;}
 * between cells (the list separator of French Windows), decimal comma, ISO-8601 dates and instants,
 * CRLF line ends (RFC 4180), a header of snake_case column names; wall-clock date-times
 * ({@link LocalDateTime}) as {@code 2025-11-02 06:00:00}, which a spreadsheet reads as a date; a
 * text cell made of digits only (a region code such as {@code 01}) quoted, so that it stays text. An absent value is an empty cell;
 * a list within a cell is space-separated; a cell holding {@code ;}, a quote or a line break is
 * quoted with its quotes doubled. Rows are written as they come: a file of any size streams out.
 * <p>
 * A text cell that a spreadsheet would run as a formula (beginning with {@code = + - @}, a tab or a
 * carriage return) is neutralised by a leading {@code '} (OWASP, "CSV Injection"); numbers are
 * written as they are, a negative number included.
 */
public final class CsvTable implements ReviewOutput.Table {

    public static final char SEPARATOR = ';';
    private static final String BYTE_ORDER_MARK = "\uFEFF";
    private static final String LINE_END = "\r\n";
    private static final int DECIMALS = 2;
    /** A wall-clock date and time as every spreadsheet recognises it (ISO 8601 with a space). */
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    /** What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"). */
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final Writer out;
    private final int columns;

    public CsvTable(OutputStream stream, String... header) throws IOException {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
        this.columns = header.length;
        out.write(BYTE_ORDER_MARK);
        line(header);
    }

    @Override
    public void row(Object... cells) throws IOException {
        if (cells.length != columns) {
            throw new IllegalArgumentException(cells.length + " cells for " + columns + " columns");
        }
        line(cells);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    private void line(Object[] cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.write(SEPARATOR);
            }
            Object cell = cells[i];
            String text = format(cell);
            boolean number = cell instanceof Number || cell instanceof OptionalDouble;
            // a code of digits (region "01", UDI-DI) is text: quoted, it stays text where the reader honours quotes
            out.write(number ? text : cell instanceof CharSequence && DIGITS.matcher(text).matches() ? '"' + text + '"' : quoted(neutralised(text)));
        }
        out.write(LINE_END);
    }

    /** The text of one value as it appears in a cell, before quoting. */
    static String format(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof OptionalDouble o) {
            return o.isPresent() ? format(o.getAsDouble()) : "";
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? decimal(d) : "";
        }
        if (value instanceof LocalDateTime t) {
            return DATE_TIME.format(t);
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(CsvTable::format).collect(Collectors.joining(" "));
        }
        return value.toString();
    }

    /** The text with a leading {@code '} when it begins with a character that makes a spreadsheet read a formula. */
    static String neutralised(String text) {
        return !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    private static String decimal(double d) {
        String plain = BigDecimal.valueOf(d).setScale(DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return plain.replace('.', ',');
    }

    private static String quoted(String text) {
        if (text.indexOf(SEPARATOR) < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}
