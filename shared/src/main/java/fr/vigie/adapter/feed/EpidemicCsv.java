package fr.vigie.adapter.feed;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
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
 * the separator is {@code ;}, a French spreadsheet's export); {@code published} (optional): the day
 * the value became known, not before the week's Sunday, default the Wednesday after the week.
 * Columns in any order, a UTF-8 byte-order mark and blank lines accepted. A bad row is rejected with
 * its line (1 = the header) and reason, the other rows kept; a row repeating another's region,
 * epidemic, week and publication is dropped when it says the same, rejected when it does not.
 */
public final class EpidemicCsv {

    public static final List<String> COLUMNS = List.of("region", "epidemic", "week", "intensity", "published");
    private static final List<String> REQUIRED = COLUMNS.subList(0, 4);
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
    }

    private EpidemicCsv() {
    }

    /**
     * Reads a whole file.
     *
     * @throws FeedFormatException when nothing can be read: no header, a required column missing from it
     */
    public static Result read(String text) throws FeedFormatException {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String header = body.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        char separator = header.indexOf(';') >= 0 && header.indexOf(',') < 0 ? ';' : ',';
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        mapper.enable(CsvParser.Feature.TRIM_SPACES);
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(separator);
        List<EpidemicWeek> weeks = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        Map<String, Seen> seen = new HashMap<>();
        int repeated = 0;
        try (MappingIterator<String[]> rows = mapper.readerFor(String[].class).with(schema).readValues(body)) {
            Map<String, Integer> columns = null;
            int width = 0;
            while (rows.hasNextValue()) {
                String[] row = rows.nextValue();
                long line = rows.getParser().currentTokenLocation().getLineNr();
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
                    EpidemicWeek week = week(row, columns, separator);
                    String key = week.region() + "#" + week.epidemic() + "#" + week.key();
                    Seen before = seen.putIfAbsent(key, new Seen(line, week.intensity()));
                    if (before == null) {
                        weeks.add(week);
                    } else if (before.intensity() == week.intensity()) {
                        repeated++;
                    } else {
                        rejected.add(new Rejected(line, "même région, épidémie, semaine et publication que la ligne "
                                + before.line() + ", avec une autre intensité (" + week.intensity() + " au lieu de " + before.intensity() + ")"));
                    }
                } catch (IllegalArgumentException bad) {
                    rejected.add(new Rejected(line, bad.getMessage()));
                }
            }
            if (columns == null) {
                throw new FeedFormatException("fichier vide : la ligne d'en-tête est attendue (" + String.join(",", COLUMNS) + ")");
            }
        } catch (IOException unreadable) {
            // Jackson reads from a String: what fails here is the CSV itself (an unclosed quote)
            throw new FeedFormatException("CSV illisible : " + unreadable.getMessage());
        }
        return new Result(weeks, repeated, rejected);
    }

    private record Seen(long line, double intensity) {
    }

    private static Map<String, Integer> header(String[] row) throws FeedFormatException {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < row.length; i++) {
            columns.putIfAbsent(row[i].strip().toLowerCase(Locale.ROOT), i);
        }
        List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new FeedFormatException("colonnes obligatoires absentes de l'en-tête : " + String.join(", ", missing)
                    + " (attendu : " + String.join(",", COLUMNS) + ", la dernière facultative)");
        }
        return columns;
    }

    private static EpidemicWeek week(String[] row, Map<String, Integer> columns, char separator) {
        String regionText = field(row, columns, "region");
        Region region = Region.parse(regionText).orElseThrow(() -> new IllegalArgumentException(
                "région inconnue « " + regionText + " » : code INSEE attendu (ex. 84) ou nom de région"));
        String epidemicText = field(row, columns, "epidemic");
        Epidemic epidemic;
        try {
            epidemic = Epidemic.valueOf(epidemicText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("épidémie inconnue « " + epidemicText + " » : FLU, BRONCHIOLITIS ou COVID attendu");
        }
        LocalDate monday = monday(field(row, columns, "week"));
        String intensityText = field(row, columns, "intensity");
        double intensity;
        try {
            intensity = Double.parseDouble(separator == ';' ? intensityText.replace(',', '.') : intensityText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("intensité illisible « " + intensityText + " » : part des passages aux urgences en %, ex. 12.4");
        }
        if (!(intensity >= 0 && intensity <= 100)) {
            throw new IllegalArgumentException("intensité hors de 0 à 100 % : " + intensityText);
        }
        Integer at = columns.get("published");
        String publishedText = at == null || at >= row.length ? "" : row[at].strip();
        LocalDate published = publishedText.isEmpty() ? monday.plusDays(EpidemicWeek.DEFAULT_PUBLICATION_DELAY_DAYS)
                : date(publishedText, "published");
        if (published.isBefore(EpidemicWeek.lastDay(monday))) {
            throw new IllegalArgumentException("publiée le " + published + ", avant la fin de la semaine (dimanche "
                    + EpidemicWeek.lastDay(monday) + ")");
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
            throw new IllegalArgumentException("semaine « " + text + " » : un lundi ou une semaine ISO (ex. 2025-W47) attendu, "
                    + "c'est un " + day.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, Locale.FRANCE));
        }
        return day;
    }

    private static LocalDate date(String text, String column) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("colonne " + column + " : date AAAA-MM-JJ attendue, reçu « " + text + " »");
        }
    }
}
