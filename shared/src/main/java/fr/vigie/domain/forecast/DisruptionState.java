package fr.vigie.domain.forecast;

import fr.vigie.domain.DisruptionKind;

import java.time.Instant;
import java.util.List;

/**
 * What the national shortage detector remembers of one device between snapshots: the facilities
 * that report it, the recent overdue or short deliveries seen per facility (one per facility, the
 * latest), and the disruption currently announced, if any, with what was announced of it. Stored
 * as JSON in one item per device, so it must stay small, Jackson-friendly and change rarely.
 */
public record DisruptionState(List<FacilitySignal> recent, String openDisruptionId, Instant firstSeen,
                              List<String> announcedFacilities, List<String> reporting, DisruptionKind kind,
                              Integer typicalDelayDays, Double deliveredFraction) {

    /** A weak signal of one facility, when it was seen. */
    public record FacilitySignal(String facilityId, Instant at, SupplySignal signal) {
    }

    public static final DisruptionState NONE = new DisruptionState(List.of(), null, null, List.of(), List.of(),
            null, null, null);

    public DisruptionState {
        recent = recent == null ? List.of() : List.copyOf(recent);
        announcedFacilities = announcedFacilities == null ? List.of() : List.copyOf(announcedFacilities);
        reporting = reporting == null ? List.of() : List.copyOf(reporting);
    }

    public boolean open() {
        return openDisruptionId != null;
    }
}
