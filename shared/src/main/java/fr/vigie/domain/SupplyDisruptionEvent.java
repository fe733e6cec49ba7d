package fr.vigie.domain;

import java.time.Instant;
import java.util.List;

/**
 * A national shortage of one device seen across facilities (spec section 3, {@code type}
 * SUPPLY_DISRUPTION), announced to operators. {@code typicalDelayDays} is set for a DELAY,
 * {@code deliveredFraction} for an ALLOCATION.
 */
public record SupplyDisruptionEvent(
        String disruptionId,
        String deviceId,
        DisruptionStatus status,
        Instant at,
        Instant firstSeen,
        List<String> facilities,
        DisruptionKind kind,
        Integer typicalDelayDays,
        Double deliveredFraction) implements OutgoingEvent {

    public static final String TYPE = "SUPPLY_DISRUPTION";

    public SupplyDisruptionEvent {
        facilities = List.copyOf(facilities);
    }
}
