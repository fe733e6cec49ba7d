package fr.vigie.domain.forecast;

import java.util.Optional;

/**
 * Decides online, from the snapshots seen so far, that overdue or short deliveries of one device
 * at several facilities in the same weeks reveal a national shortage, and when it is over.
 */
public final class DisruptionDetector {

    /** Observes one facility's evaluated snapshot of the device. */
    public DisruptionStep observe(DisruptionState state, String facilityId, Assessment assessment) {
        return new DisruptionStep(state, Optional.empty());
    }

    public SupplyOutlook outlook(DisruptionState state) {
        return SupplyOutlook.NORMAL;
    }
}
