package fr.vigie.app;

import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.forecast.Assessment;
import fr.vigie.domain.forecast.DisruptionDetector;
import fr.vigie.domain.forecast.DisruptionStep;
import fr.vigie.domain.forecast.SupplyOutlook;
import fr.vigie.port.DisruptionStore;

import java.util.Optional;

/**
 * A facility's assessment of a device added to that device's national shortage state
 * ({@link DisruptionDetector}), from any number of concurrent evaluations: read, decide, save on
 * condition of the version read, and on a conflict read again and decide again (issue 18: the state
 * was rewritten without a condition and concurrent evaluations lost each other's signals).
 */
public final class NationalSignals {

    /** Conflicts in a row before giving up (the stream then retries the batch). */
    static final int MAX_ATTEMPTS = 20;

    private final DisruptionStore store;
    private final DisruptionDetector detector = new DisruptionDetector();

    public NationalSignals(DisruptionStore store) {
        this.store = store;
    }

    /** The device's state for a facility about to evaluate it, the facility counted as reporting the device. */
    public DisruptionStore.Versioned read(String deviceId, String facilityId) {
        store.countReporter(deviceId, facilityId);
        return store.state(deviceId);
    }

    /** What the facility's evaluation should know from {@code read}: the disruption in force, if any. */
    public SupplyOutlook outlook(DisruptionStore.Versioned read) {
        return detector.outlook(read.state());
    }

    /**
     * Adds the facility's assessment to the device's state, starting from {@code read}.
     *
     * @return the disruption event it opened, updated or closed, recorded now (not before): to publish
     * @throws IllegalStateException after {@link #MAX_ATTEMPTS} conflicts in a row
     */
    public Optional<SupplyDisruptionEvent> observe(DisruptionStore.Versioned read, String facilityId, Assessment assessment) {
        DisruptionStore.Versioned national = read;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            if (attempt > 0) {
                national = store.state(assessment.deviceId());
            }
            DisruptionStep step = detector.observe(national.state(), facilityId, assessment);
            if (step.state().equals(national.state()) || store.saveState(assessment.deviceId(), national.version(), step.state())) {
                return step.event().filter(store::recordEvent);
            }
        }
        throw new IllegalStateException("disruption state of " + assessment.deviceId() + " still changing after "
                + MAX_ATTEMPTS + " attempts");
    }
}
