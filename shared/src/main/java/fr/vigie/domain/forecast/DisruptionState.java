package fr.vigie.domain.forecast;

import fr.vigie.domain.DisruptionKind;

import java.time.Instant;
import java.util.List;

/**
 * What the national shortage detector remembers of one device between snapshots: how many
 * facilities report it (a count, kept by the store: issue 18, no list of every reporting facility),
 * the recent overdue or short deliveries seen per facility (one per facility, the latest, only
 * while it signals), and the disruption currently announced, if any, with what was announced of
 * it. Stored as JSON in one item per device, so it must stay small, Jackson-friendly and change rarely.
 */
public record DisruptionState(List<FacilitySignal> recent, String openDisruptionId, Instant firstSeen,
                              List<String> announcedFacilities, int reportingCount, DisruptionKind kind,
                              Integer typicalDelayDays, Double deliveredFraction) {

    /** A weak signal of one facility, when it was seen. */
    public record FacilitySignal(String facilityId, Instant at, SupplySignal signal) {
    }

    public static final DisruptionState NONE = new DisruptionState(List.of(), null, null, List.of(), 0,
            null, null, null);

    public DisruptionState {
        recent = recent == null ? List.of() : List.copyOf(recent);
        announcedFacilities = announcedFacilities == null ? List.of() : List.copyOf(announcedFacilities);
    }

    /** The same state with the count of reporting facilities that the store keeps. */
    public DisruptionState withReportingCount(int count) {
        return new DisruptionState(recent, openDisruptionId, firstSeen, announcedFacilities, count, kind,
                typicalDelayDays, deliveredFraction);
    }

    public boolean open() {
        return openDisruptionId != null;
    }
}
