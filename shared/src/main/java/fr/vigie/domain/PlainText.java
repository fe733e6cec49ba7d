package fr.vigie.domain;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Free text people type that Vigie puts in front of hospital staff (emails, SMS, console pages, CSV):
 * device names and units, facility names, notes. Such text holds no invisible character that changes
 * what a reader sees: control characters (a line break in a name splits an email's line), and the
 * bidirectional controls of Unicode UAX #9 (marks, embeddings, overrides, isolates), which reorder the
 * text after them: a U+202E in a device name shows the rest of the email's line reversed ("Trojan
 * Source", CVE-2021-42574).
 */
public final class PlainText {

    private static final Pattern HIDDEN = Pattern.compile("[\\p{Cntrl}\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]");

    private PlainText() {
    }

    /**
     * {@code text} with each invisible character replaced by a space, trimmed; null when nothing is left
     * (or {@code text} is null).
     */
    public static String flatten(String text) {
        if (text == null) {
            return null;
        }
        String flat = HIDDEN.matcher(text).replaceAll(" ").strip();
        return flat.isEmpty() ? null : flat;
    }

    /**
     * Why {@code text} may not be shown as it is, in French with the first invisible character's code
     * (« caractère invisible U+202E interdit … »), or empty when it may (null included).
     */
    public static Optional<String> refusal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = HIDDEN.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(String.format("caractère invisible U+%04X interdit (contrôle ou sens d'écriture) : "
                + "il change ce que les lecteurs voient", (int) m.group().charAt(0)));
    }

    /** Adds to {@code v} the violation of {@code field} of {@code label} when {@code text} is {@link #refusal refused}. */
    static void check(List<Violation> v, String label, String field, String text) {
        refusal(text).ifPresent(why -> v.add(new Violation(label, field, why)));
    }
}
