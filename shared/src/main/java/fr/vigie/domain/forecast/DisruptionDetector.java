package fr.vigie.domain.forecast;

import fr.vigie.domain.DisruptionKind;
import fr.vigie.domain.DisruptionStatus;
import fr.vigie.domain.SupplyDisruptionEvent;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Decides online, from the snapshots seen so far, that overdue or short deliveries of one device
 * at several facilities in the same weeks reveal a national shortage, and when it is over.
 * <p>
 * A facility's signal counts for {@link #WINDOW} after it was last seen, and stops counting as soon
 * as that facility receives a delivery on time with nothing else wrong. A disruption opens when
 * signals of the same kind stand at {@link #MIN_FACILITIES} facilities and at least
 * {@link #MIN_SHARE} of those reporting the device (one supplier failing one hospital is local;
 * the count of reporting facilities is the state's, kept by the store);
 * it is updated when more facilities join, and closes when no facility signals that kind any more.
 */
public final class DisruptionDetector {

    static final Duration WINDOW = Duration.ofDays(21);
    /** A standing signal is renewed at most this often, so that the state is not rewritten daily. */
    private static final Duration REFRESH = Duration.ofDays(7);
    static final int MIN_FACILITIES = 3;
    static final double MIN_SHARE = 0.3;

    /** Observes one facility's evaluated snapshot of the device. */
    public DisruptionStep observe(DisruptionState state, String facilityId, Assessment assessment) {
        Instant now = assessment.at();
        List<DisruptionState.FacilitySignal> recent = new ArrayList<>();
        DisruptionState.FacilitySignal own = null;
        for (DisruptionState.FacilitySignal s : state.recent()) {
            if (s.at().plus(WINDOW).isBefore(now)) {
                continue; // expired
            }
            if (s.facilityId().equals(facilityId)) {
                own = s;
            } else {
                recent.add(s);
            }
        }
        SupplySignal signal = assessment.signal();
        if (signal != null) {
            boolean renew = own == null || own.signal().kind() != signal.kind() || !own.at().plus(REFRESH).isAfter(now);
            own = renew ? new DisruptionState.FacilitySignal(facilityId, now, signal) : own;
        } else if (assessment.deliveredOnTime() && !assessment.supplyFailing()) {
            own = null; // deliveries are back on time here
        }
        if (own != null) {
            recent.add(own);
        }
        recent.sort(Comparator.comparing(DisruptionState.FacilitySignal::facilityId));
        DisruptionState next = new DisruptionState(recent, state.openDisruptionId(), state.firstSeen(),
                state.announcedFacilities(), state.reportingCount(), state.kind(), state.typicalDelayDays(), state.deliveredFraction());
        return decide(next, assessment.deviceId(), now);
    }

    /** What facilities evaluating this device should know: the disruption in force, if any. */
    public SupplyOutlook outlook(DisruptionState state) {
        if (!state.open()) {
            return SupplyOutlook.NORMAL;
        }
        return new SupplyOutlook(event(state, deviceOf(state.openDisruptionId()), DisruptionStatus.OPEN, state.firstSeen()));
    }

    private DisruptionStep decide(DisruptionState state, String deviceId, Instant now) {
        if (!state.open()) {
            DisruptionKind kind = dominantKind(state.recent());
            List<DisruptionState.FacilitySignal> affected = signalling(state, kind);
            if (kind == null || affected.size() < Math.max(MIN_FACILITIES, Math.ceil(MIN_SHARE * state.reportingCount()))) {
                return new DisruptionStep(state, Optional.empty());
            }
            Instant firstSeen = affected.stream().map(DisruptionState.FacilitySignal::at).min(Instant::compareTo).orElse(now);
            String id = deviceId + "#" + LocalDate.ofInstant(firstSeen, ZoneOffset.UTC);
            DisruptionState opened = withAnnounced(state, id, firstSeen, facilities(affected), kind, affected);
            return new DisruptionStep(opened, Optional.of(event(opened, deviceId, DisruptionStatus.OPEN, now)));
        }
        List<DisruptionState.FacilitySignal> affected = signalling(state, state.kind());
        if (affected.isEmpty()) {
            DisruptionState closed = new DisruptionState(state.recent(), null, null, List.of(), state.reportingCount(), null, null, null);
            return new DisruptionStep(closed, Optional.of(event(state, deviceId, DisruptionStatus.CLOSED, now)));
        }
        if (!state.announcedFacilities().containsAll(facilities(affected))) {
            TreeSet<String> grown = new TreeSet<>(state.announcedFacilities());
            grown.addAll(facilities(affected));
            DisruptionState updated = withAnnounced(state, state.openDisruptionId(), state.firstSeen(),
                    List.copyOf(grown), state.kind(), affected);
            return new DisruptionStep(updated, Optional.of(event(updated, deviceId, DisruptionStatus.UPDATED, now)));
        }
        return new DisruptionStep(state, Optional.empty());
    }

    private static List<DisruptionState.FacilitySignal> signalling(DisruptionState state, DisruptionKind kind) {
        return state.recent().stream().filter(s -> s.signal().kind() == kind).toList();
    }

    private static List<String> facilities(List<DisruptionState.FacilitySignal> signals) {
        return signals.stream().map(DisruptionState.FacilitySignal::facilityId).sorted().toList();
    }

    private static DisruptionState withAnnounced(DisruptionState state, String id, Instant firstSeen, List<String> facilities,
                                                 DisruptionKind kind, List<DisruptionState.FacilitySignal> affected) {
        Integer delay = kind == DisruptionKind.DELAY
                ? (int) Math.round(median(affected.stream().map(s -> (double) s.signal().delayDays()).toList())) : null;
        Double fraction = kind == DisruptionKind.ALLOCATION
                ? Math.round(median(affected.stream().map(s -> s.signal().deliveredFraction()).toList()) * 100) / 100.0 : null;
        return new DisruptionState(state.recent(), id, firstSeen, facilities, state.reportingCount(), kind, delay, fraction);
    }

    private static SupplyDisruptionEvent event(DisruptionState s, String deviceId, DisruptionStatus status, Instant at) {
        return new SupplyDisruptionEvent(s.openDisruptionId(), deviceId, status, at, s.firstSeen(),
                s.announcedFacilities(), s.kind(), s.typicalDelayDays(), s.deliveredFraction());
    }

    /** The kind most facilities signal (delays win a tie: they show first and weigh most). */
    private static DisruptionKind dominantKind(List<DisruptionState.FacilitySignal> recent) {
        long delays = recent.stream().filter(s -> s.signal().kind() == DisruptionKind.DELAY).count();
        long cuts = recent.size() - delays;
        return recent.isEmpty() ? null : delays >= cuts ? DisruptionKind.DELAY : DisruptionKind.ALLOCATION;
    }

    private static String deviceOf(String disruptionId) {
        return disruptionId.substring(0, disruptionId.lastIndexOf('#'));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }
}
