package fr.vigie.domain.followup;

import fr.vigie.domain.PlainText;

import java.time.Instant;

/**
 * "Seen, we act": an open alert acknowledged by a hospital (its own alerts) or an operator (their
 * region's), with what was done and an optional note. {@code by} is the caller's subject (the JWT
 * {@code sub}), {@code role} the role it acted in ({@code facility}, {@code operators-11},
 * {@code operators}). The note is plain text of at most {@value #NOTE_MAX} characters, control
 * and bidirectional control characters removed ({@link PlainText}: it goes into emails and pages).
 */
public record Acknowledgement(String alertId, String by, String role, AckAction action, String note, Instant at) {

    public static final int NOTE_MAX = 500;

    public Acknowledgement {
        note = clean(note);
    }

    /**
     * The note as stored: control and bidirectional control characters replaced by spaces, trimmed, cut at
     * {@value #NOTE_MAX} UTF-16 units but never inside a character (half an emoji was stored as « ? »); null when empty.
     */
    static String clean(String note) {
        String flat = PlainText.flatten(note);
        if (flat == null || flat.length() <= NOTE_MAX) {
            return flat;
        }
        return flat.substring(0, Character.isHighSurrogate(flat.charAt(NOTE_MAX - 1)) ? NOTE_MAX - 1 : NOTE_MAX);
    }
}
