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
 * Source", CVE-2021-42574). Nor is it longer than its field allows ({@link #NAME_MAX}, {@link #NOTE_MAX}):
 * a 5,000-character name fills an email's subject, the console's tables and every CSV cell it is copied to.
 * The spec gives no length; these limits are Vigie's (docs/watchlist.md, "Free text").
 */
public final class PlainText {

    /**
     * Longest name or label, in characters (Unicode code points): device and facility names, a unit, a supplier, a
     * reference, a contact's name. An SNS email subject holds fewer than 100 characters, so a name alone still
     * heads one; the longest of the starter list and the samples has 74.
     */
    public static final int NAME_MAX = 100;
    /** Longest note, in characters: an alternative's note, an acknowledgement's (a few sentences of an email). */
    public static final int NOTE_MAX = 500;

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
     * {@code text} {@link #flatten flattened} and cut at {@code max} characters, never inside a character (half an
     * emoji was stored as « ? »), trimmed; null when nothing is left. For text taken as it is stored, not refused.
     */
    public static String fit(String text, int max) {
        String flat = flatten(text);
        if (flat == null || flat.codePointCount(0, flat.length()) <= max) {
            return flat;
        }
        return flat.substring(0, flat.offsetByCodePoints(0, max)).strip();
    }

    /**
     * Why {@code text} may not be shown as it is, in French: the first invisible character's code
     * (« caractère invisible U+202E interdit … »), or its length over {@code max} characters
     * (« trop long : 5000 caractères, 100 au plus »); empty when it may (null included).
     */
    public static Optional<String> refusal(String text, int max) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = HIDDEN.matcher(text);
        if (m.find()) {
            return Optional.of(String.format("caractère invisible U+%04X interdit (contrôle ou sens d'écriture) : "
                    + "il change ce que les lecteurs voient", (int) m.group().charAt(0)));
        }
        int length = text.codePointCount(0, text.length());
        return length <= max ? Optional.empty()
                : Optional.of("trop long : " + length + " caractères, " + max + " au plus");
    }

    /** Adds to {@code v} the violation of {@code field} of {@code label} when {@code text} is {@link #refusal refused}. */
    static void check(List<Violation> v, String label, String field, String text, int max) {
        refusal(text, max).ifPresent(why -> v.add(new Violation(label, field, why)));
    }
}
