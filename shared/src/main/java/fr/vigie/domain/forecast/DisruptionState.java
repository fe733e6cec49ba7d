package fr.vigie.domain.forecast;

import java.time.Instant;
import java.util.List;

/**
 * What the national shortage detector remembers of one device between snapshots: the recent
 * overdue or short deliveries seen per facility, and the disruption currently announced, if any.
 * Stored as JSON in one item per device, so it must stay small and Jackson-friendly.
 */
public record DisruptionState(List<FacilitySignal> recent, String openDisruptionId, Instant firstSeen,
                              List<String> announcedFacilities) {

    /** A weak signal of one facility, when it was seen. */
    public record FacilitySignal(String facilityId, Instant at, SupplySignal signal) {
    }

    public static final DisruptionState NONE = new DisruptionState(List.of(), null, null, List.of());

    public DisruptionState {
        recent = recent == null ? List.of() : List.copyOf(recent);
        announcedFacilities = announcedFacilities == null ? List.of() : List.copyOf(announcedFacilities);
    }
}
