package fr.vigie.adapter.feed;

import fr.vigie.domain.Excerpt;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import fr.vigie.domain.AlertTexts;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.Region;
import fr.vigie.domain.epidemic.EpidemicWeek;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one reader of the epidemic signal CSV (docs/forecasting.md, "Epidemic signal"), for
 * {@code ./vigie replay --epidemic} and {@code POST /epidemic-signal}, on Jackson's CSV parser:
 * <pre>
 *   region,epidemic,week,intensity[,published]
 *   84,BRONCHIOLITIS,2025-W47,12.4,2025-11-26
 * </pre>
 * {@code region}: INSEE code ("84") or name ("Auvergne-Rhône-Alpes"), stored as the code;
 * {@code epidemic}: {@code FLU}, {@code BRONCHIOLITIS} or {@code COVID} (the watch-list's names,
 * case ignored); {@code week}: ISO week {@code 2025-W47} or its Monday {@code 2025-11-17};
 * {@code intensity}: share of emergency visits in percent, 0 to 100, decimal point (or comma when
 * the separator is {@code ;} or a tab, a French spreadsheet's export; a first line {@code sep=;} declares it);
 * {@code published} (optional): the day the value became known, not before the week's Sunday, default
 * the Wednesday after the week.
 * Weeks from 2004-W01 to the reading day's ({@link #FIRST_MONDAY}), a publication given up to the reading day.
 * Columns in any order, a UTF-8 byte-order mark and blank lines accepted. A bad row (a stray quote
 * included) is rejected with its line (1 = the header) and reason, the other rows kept; a row repeating another's region,
 * epidemic, week and publication is dropped when it says the same, rejected when it does not.
 */
public final class EpidemicCsv {

    public static final List<String> COLUMNS = List.of("region", "epidemic", "week", "intensity", "published");
    /**
     * The largest file read, on both routes ({@code POST /epidemic-signal}, {@code ./vigie replay --epidemic}): a season
     * is 18 regions × 3 epidemics × 52 weeks of about 40 bytes (110 KiB), with room for revisions.
     */
    public static final int MAX_BYTES = 1024 * 1024;
    /** Why a file without one valid row is refused whole, by both routes (the API's 400, the command line's exit 2). */
    public static final String NOTHING_VALID = "aucune ligne valide : rien n'est enregistré";
    /**
     * The oldest week accepted: the first ISO week of 2004, when OSCOUR, the emergency-visit network the signal comes
     * from, began (SurSaUD, set up after the 2003 heat wave). Nothing before it can be a measure of this signal; a typo
     * such as 1025-W47 or 9999-W01 would otherwise be stored as a season of its own. The newest is the week of the
     * reading day: a week not yet begun has no measure.
     */
    public static final LocalDate FIRST_MONDAY = LocalDate.of(2003, 12, 29);
    private static final List<String> REQUIRED = COLUMNS.subList(0, 4);
    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d+(\\.\\d*)?|[+-]?\\.\\d+");
    private static final Pattern ISO_WEEK = Pattern.compile("(\\d{4})-W(\\d{1,2})");

    /** A row refused: its line (1 = the header) and why, in French for the person who fixes the file. */
    public record Rejected(long line, String reason) {
        @Override
        public String toString() {
            return "ligne " + line + " : " + reason;
        }
    }

    /** The weeks read (file order, repeats dropped), how many rows repeated another, and the rows refused. */
    public record Result(List<EpidemicWeek> weeks, int repeated, List<Rejected> rejected) {
        public Result {
            weeks = List.copyOf(weeks);
            rejected = List.copyOf(rejected);
        }

        /** The data rows read (blank lines and the header aside): each is a week kept, a repeat or a rejected row. */
        public long rows() {
            return weeks.size() + repeated + rejected.size();
        }

        /** True when no row is valid (header only, or every row rejected): the file is refused whole ({@link #NOTHING_VALID}). */
        public boolean nothingValid() {
            return weeks.isEmpty();
        }
    }

    private EpidemicCsv() {
    }

    /**
     * Reads a whole file, one row per line: no value of this format holds a line break or a quote, so a
     * quoted value must close on its own line and a stray quote costs its row only (rejected with its
     * line), not the rest of the file.
     *
     * @param today the day the file is read on (the API's clock, the command line's): the newest week and
     *              publication accepted ({@link #FIRST_MONDAY} the oldest)
     * @throws FeedFormatException when nothing can be read: no header, a required column missing from it, a header
     *                             that is not CSV, a document of another kind ({@link DocumentKind}: JSON, gzip, …)
     */
    public static Result read(String text, LocalDate today) throws FeedFormatException {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        DocumentKind kind = DocumentKind.of(body);
        if (kind != DocumentKind.TEXT) {
            throw new FeedFormatException(kind.refusal(DocumentKind.Expected.CSV, body) + ", en-tête " + String.join(",", COLUMNS));
        }
        List<String> lines = body.lines().toList();
        int first = 0;
        while (first < lines.size() && lines.get(first).isBlank()) {
            first++;
        }
        // a spreadsheet's first line sep=; declares the separator; else the header's tells it, as in the stock feed
        Character declared = first < lines.size() ? FeedCsvReader.declaredSeparator(lines.get(first)) : null;
        int skipped = declared == null ? -1 : first;
        char separator = declared != null ? declared : FeedCsvReader.separatorOf(first < lines.size() ? lines.get(first) : "");
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        mapper.enable(CsvParser.Feature.TRIM_SPACES);
        ObjectReader csv = mapper.readerFor(String[].class).with(CsvSchema.emptySchema().withColumnSeparator(separator));
        List<EpidemicWeek> weeks = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        Map<String, Seen> seen = new HashMap<>();
        int repeated = 0;
        Map<String, Integer> columns = null;
        int width = 0;
        for (int i = 0; i < lines.size(); i++) {
            long line = i + 1;
            if (lines.get(i).isBlank() || i == skipped) {
                continue;
            }
            String[] row;
            try {
                row = fields(csv, lines.get(i));
            } catch (IllegalArgumentException unreadable) {
                if (columns == null) {
                    throw new FeedFormatException("ligne " + line + " (en-tête) : " + unreadable.getMessage());
                }
                rejected.add(new Rejected(line, unreadable.getMessage()));
                continue;
            }
            if (Arrays.stream(row).allMatch(String::isBlank)) {
                continue;
            }
            if (columns == null) {
                columns = header(row);
                width = row.length;
                continue;
            }
            if (row.length > width) {
                rejected.add(new Rejected(line, row.length + " champs pour " + width + " colonnes dans l'en-tête"
                        + (separator == ',' ? " (une décimale avec une virgule doit être entre guillemets)" : "")));
                continue;
            }
            try {
                EpidemicWeek week = week(row, columns, separator, today);
                String key = week.region() + "#" + week.epidemic() + "#" + week.key();
                Seen before = seen.putIfAbsent(key, new Seen(line, week.intensity()));
                if (before == null) {
                    weeks.add(week);
                } else if (before.intensity() == week.intensity()) {
                    repeated++;
                } else {
                    rejected.add(new Rejected(line, "même région, épidémie, semaine et publication que la ligne "
                            + before.line() + ", avec une autre intensité (" + AlertTexts.number(week.intensity())
                            + " au lieu de " + AlertTexts.number(before.intensity()) + ")"));
                }
            } catch (IllegalArgumentException bad) {
                rejected.add(new Rejected(line, bad.getMessage()));
            }
        }
        if (columns == null) {
            throw new FeedFormatException("fichier vide : la ligne d'en-tête est attendue (" + String.join(",", COLUMNS) + ")");
        }
        return new Result(weeks, repeated, rejected);
    }

    /** The fields of one line; {@link IllegalArgumentException} with the French reason when it is not one CSV record. */
    private static String[] fields(ObjectReader csv, String line) {
        try (MappingIterator<String[]> record = csv.readValues(line)) {
            return record.hasNextValue() ? record.nextValue() : new String[0];
        } catch (IOException e) {
            // Jackson reads from a String: what fails is the line itself
            throw new IllegalArgumentException(e.getMessage() != null && e.getMessage().startsWith("Missing closing quote")
                    ? "guillemet « \" » jamais refermé sur la ligne : une valeur entre guillemets doit se terminer par un guillemet"
                    : "ligne illisible en CSV (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    private record Seen(long line, double intensity) {
    }

    private static Map<String, Integer> header(String[] row) throws FeedFormatException {
        Map<String, Integer> columns = FieldNames.csvHeader(Arrays.asList(row), COLUMNS);
        List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
        FieldNames.checkCsvHeader(columns.keySet(), COLUMNS, missing, " (attendu : " + String.join(",", COLUMNS) + ", la dernière facultative)");
        return columns;
    }

    private static EpidemicWeek week(String[] row, Map<String, Integer> columns, char separator, LocalDate today) {
        String regionText = field(row, columns, "region");
        Region region = Region.parse(regionText).orElseThrow(() -> new IllegalArgumentException(
                "région inconnue « " + Excerpt.of(regionText) + " » : code INSEE attendu (ex. 84) ou nom de région"));
        String epidemicText = field(row, columns, "epidemic");
        Epidemic epidemic;
        try {
            epidemic = Epidemic.valueOf(epidemicText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("épidémie inconnue « " + Excerpt.of(epidemicText) + " » : FLU, BRONCHIOLITIS ou COVID attendu");
        }
        String weekText = field(row, columns, "week");
        LocalDate monday = monday(weekText);
        if (monday.isBefore(FIRST_MONDAY) || monday.isAfter(today)) {
            throw new IllegalArgumentException("semaine " + weekText + " hors de la période possible : de 2004-W01 (début du réseau OSCOUR)"
                    + " à la semaine en cours (" + AlertTexts.day(today) + ")");
        }
        String intensityText = field(row, columns, "intensity");
        String decimal = separator != ',' ? intensityText.replace(',', '.') : intensityText;
        // a plain decimal only: Java's own number syntax would also take 12.4d, 0x1p3 or Infinity
        if (!DECIMAL.matcher(decimal).matches()) {
            throw new IllegalArgumentException("intensité illisible « " + Excerpt.of(intensityText) + " » : part des passages aux urgences en %, ex. 12.4");
        }
        double intensity = Double.parseDouble(decimal);
        if (!(intensity >= 0 && intensity <= 100)) {
            throw new IllegalArgumentException("intensité hors de 0 à 100 % : " + intensityText);
        }
        Integer at = columns.get("published");
        String publishedText = at == null || at >= row.length ? "" : row[at].strip();
        LocalDate published = publishedText.isEmpty() ? monday.plusDays(EpidemicWeek.DEFAULT_PUBLICATION_DELAY_DAYS)
                : date(publishedText, "published");
        // a publication given after the reading day (a day's slack for the time zones) is a typo; the default may be ahead
        if (!publishedText.isEmpty() && published.isAfter(today.plusDays(1))) {
            throw new IllegalArgumentException("publiée le " + AlertTexts.day(published) + ", après la date du jour (" + AlertTexts.day(today) + ")");
        }
        if (published.isBefore(EpidemicWeek.lastDay(monday))) {
            throw new IllegalArgumentException("publiée le " + AlertTexts.day(published) + ", avant la fin de la semaine (dimanche "
                    + AlertTexts.day(EpidemicWeek.lastDay(monday)) + ")");
        }
        return new EpidemicWeek(region.code(), epidemic, monday, intensity, published);
    }

    private static String field(String[] row, Map<String, Integer> columns, String name) {
        int i = columns.get(name);
        String value = i < row.length ? row[i].strip() : "";
        if (value.isEmpty()) {
            throw new IllegalArgumentException("colonne " + name + " vide");
        }
        return value;
    }

    /** An ISO week ({@code 2025-W47}) or its Monday ({@code 2025-11-17}). */
    private static LocalDate monday(String text) {
        Matcher iso = ISO_WEEK.matcher(text);
        if (iso.matches()) {
            LocalDate mid = LocalDate.of(Integer.parseInt(iso.group(1)), 6, 1);
            long week = Long.parseLong(iso.group(2));
            if (!mid.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).isValidValue(week)) {
                throw new IllegalArgumentException("semaine " + text + " inexistante (l'année " + iso.group(1) + " a "
                        + mid.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum() + " semaines ISO)");
            }
            return mid.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week).with(DayOfWeek.MONDAY);
        }
        LocalDate day = date(text, "week");
        if (day.getDayOfWeek() != DayOfWeek.MONDAY) {
            throw new IllegalArgumentException("semaine « " + Excerpt.of(text) + " » : un lundi ou une semaine ISO (ex. 2025-W47) attendu, "
                    + "c'est un " + day.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.FRANCE));
        }
        return day;
    }

    private static LocalDate date(String text, String column) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("colonne " + column + " : date AAAA-MM-JJ attendue, reçu « " + Excerpt.of(text) + " »");
        }
    }
}
