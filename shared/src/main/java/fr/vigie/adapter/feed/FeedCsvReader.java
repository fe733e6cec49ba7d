package fr.vigie.adapter.feed;

import fr.vigie.domain.FeedRow;
import fr.vigie.domain.RejectedRow;
import fr.vigie.domain.RejectedRow.RejectCode;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The one reader of the stock feed CSV of spec section 2 (replays, file drops, HTTP CSV reports, the
 * backtest's baseline): one row at a time, so a file of any size is read in bounded memory. Accepts a
 * UTF-8 byte-order mark, CRLF line ends, quoted fields (with separators, doubled quotes or line breaks
 * inside), empty optional fields, columns in any order, and {@code ,}, {@code ;} (a French spreadsheet's
 * export) or a tab (a "text, tab-separated" export) as the separator, told by the header line. Blank lines and lines of separators only
 * (what a spreadsheet leaves after clearing cells) are skipped. A bad row is returned as
 * {@link FeedRow.Rejected} with its line number and reading goes on; a row with more fields than the
 * header ({@code TOO_MANY_FIELDS}) is one: an unquoted {@code 1,700} must not shift into the next column.
 * Numbers stay strict integers whatever the separator ({@code 1 200}, {@code 60,5}, {@code 2000.0} refused).
 * A row holding bytes that are not UTF-8 is rejected as {@code INVALID_ENCODING}: the file is streamed, so the
 * spec's rule for bad rows applies rather than refusing a whole file found wrong halfway. For the same reason a
 * stray quote refuses its own line only ({@code MALFORMED_QUOTES}: never closed, or text glued after its closing
 * quote) and the lines after it are read as rows, and a line over {@value #MAX_RECORD_CHARS} characters is
 * refused ({@code LINE_TOO_LONG}) without being held in memory. A header that is unreadable because the file is
 * not UTF-8 (Excel's UTF-16 "Texte Unicode"), or is a JSON document, a gzip or a zip (an .xlsx workbook), refuses the
 * file naming what it is ({@link DocumentKind}), not columns the person can see.
 */
public final class FeedCsvReader implements Closeable {

    public static final List<String> COLUMNS = List.of("timestamp", "facility_id", "device_id", "on_hand",
            "consumed", "received", "on_order", "expected_delivery");
    private static final List<String> REQUIRED = List.of("timestamp", "facility_id", "device_id", "on_hand");
    /** What the UTF-8 decoder puts for bytes that are not UTF-8: such a row is rejected ({@code INVALID_ENCODING}), the others kept. */
    private static final char NOT_UTF8 = '\uFFFD';

    private static final List<String> QUANTITIES = List.of("on_hand", "consumed", "received", "on_order");
    /** A number's first group and a later one, as an unquoted {@code 1,700} splits into two fields. */
    private static final Pattern LEADING_GROUP = Pattern.compile("-?\\d{1,3}");
    private static final Pattern THOUSANDS_GROUP = Pattern.compile("\\d{3}");

    private final Reader in;
    private final Predicate<String> knownDevice;
    private final int[] columnIndex = new int[COLUMNS.size()];
    private final char separator;
    private final int headerFields;
    /** The header's fields up to its last non-blank name (a cleared spreadsheet column names nothing). */
    private final int namedFields;
    /**
     * The fields of the first data row when it held fewer than the header names (the file's rows leave columns out),
     * -1 when it held them all, -2 until it is read.
     */
    private int shortWidth = -2;
    private long line;
    /** The first line of the record just read: where a person looks for it. */
    private long recordLine;
    private boolean eof;
    /** Longest record read: a feed row is under 200 characters; bounds the memory a line without end can take. */
    static final int MAX_RECORD_CHARS = 4096;
    private static final int NONE = -2;
    /** A character put back after looking one ahead, or {@link #NONE}. */
    private int lookahead = NONE;
    /** Characters to read before the stream's: the lines after a malformed record's first. */
    private final StringBuilder pending = new StringBuilder();
    private int pendingAt;
    /** Once a quoted field runs past a line end, every character read since (to read again if the record is malformed). */
    private StringBuilder again;
    private boolean againAfterCr;
    /** Why the record just read is refused, or null. */
    private RejectedRow malformed;

    public FeedCsvReader(InputStream in, Predicate<String> knownDevice) throws IOException, FeedFormatException {
        this(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16), knownDevice);
    }

    public FeedCsvReader(Reader in, Predicate<String> knownDevice) throws IOException, FeedFormatException {
        this.in = in.markSupported() ? in : new BufferedReader(in);
        this.knownDevice = knownDevice;
        skipByteOrderMark();
        separator = separatorOfHeader();
        List<String> header = readRecord();
        if (malformed != null) {
            throw new FeedFormatException("ligne d'en-tête illisible : " + malformed.message());
        }
        if (header == null || header.stream().allMatch(String::isBlank)) {
            throw new FeedFormatException("fichier vide : la ligne d'en-tête est attendue (" + String.join(",", COLUMNS) + ")");
        }
        Map<String, Integer> positions = FieldNames.csvHeader(header, COLUMNS);
        List<String> missing = REQUIRED.stream().filter(c -> !positions.containsKey(c)).toList();
        DocumentKind kind = DocumentKind.of(String.join(String.valueOf(separator), header));
        if (!missing.isEmpty() && kind != DocumentKind.TEXT) {
            // a whole document of another kind (a JSON report, a gzip, an .xlsx, UTF-16): one refusal, not its columns
            throw new FeedFormatException(kind.refusal(DocumentKind.Expected.CSV, "") + ", en-tête " + String.join(",", COLUMNS)
                    + (kind == DocumentKind.JSON ? " (un rapport JSON s'envoie à l'API, POST /stock-reports)" : ""));
        }
        FieldNames.checkCsvHeader(positions.keySet(), COLUMNS, missing, "");
        for (int i = 0; i < COLUMNS.size(); i++) {
            columnIndex[i] = positions.getOrDefault(COLUMNS.get(i), -1);
        }
        headerFields = header.size();
        int last = header.size();
        while (last > 0 && header.get(last - 1).isBlank()) {
            last--;
        }
        namedFields = last;
    }

    /** The field separator, {@code ','}, {@code ';'} or a tab, as the header line showed it. */
    public char separator() {
        return separator;
    }

    /** The next row, or {@code null} at the end of the file. Blank lines and lines of separators only are skipped. */
    public FeedRow next() throws IOException {
        while (true) {
            List<String> record = readRecord();
            if (malformed != null) {
                return new FeedRow.Rejected(malformed);
            }
            if (record == null) {
                return null;
            }
            if (record.stream().allMatch(String::isBlank)) {
                continue;
            }
            return toRow(record, recordLine);
        }
    }

    private FeedRow toRow(List<String> record, long lineNo) {
        if (record.stream().anyMatch(f -> f.indexOf(NOT_UTF8) >= 0)) {
            return new FeedRow.Rejected(new RejectedRow(lineNo, RejectCode.INVALID_ENCODING,
                    "octets hors UTF-8 dans la ligne : le fichier doit être enregistré en UTF-8 (dans un tableur : « CSV UTF-8 »)"));
        }
        if (record.size() > headerFields) {
            return tooManyFields(lineNo, record.size() + " champs pour " + headerFields + " colonnes");
        }
        if (shortWidth == -2) {
            shortWidth = record.size() < namedFields ? record.size() : -1;
        }
        if (shortWidth >= 0 && record.size() > shortWidth && thousandsSplit(record)) {
            // the rows of this file leave the header's last columns out: a longer one may carry them (a comment), or
            // hold a number cut in two by an unquoted separator, as 1,700 reads: refused when it can be that
            return tooManyFields(lineNo, record.size() + " champs alors que les lignes du fichier en ont " + shortWidth);
        }
        String[] v = new String[COLUMNS.size()];
        for (int i = 0; i < COLUMNS.size(); i++) {
            int at = columnIndex[i];
            if (at >= 0 && at >= record.size()) {
                return new FeedRow.Rejected(new RejectedRow(lineNo, RejectCode.MISSING_COLUMN,
                        "colonne " + COLUMNS.get(i) + " absente : " + record.size() + " champs au lieu de " + COLUMNS.size()));
            }
            v[i] = at < 0 ? null : record.get(at);
        }
        try {
            return new FeedRow.Accepted(lineNo, SnapshotFields.toSnapshot(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], knownDevice));
        } catch (SnapshotFields.RowError e) {
            return new FeedRow.Rejected(e.at(lineNo));
        }
    }

    /** Whether a quantity column and the field after it read as one number cut at its thousands ({@code 1} and {@code 700}). */
    private boolean thousandsSplit(List<String> record) {
        for (String quantity : QUANTITIES) {
            int at = columnIndex[COLUMNS.indexOf(quantity)];
            if (at >= 0 && at + 1 < record.size() && LEADING_GROUP.matcher(record.get(at).strip()).matches()
                    && THOUSANDS_GROUP.matcher(record.get(at + 1).strip()).matches()) {
                return true;
            }
        }
        return false;
    }

    /** A row with a field too many: most likely a separator in an unquoted value. */
    private FeedRow.Rejected tooManyFields(long lineNo, String counted) {
        return new FeedRow.Rejected(new RejectedRow(lineNo, RejectCode.TOO_MANY_FIELDS, counted + " : un séparateur « "
                + separatorName(separator) + " » dans une valeur non entourée de guillemets"
                + (separator == '\t' ? "" : " (ex. 1" + separator + "700 pour 1700)") + " ?"));
    }

    private void skipByteOrderMark() throws IOException {
        in.mark(1);
        if (in.read() != '\uFEFF') {
            in.reset();
        }
    }

    /**
     * The separator of the file, the stream left at its header: declared by a first line {@code sep=;} (a
     * spreadsheet's hint, read past), else {@link #separatorOf} the header line.
     */
    private char separatorOfHeader() throws IOException {
        int limit = 1 << 14;
        in.mark(limit);
        StringBuilder first = new StringBuilder();
        boolean quoted = false;
        int c = in.read();
        for (int i = 0; i < limit && c != -1 && (quoted || (c != '\n' && c != '\r')); i++, c = in.read()) {
            quoted ^= c == '"';
            first.append((char) c);
        }
        Character declared = declaredSeparator(first);
        if (declared == null) {
            in.reset();
            return separatorOf(first);
        }
        line++;
        in.mark(1);
        if (c != '\r' || in.read() != '\n') {
            in.reset();
        }
        return declared;
    }

    /** The separator a spreadsheet's first line {@code sep=;} (or {@code sep=,}, {@code sep=\t}) declares, or null. */
    static Character declaredSeparator(CharSequence firstLine) {
        String l = firstLine.toString();
        return l.length() == 5 && l.regionMatches(true, 0, "sep=", 0, 4) && ",;\t".indexOf(l.charAt(4)) >= 0 ? Character.valueOf(l.charAt(4)) : null;
    }

    /**
     * The separator a header line holds most of, outside quotes: {@code ';'} (a French spreadsheet's CSV), a
     * tab (a spreadsheet's "text, tab-separated" export) or, by default and on a tie, {@code ','}.
     */
    static char separatorOf(CharSequence header) {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            } else if (!quoted && c == '\t') {
                tabs++;
            }
        }
        if (tabs > commas && tabs > semicolons) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }

    /** The separator as a person reads it: « , », « ; » or « tabulation ». */
    public static String separatorName(char separator) {
        return separator == '\t' ? "tabulation" : String.valueOf(separator);
    }

    /**
     * One CSV record (RFC 4180), or null at end of input; a malformed one sets {@link #malformed} and returns
     * no fields. A quoted field may run over line ends only when its closing quote is followed by a separator,
     * a line end or the end of the file, and the record stays within {@link #MAX_RECORD_CHARS}; otherwise only
     * the record's first line is refused and the lines after it are read again as rows of their own.
     */
    private List<String> readRecord() throws IOException {
        malformed = null;
        if (eof) {
            return null;
        }
        line++;
        long extraLines = 0;
        int chars = 0;
        List<String> fields = new ArrayList<>(COLUMNS.size());
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        while (true) {
            int c = read();
            if (c != -1 && ++chars > MAX_RECORD_CHARS) {
                if (quoted && again != null) {
                    return refuse(c, RejectCode.MALFORMED_QUOTES, UNCLOSED);
                }
                return refuse(c, RejectCode.LINE_TOO_LONG, "ligne de plus de " + MAX_RECORD_CHARS
                        + " caractères : ce n'est pas une ligne du flux (fichier binaire, fin de ligne perdue, guillemet non fermé ?)");
            }
            if (c == -1) {
                if (quoted) {
                    return refuse(c, RejectCode.MALFORMED_QUOTES, UNCLOSED);
                }
                eof = true;
                if (!any && field.isEmpty() && fields.isEmpty()) {
                    return null;
                }
                fields.add(field.toString());
                break;
            }
            any = true;
            if (quoted) {
                if (c == '"') {
                    int n = read();
                    if (n == '"') {
                        field.append('"');
                        continue;
                    }
                    while ((n == ' ' || n == '\t') && n != separator) {
                        n = read();
                    }
                    if (n != separator && n != '\n' && n != '\r' && n != -1) {
                        return refuse(n, RejectCode.MALFORMED_QUOTES, "texte après le guillemet fermant d'un champ : "
                                + "un guillemet dans une valeur s'écrit doublé (\"\") et la valeur entière entre guillemets");
                    }
                    quoted = false;
                    unread(n);
                } else {
                    if ((c == '\n' || c == '\r') && again == null) {
                        again = new StringBuilder();
                        againAfterCr = c == '\r';
                    }
                    if (c == '\n') {
                        extraLines++;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == separator) {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                fields.add(field.toString());
                break;
            } else if (c == '\r') {
                int n = read();
                if (n != '\n') {
                    unread(n);
                }
                fields.add(field.toString());
                break;
            } else {
                field.append((char) c);
            }
        }
        again = null;
        recordLine = line;
        line += extraLines;
        return fields;
    }

    private static final String UNCLOSED = "guillemet ouvrant sans guillemet fermant : la ligne est refusée seule, les suivantes sont lues";

    /**
     * Refuses the record begun at {@link #line}, {@code last} being the character just read: what was read
     * after its first line end is read again, or when it did not get past its first line the rest of that
     * line is skipped.
     */
    private List<String> refuse(int last, RejectCode code, String reason) throws IOException {
        recordLine = line;
        malformed = new RejectedRow(line, code, reason);
        if (again != null) {
            StringBuilder rest = new StringBuilder(again);
            again = null;
            if (againAfterCr && !rest.isEmpty() && rest.charAt(0) == '\n') {
                rest.deleteCharAt(0); // the LF of the first line's CRLF
            }
            if (lookahead != NONE) {
                rest.append((char) lookahead);
                lookahead = NONE;
            }
            rest.append(pending, pendingAt, pending.length());
            pending.setLength(0);
            pending.append(rest);
            pendingAt = 0;
            eof = false;
        } else {
            for (int c = last; c != -1 && c != '\n'; c = read()) {
                if (c == '\r') {
                    int n = read();
                    if (n != '\n') {
                        unread(n);
                    }
                    break;
                }
            }
        }
        return List.of();
    }

    /** The next character: one put back first, then those to read again, then the stream's; -1 at the end. */
    private int read() throws IOException {
        int c;
        if (lookahead != NONE) {
            c = lookahead;
            lookahead = NONE;
        } else if (pendingAt < pending.length()) {
            c = pending.charAt(pendingAt++);
            if (pendingAt == pending.length()) {
                pending.setLength(0);
                pendingAt = 0;
            }
        } else {
            c = in.read();
        }
        if (again != null && c != -1) {
            again.append((char) c);
        }
        return c;
    }

    /** Puts back the character just read (the end of the input comes back by itself). */
    private void unread(int c) {
        if (c == -1) {
            return;
        }
        lookahead = c;
        if (again != null) {
            again.setLength(again.length() - 1);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
