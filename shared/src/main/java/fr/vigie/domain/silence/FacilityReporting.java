package fr.vigie.domain.silence;

import fr.vigie.domain.StaleDataEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Whether one facility, and each of its devices, is still reporting (issue 22, spec section 3
 * STALE_DATA). When every expected device of a facility is silent the facility itself is announced
 * silent, once, rather than each device; when some devices are silent while others still come, each
 * silent device is announced once. Any new snapshot closes what it ends: the facility's silence, and its
 * device's own if that device was announced silent before the whole facility was. Immutable: each call gives
 * the next state with the events it raised, so the cloud keeps it as one item per facility and a
 * replay in memory.
 *
 * @param devices        each device's reporting rhythm, by device id
 * @param facilitySilent true while the whole facility is announced silent
 * @param silentDevices  devices announced silent on their own
 */
public record FacilityReporting(String facilityId, Map<String, ReportingRhythm> devices, boolean facilitySilent,
                                Set<String> silentDevices) {

    /** The next state and the events a snapshot or a check raised (possibly none). */
    public record Step(FacilityReporting state, List<StaleDataEvent> events) {
        public Step {
            events = List.copyOf(events);
        }
    }

    public FacilityReporting {
        devices = Map.copyOf(devices);
        silentDevices = Set.copyOf(silentDevices);
    }

    public static FacilityReporting none(String facilityId) {
        return new FacilityReporting(facilityId, Map.of(), false, Set.of());
    }

    /** The last snapshot of any device of the facility, if any came. */
    public Optional<Instant> lastSeen() {
        return devices.values().stream().map(ReportingRhythm::lastSeen).max(Instant::compareTo);
    }

    /** A snapshot of {@code deviceId} at {@code at}: closes the facility's and the device's silence. */
    public Step observe(String deviceId, Instant at) {
        Map<String, ReportingRhythm> next = new LinkedHashMap<>(devices);
        ReportingRhythm before = devices.get(deviceId);
        next.put(deviceId, before == null ? ReportingRhythm.first(at) : before.observe(at));
        List<StaleDataEvent> events = new ArrayList<>();
        if (facilitySilent) {
            events.add(new StaleDataEvent(facilityId, null, StaleDataEvent.Status.CLOSED, lastSeen().orElse(at), at));
        }
        Set<String> silent = new TreeSet<>(silentDevices);
        if (silent.remove(deviceId)) {
            events.add(new StaleDataEvent(facilityId, deviceId, StaleDataEvent.Status.CLOSED, before.lastSeen(), at));
        }
        return new Step(new FacilityReporting(facilityId, next, false, silent), events);
    }

    /**
     * What is silent at {@code now}, among the devices {@code expected} still to report (a device out
     * of its season or dropped from the watch-list is not expected and never called silent).
     */
    public Step check(Instant now, SilencePolicy policy, Predicate<String> expected) {
        List<String> watched = devices.keySet().stream().filter(expected).sorted().toList();
        if (watched.isEmpty() || facilitySilent) {
            return new Step(this, List.of());
        }
        List<String> quiet = watched.stream().filter(d -> devices.get(d).silentAt(now, policy)).toList();
        if (quiet.size() == watched.size()) {
            Instant last = watched.stream().map(d -> devices.get(d).lastSeen()).max(Instant::compareTo).orElseThrow();
            // devices already announced silent stay so: each is closed by its own next snapshot
            return new Step(new FacilityReporting(facilityId, devices, true, silentDevices),
                    List.of(new StaleDataEvent(facilityId, null, StaleDataEvent.Status.OPEN, last, now)));
        }
        List<StaleDataEvent> events = new ArrayList<>();
        Set<String> silent = new TreeSet<>(silentDevices);
        for (String device : quiet) {
            if (silent.add(device)) {
                events.add(new StaleDataEvent(facilityId, device, StaleDataEvent.Status.OPEN, devices.get(device).lastSeen(), now));
            }
        }
        return new Step(new FacilityReporting(facilityId, devices, false, silent), events);
    }

    /** True when {@code deviceId}'s data is not coming in: the facility or the device is announced silent. */
    public boolean silent(String deviceId) {
        return facilitySilent || silentDevices.contains(deviceId);
    }
}
