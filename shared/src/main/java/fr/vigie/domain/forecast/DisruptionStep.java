package fr.vigie.domain.forecast;

import fr.vigie.domain.SupplyDisruptionEvent;

import java.util.Optional;

/** The detector's next state for a device and the event to announce, when the disruption opened, grew or closed. */
public record DisruptionStep(DisruptionState state, Optional<SupplyDisruptionEvent> event) {
}
