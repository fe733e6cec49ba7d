package fr.vigie.app;

import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.forecast.Assessment;
import fr.vigie.domain.forecast.DisruptionDetector;
import fr.vigie.domain.forecast.DisruptionStep;
import fr.vigie.domain.forecast.SupplyOutlook;
import fr.vigie.port.DisruptionStore;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A facility's assessment of a device added to that device's national shortage state
 * ({@link DisruptionDetector}), from any number of concurrent evaluations: read, decide, save on
 * condition of the version read, and on a conflict read again and decide again (issue 18: the state
 * was rewritten without a condition and concurrent evaluations lost each other's signals).
 * <p>
 * Within a batch ({@link #forget} between batches) a device's state is read once and then kept as this
 * process saved it, read again only when a facility was newly counted among its reporters or a save
 * met another writer's version: a poll of 60 devices costs 60 reads per batch of polls, not one per
 * snapshot. What another process saved meanwhile is seen at the next batch, or at once by a save
 * that meets its version.
 */
public final class NationalSignals {

    /** Conflicts in a row before giving up (the stream then retries the batch). */
    static final int MAX_ATTEMPTS = 20;

    private final DisruptionStore store;
    private final DisruptionDetector detector = new DisruptionDetector();
    private final Map<String, DisruptionStore.Versioned> kept = new HashMap<>();

    public NationalSignals(DisruptionStore store) {
        this.store = store;
    }

    /** The device's state for a facility about to evaluate it, the facility counted as reporting the device. */
    public DisruptionStore.Versioned read(String deviceId, String facilityId) {
        if (store.countReporter(deviceId, facilityId)) {
            kept.remove(deviceId); // the count may have moved
        }
        return kept.computeIfAbsent(deviceId, store::state);
    }

    /** Forgets the states read: the next batch reads each device's afresh (other processes may have saved it). */
    public void forget() {
        kept.clear();
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
                kept.put(assessment.deviceId(), national);
            }
            DisruptionStep step = detector.observe(national.state(), facilityId, assessment);
            if (step.state().equals(national.state())) {
                return step.event().filter(store::recordEvent);
            }
            if (store.saveState(assessment.deviceId(), national.version(), step.state())) {
                kept.put(assessment.deviceId(), new DisruptionStore.Versioned(step.state(), national.version() + 1));
                return step.event().filter(store::recordEvent);
            }
        }
        throw new IllegalStateException("disruption state of " + assessment.deviceId() + " still changing after "
                + MAX_ATTEMPTS + " attempts");
    }
}
