package fr.vigie.domain.followup;

import java.time.Instant;

/**
 * "Seen, we act": an open alert acknowledged by a hospital (its own alerts) or an operator (their
 * region's), with what was done and an optional note. {@code by} is the caller's subject (the JWT
 * {@code sub}), {@code role} the role it acted in ({@code facility}, {@code operators-11},
 * {@code operators}). The note is plain text of at most {@value #NOTE_MAX} characters, control
 * characters removed (it goes into emails and pages).
 */
public record Acknowledgement(String alertId, String by, String role, AckAction action, String note, Instant at) {

    public static final int NOTE_MAX = 500;

    public Acknowledgement {
        note = clean(note);
    }

    /** The note as stored: control characters replaced by spaces, trimmed, cut at {@value #NOTE_MAX}; null when empty. */
    static String clean(String note) {
        if (note == null) {
            return null;
        }
        String flat = note.replaceAll("\\p{Cntrl}", " ").strip();
        if (flat.isEmpty()) {
            return null;
        }
        return flat.length() <= NOTE_MAX ? flat : flat.substring(0, NOTE_MAX);
    }
}
