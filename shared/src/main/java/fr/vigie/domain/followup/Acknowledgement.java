package fr.vigie.domain.followup;

import fr.vigie.domain.PlainText;

import java.time.Instant;

/**
 * "Seen, we act": an open alert acknowledged by a hospital (its own alerts) or an operator (their
 * region's), with what was done and an optional note. {@code by} is the caller's subject (the JWT
 * {@code sub}), {@code role} the role it acted in ({@code facility}, {@code operators-11},
 * {@code operators}). The note is plain text of at most {@value #NOTE_MAX} characters (cut there, never
 * inside a character), control and bidirectional control characters replaced by spaces ({@link PlainText}:
 * it goes into emails and pages).
 */
public record Acknowledgement(String alertId, String by, String role, AckAction action, String note, Instant at) {

    public static final int NOTE_MAX = PlainText.NOTE_MAX;

    public Acknowledgement {
        // the API refuses a longer note (AlertAcknowledgement); what is read back is cut, never refused
        note = PlainText.fit(note, NOTE_MAX);
    }
}
