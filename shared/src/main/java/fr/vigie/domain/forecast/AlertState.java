package fr.vigie.domain.forecast;

import fr.vigie.domain.AlertLevel;

import java.time.Instant;

/**
 * The alert state of one facility/device between snapshots: the level announced last
 * ({@link AlertLevel#NONE} when calm), a level seen but not yet confirmed and how many snapshots
 * in a row saw it, and when the announced level was entered. Stored, so it must stay small.
 */
public record AlertState(AlertLevel level, AlertLevel candidate, int confirmations, Instant since) {

    public static final AlertState CALM = new AlertState(AlertLevel.NONE, AlertLevel.NONE, 0, null);
}
