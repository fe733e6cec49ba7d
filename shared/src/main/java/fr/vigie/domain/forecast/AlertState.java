package fr.vigie.domain.forecast;

import fr.vigie.domain.AlertLevel;

import java.time.Instant;

/**
 * The alert state of one facility/device between snapshots: the level announced last
 * ({@link AlertLevel#NONE} when calm), a move seen but not yet confirmed ({@code candidate}), how many
 * days' first snapshots saw it ({@code confirmations}: 1 while it waits for the next day's) and from
 * which snapshot ({@code candidateSince}: {@link LevelMachine} confirms in local days, whatever the
 * polling cadence), and when the announced level was entered. Stored, so it must stay small; a state
 * stored before {@code candidateSince} existed reads it as {@code null} (the candidate starts over).
 */
public record AlertState(AlertLevel level, AlertLevel candidate, int confirmations, Instant since, Instant candidateSince) {

    public static final AlertState CALM = new AlertState(AlertLevel.NONE, AlertLevel.NONE, 0, null, null);

    /** A state with no move under way, or one whose start is not known. */
    public AlertState(AlertLevel level, AlertLevel candidate, int confirmations, Instant since) {
        this(level, candidate, confirmations, since, null);
    }
}
