package fr.vigie.adapter.feed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names people give a format's fields: a CSV file's header (the stock feed, spec section 2; the
 * epidemic signal, docs/forecasting.md) and a JSON object's keys (a stock report, a watch-list entry).
 * Fields Vigie does not read (a comment, an export's own columns) are read past, except a name one or
 * two letters off a field the format names and the input lacks ({@code recieved}, {@code Active}):
 * a typo, whose value would otherwise be dropped without a word.
 */
public final class FieldNames {

    /** A name given where {@code meant} was surely meant. */
    public record Misspelling(String given, String meant) {

        /** In French: « recieved » inconnu : « received » ? */
        public String message() {
            return "« " + given + " » inconnu : « " + meant + " » ?";
        }
    }

    private FieldNames() {
    }

    /**
     * Position of each name of a CSV header, by its trimmed lower-cased name (the first one of a repeated name
     * the format does not name).
     *
     * @throws FeedFormatException a column of the format given twice (which one holds the value cannot be
     *                             told), or misspelt: in French, naming the columns
     */
    static Map<String, Integer> csvHeader(List<String> header, List<String> columns) throws FeedFormatException {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip().toLowerCase(Locale.ROOT);
            Integer before = positions.putIfAbsent(name, i);
            if (before != null && columns.contains(name)) {
                throw new FeedFormatException("colonne " + name + " en double dans l'en-tête (colonnes " + (before + 1) + " et " + (i + 1)
                        + ") : gardez-en une seule");
            }
        }
        List<Misspelling> misspelt = misspelt(positions.keySet(), columns);
        if (!misspelt.isEmpty()) {
            throw new FeedFormatException("colonne " + misspelt.get(0).message() + " (colonnes lues : " + String.join(",", columns) + ")");
        }
        return positions;
    }

    /** The names among {@code given} that are a typo of a name of {@code expected} that {@code given} lacks. */
    public static List<Misspelling> misspelt(Iterable<String> given, Collection<String> expected) {
        List<String> names = new ArrayList<>();
        given.forEach(names::add);
        List<Misspelling> misspelt = new ArrayList<>();
        for (String name : names) {
            if (name.isBlank() || expected.contains(name)) {
                continue;
            }
            expected.stream().filter(e -> !names.contains(e) && typo(name, e)).findFirst()
                    .ifPresent(meant -> misspelt.add(new Misspelling(name, meant)));
        }
        return misspelt;
    }

    /**
     * Whatever the case, one edit for a name under 6 letters, two from 6 on; an edit is a letter added,
     * removed, changed, or two swapped.
     */
    private static boolean typo(String name, String meant) {
        int allowed = meant.length() >= 6 ? 2 : 1;
        return Math.abs(name.length() - meant.length()) <= allowed
                && edits(name.toLowerCase(Locale.ROOT), meant.toLowerCase(Locale.ROOT)) <= allowed;
    }

    /** Optimal string alignment distance (Levenshtein with adjacent transpositions). */
    private static int edits(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
