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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The one reader of the stock feed CSV of spec section 2 (replays, file drops, HTTP CSV reports, the
 * backtest's baseline): one row at a time, so a file of any size is read in bounded memory. Accepts a
 * UTF-8 byte-order mark, CRLF line ends, quoted fields (with separators, doubled quotes or line breaks
 * inside), empty optional fields, columns in any order, and {@code ,} or {@code ;} as the separator
 * (a French spreadsheet's export), told by the header line. Blank lines and lines of separators only
 * (what a spreadsheet leaves after clearing cells) are skipped. A bad row is returned as
 * {@link FeedRow.Rejected} with its line number and reading goes on; a row with more fields than the
 * header ({@code TOO_MANY_FIELDS}) is one: an unquoted {@code 1,700} must not shift into the next column.
 * Numbers stay strict integers whatever the separator ({@code 1 200}, {@code 60,5}, {@code 2000.0} refused).
 * A row holding bytes that are not UTF-8 is rejected as {@code INVALID_ENCODING}: the file is streamed, so the
 * spec's rule for bad rows applies rather than refusing a whole file found wrong halfway.
 */
public final class FeedCsvReader implements Closeable {

    public static final List<String> COLUMNS = List.of("timestamp", "facility_id", "device_id", "on_hand",
            "consumed", "received", "on_order", "expected_delivery");
    private static final List<String> REQUIRED = List.of("timestamp", "facility_id", "device_id", "on_hand");
    /** What the UTF-8 decoder puts for bytes that are not UTF-8: such a row is rejected ({@code INVALID_ENCODING}), the others kept. */
    private static final char NOT_UTF8 = '\uFFFD';

    private final Reader in;
    private final Predicate<String> knownDevice;
    private final int[] columnIndex = new int[COLUMNS.size()];
    private final char separator;
    private final int headerFields;
    private long line;
    /** The first line of the record just read: where a person looks for it. */
    private long recordLine;
    private boolean eof;

    public FeedCsvReader(InputStream in, Predicate<String> knownDevice) throws IOException, FeedFormatException {
        this(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16), knownDevice);
    }

    public FeedCsvReader(Reader in, Predicate<String> knownDevice) throws IOException, FeedFormatException {
        this.in = in.markSupported() ? in : new BufferedReader(in);
        this.knownDevice = knownDevice;
        skipByteOrderMark();
        separator = separatorOfHeader();
        List<String> header = readRecord();
        if (header == null || header.stream().allMatch(String::isBlank)) {
            throw new FeedFormatException("fichier vide : la ligne d'en-tête est attendue (" + String.join(",", COLUMNS) + ")");
        }
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            positions.putIfAbsent(header.get(i).strip().toLowerCase(Locale.ROOT), i);
        }
        List<String> missing = REQUIRED.stream().filter(c -> !positions.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new FeedFormatException("colonnes obligatoires absentes de l'en-tête : " + String.join(", ", missing));
        }
        for (int i = 0; i < COLUMNS.size(); i++) {
            columnIndex[i] = positions.getOrDefault(COLUMNS.get(i), -1);
        }
        headerFields = header.size();
    }

    /** The field separator, {@code ','} or {@code ';'}, as the header line showed it. */
    public char separator() {
        return separator;
    }

    /** The next row, or {@code null} at the end of the file. Blank lines and lines of separators only are skipped. */
    public FeedRow next() throws IOException {
        while (true) {
            List<String> record = readRecord();
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
            return new FeedRow.Rejected(new RejectedRow(lineNo, RejectCode.TOO_MANY_FIELDS, record.size()
                    + " champs pour " + headerFields + " colonnes : un séparateur « " + separator
                    + " » dans une valeur non entourée de guillemets (ex. 1" + separator + "700 pour 1700) ?"));
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

    private void skipByteOrderMark() throws IOException {
        in.mark(1);
        if (in.read() != '\uFEFF') {
            in.reset();
        }
    }

    /**
     * {@code ';'} when the header line holds more semicolons than commas (outside quotes), else
     * {@code ','}; the stream is left where it was.
     */
    private char separatorOfHeader() throws IOException {
        int limit = 1 << 14;
        in.mark(limit);
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0, c = in.read(); i < limit && c != -1 && (quoted || (c != '\n' && c != '\r')); i++, c = in.read()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        in.reset();
        return semicolons > commas ? ';' : ',';
    }

    /** One CSV record (RFC 4180), or null at end of input. */
    private List<String> readRecord() throws IOException {
        if (eof) {
            return null;
        }
        line++;
        long extraLines = 0;
        List<String> fields = new ArrayList<>(COLUMNS.size());
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        while (true) {
            int c = in.read();
            if (c == -1) {
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
                    in.mark(1);
                    int n = in.read();
                    if (n == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        if (n != -1) {
                            in.reset();
                        }
                    }
                } else {
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
                in.mark(1);
                if (in.read() != '\n') {
                    in.reset();
                }
                fields.add(field.toString());
                break;
            } else {
                field.append((char) c);
            }
        }
        recordLine = line;
        line += extraLines;
        return fields;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
