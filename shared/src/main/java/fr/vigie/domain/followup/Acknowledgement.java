package fr.vigie.domain.followup;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * "Seen, we act": an open alert acknowledged by a hospital (its own alerts) or an operator (their
 * region's), with what was done and an optional note. {@code by} is the caller's subject (the JWT
 * {@code sub}), {@code role} the role it acted in ({@code facility}, {@code operators-11},
 * {@code operators}). The note is plain text of at most {@value #NOTE_MAX} characters, control
 * and bidirectional control characters removed (it goes into emails and pages).
 */
public record Acknowledgement(String alertId, String by, String role, AckAction action, String note, Instant at) {

    public static final int NOTE_MAX = 500;
    /**
     * Control characters, and the invisible bidirectional controls (marks, embeddings, overrides, isolates,
     * Unicode UAX #9) that reorder what a reader sees ("Trojan Source", CVE-2021-42574): a U+202E in a note
     * shows the rest of the acknowledgement in an email reversed.
     */
    private static final Pattern HIDDEN = Pattern.compile("[\\p{Cntrl}\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069]");

    public Acknowledgement {
        note = clean(note);
    }

    /**
     * The note as stored: control and bidirectional control characters replaced by spaces, trimmed, cut at
     * {@value #NOTE_MAX} UTF-16 units but never inside a character (half an emoji was stored as « ? »); null when empty.
     */
    static String clean(String note) {
        if (note == null) {
            return null;
        }
        String flat = HIDDEN.matcher(note).replaceAll(" ").strip();
        if (flat.isEmpty()) {
            return null;
        }
        if (flat.length() <= NOTE_MAX) {
            return flat;
        }
        return flat.substring(0, Character.isHighSurrogate(flat.charAt(NOTE_MAX - 1)) ? NOTE_MAX - 1 : NOTE_MAX);
    }
}
