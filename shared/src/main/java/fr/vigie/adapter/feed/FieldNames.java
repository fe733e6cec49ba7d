package fr.vigie.adapter.feed;

import fr.vigie.domain.Excerpt;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The names people give a format's fields: a CSV file's header (the stock feed, spec section 2; the
 * epidemic signal, docs/forecasting.md) and a JSON object's keys (a stock report, a watch-list entry).
 * Fields Vigie does not read (a comment, an export's own columns) are read past, except a name meant for
 * a field the format names and the input lacks, whose value would otherwise be dropped without a word: a
 * typo ({@code recieved}, {@code Active}, {@code udi_di}) or the field's French name ({@code actif},
 * {@code consommation}).
 */
public final class FieldNames {

    /** A name given where {@code meant} was surely meant. */
    public record Misspelling(String given, String meant) {

        /** In French: « recieved » : vouliez-vous dire « received » ? */
        public String message() {
            return "« " + Excerpt.of(given) + " » : vouliez-vous dire « " + meant + " » ?";
        }
    }

    /** French names hospital and agency staff give the formats' fields (spec sections 1 and 2), without accents. */
    private static final Map<String, String> FRENCH = Map.ofEntries(
            Map.entry("actif", "active"), Map.entry("nom", "name"), Map.entry("unite", "unit"), Map.entry("saison", "season"),
            Map.entry("seuils", "thresholds"), Map.entry("epidemies", "epidemics"), Map.entry("debut", "start"),
            Map.entry("fin", "end"), Map.entry("fournisseur", "supplier"), Map.entry("horodatage", "timestamp"),
            Map.entry("etablissement", "facility_id"), Map.entry("dispositif", "device_id"), Map.entry("stock", "on_hand"),
            Map.entry("consommation", "consumed"), Map.entry("consomme", "consumed"), Map.entry("recu", "received"),
            Map.entry("livre", "received"), Map.entry("encommande", "on_order"),
            Map.entry("livraisonprevue", "expected_delivery"), Map.entry("epidemie", "epidemic"), Map.entry("semaine", "week"),
            Map.entry("intensite", "intensity"), Map.entry("publie", "published"));

    private FieldNames() {
    }

    /**
     * Position of each name of a CSV header, by its trimmed lower-cased name (the first one of a repeated name
     * the format does not name).
     *
     * @throws FeedFormatException a column of the format given twice (which one holds the value cannot be
     *                             told): in French, naming its positions
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
        return positions;
    }

    /**
     * Checks a CSV header's names once its required columns are known present or missing.
     *
     * @param missing the required columns the header lacks, named first when there are any
     * @param what    how the caller names the expected columns, after the list of the missing ones
     * @throws FeedFormatException a required column missing, or a column misspelt: in French, the misspellings
     *                             named either way ("colonnes obligatoires absentes de l'en-tête : week ; « semaine »
     *                             : vouliez-vous dire « week » ?")
     */
    static void checkCsvHeader(Collection<String> names, List<String> columns, List<String> missing, String what)
            throws FeedFormatException {
        List<Misspelling> misspelt = misspelt(names, columns);
        String hints = misspelt.stream().map(m -> "colonne " + m.message()).collect(Collectors.joining(" ; "));
        if (!missing.isEmpty()) {
            throw new FeedFormatException("colonnes obligatoires absentes de l'en-tête : " + String.join(", ", missing) + what
                    + (hints.isEmpty() ? "" : " ; " + hints));
        }
        if (!misspelt.isEmpty()) {
            throw new FeedFormatException(hints + " (colonnes lues : " + String.join(",", columns) + ")");
        }
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
            expected.stream().filter(e -> !names.contains(e) && (typo(name, e) || e.equals(FRENCH.get(plain(name)))))
                    .findFirst().ifPresent(meant -> misspelt.add(new Misspelling(name, meant)));
        }
        return misspelt;
    }

    /**
     * A typo: the same name but for case and separators ({@code Active}, {@code udi_di}, {@code On Hand}), or, from 5
     * letters on, but for two letters swapped ({@code recieved}) or one letter added or dropped ({@code on_hnd}). A
     * letter changed is not one: {@code reserved}, {@code publisher}, {@code gmdn} are names of their own.
     */
    private static boolean typo(String name, String meant) {
        String a = plain(name);
        String b = plain(meant);
        if (a.equals(b)) {
            return true;
        }
        if (b.length() < 5) {
            return false;
        }
        if (a.length() == b.length()) {
            int i = 0;
            while (a.charAt(i) == b.charAt(i)) {
                i++;
            }
            return i + 1 < a.length() && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.substring(i + 2).equals(b.substring(i + 2));
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = longer == a ? b : a;
        if (longer.length() != shorter.length() + 1) {
            return false;
        }
        int i = 0;
        while (i < shorter.length() && longer.charAt(i) == shorter.charAt(i)) {
            i++;
        }
        return longer.substring(i + 1).equals(shorter.substring(i));
    }

    /** A name without case, accents nor the separators people put in names (_, -, space, dot). */
    private static String plain(String name) {
        return Normalizer.normalize(name.toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("[_\\-\\s.]|\\p{M}", "");
    }
}
