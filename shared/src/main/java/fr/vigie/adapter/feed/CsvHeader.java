package fr.vigie.adapter.feed;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CSV file's header read against the columns its format names (the stock feed, spec section 2; the
 * epidemic signal, docs/forecasting.md): each name trimmed and lower-cased, to its position. Other
 * columns (a comment, an export's own fields) are read past, except two kinds of header whose values
 * would otherwise be read wrong or dropped without a word:
 * <ul>
 *   <li>a column of the format given twice: which one holds the value cannot be told;</li>
 *   <li>an unknown column one or two letters off a column of the format the header lacks
 *       ({@code recieved}, {@code on_hnd}): a typo, whose values would be lost.</li>
 * </ul>
 * Both refuse the file with a {@link FeedFormatException} naming the columns, in French.
 */
final class CsvHeader {

    private CsvHeader() {
    }

    /** Position of each name of the header, by its trimmed lower-cased name (the first one of a name not in {@code columns}). */
    static Map<String, Integer> positions(List<String> header, List<String> columns) throws FeedFormatException {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip().toLowerCase(Locale.ROOT);
            Integer before = positions.putIfAbsent(name, i);
            if (before != null && columns.contains(name)) {
                throw new FeedFormatException("colonne " + name + " en double dans l'en-tête (colonnes " + (before + 1) + " et " + (i + 1)
                        + ") : gardez-en une seule");
            }
        }
        for (String name : positions.keySet()) {
            if (name.isEmpty() || columns.contains(name)) {
                continue;
            }
            for (String column : columns) {
                if (!positions.containsKey(column) && typo(name, column)) {
                    throw new FeedFormatException("colonne « " + name + " » inconnue : « " + column + " » ? (colonnes lues : "
                            + String.join(",", columns) + ")");
                }
            }
        }
        return positions;
    }

    /** One edit for a short name, two from 8 letters on; an edit is a letter added, removed, changed, or two swapped. */
    private static boolean typo(String name, String column) {
        int allowed = column.length() >= 8 ? 2 : 1;
        return Math.abs(name.length() - column.length()) <= allowed && edits(name, column) <= allowed;
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
