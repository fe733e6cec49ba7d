package fr.vigie.domain.forecast;

import fr.vigie.domain.AlertEvent;

import java.util.Optional;

/** The outcome of evaluating one snapshot: the projection, the next alert state, and the event when the level changed. */
public record Evaluation(Assessment assessment, AlertState state, Optional<AlertEvent> event) {
}
