package fr.vigie.app;

import fr.vigie.domain.OutgoingEvent;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.StaleDataEvent;
import fr.vigie.domain.silence.FacilityReporting;
import fr.vigie.domain.silence.SilencePolicy;
import fr.vigie.port.ReportingLog;
import fr.vigie.port.Watchlist;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Silent facilities (issue 22): each new snapshot feeds its facility's reporting rhythm
 * ({@link #observe}, which closes a silence it ends), and a check at a given time ({@link #check})
 * announces, once, a facility or device that has sent nothing for longer than its rhythm allows
 * ({@link SilencePolicy}: 36 h for a daily sender, 6 h for an hourly one by default). Only devices
 * watched that day are expected. A poll that fails stores nothing, so it counts as silence. Events
 * are recorded pending with the state they lead to ({@link ReportingLog}) and sent by
 * {@link AlertDispatch} like the others; silence never closes an alert. The cloud observes in the
 * coverage-evaluator and checks on a schedule; {@code ./vigie replay} checks after each batch on the
 * feed's clock.
 */
public final class SilenceWatch {

    /** Writes lost to a concurrent run before giving up (each retry reads the state again). */
    private static final int ATTEMPTS = 5;

    private final ReportingLog log;
    private final Watchlist watchlist;
    private final SilencePolicy policy;

    public SilenceWatch(ReportingLog log, Watchlist watchlist, SilencePolicy policy) {
        this.log = log;
        this.watchlist = watchlist;
        this.policy = policy;
    }

    /**
     * The delays set by {@code SILENT_AFTER_HOURLY_HOURS} (default 6) and {@code SILENT_AFTER_DAILY_HOURS}
     * (default 36) among {@code settings} (the function's or {@code ./vigie}'s environment).
     *
     * @throws IllegalArgumentException when a value is not a whole number of hours or breaks {@link SilencePolicy}'s rule
     */
    public static SilencePolicy policy(Map<String, String> settings) {
        return new SilencePolicy(hours(settings, "SILENT_AFTER_HOURLY_HOURS", SilencePolicy.DEFAULT.hourlyAfter()),
                hours(settings, "SILENT_AFTER_DAILY_HOURS", SilencePolicy.DEFAULT.dailyAfter()));
    }

    private static Duration hours(Map<String, String> settings, String name, Duration byDefault) {
        String value = settings.get(name);
        if (value == null || value.isBlank()) {
            return byDefault;
        }
        try {
            return Duration.ofHours(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of hours, not " + value, e);
        }
    }

    /** A batch's snapshots of watched devices taken into their facilities' rhythms; returns the CLOSED events recorded. */
    public List<OutgoingEvent> observe(List<Snapshot> snapshots) {
        Map<String, List<Snapshot>> byFacility = new TreeMap<>();
        for (Snapshot s : snapshots) {
            if (watchlist.entry(s.deviceId()).isPresent()) {
                byFacility.computeIfAbsent(s.facilityId(), f -> new ArrayList<>()).add(s);
            }
        }
        List<OutgoingEvent> recorded = new ArrayList<>();
        byFacility.forEach((facility, seen) -> recorded.addAll(update(facility, state -> {
            List<StaleDataEvent> events = new ArrayList<>();
            FacilityReporting next = state;
            for (Snapshot s : seen) {
                FacilityReporting.Step step = next.observe(s.deviceId(), s.timestamp());
                next = step.state();
                events.addAll(step.events());
            }
            return new FacilityReporting.Step(next, events);
        }).events()));
        return recorded;
    }

    /** A series silent at the check's time, and its last snapshot. */
    public record Silent(SeriesKey series, Instant lastSeen) {
    }

    /** What a check recorded (OPEN events, none twice) and every series silent at its time, new or not. */
    public record Checked(List<OutgoingEvent> recorded, List<Silent> silent) {
    }

    /** What is silent at {@code now} among {@code facilityIds}, among the devices watched that day. */
    public Checked check(Instant now, Collection<String> facilityIds) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Predicate<String> expected = device -> watchlist.entry(device).map(e -> e.watchedOn(day)).orElse(false);
        List<OutgoingEvent> recorded = new ArrayList<>();
        List<Silent> silent = new ArrayList<>();
        for (String facility : facilityIds) {
            FacilityReporting.Step step = update(facility, state -> state.check(now, policy, expected));
            recorded.addAll(step.events());
            step.state().devices().forEach((device, rhythm) -> {
                if (expected.test(device) && step.state().silent(device)) {
                    silent.add(new Silent(new SeriesKey(facility, device), rhythm.lastSeen()));
                }
            });
        }
        return new Checked(recorded, silent);
    }

    /**
     * Reads, steps and writes one facility's state, again from a fresh read when another run wrote it
     * meanwhile; the state it leads to and the events recorded (none when nothing changed).
     */
    private FacilityReporting.Step update(String facilityId, Function<FacilityReporting, FacilityReporting.Step> step) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            ReportingLog.Versioned read = log.read(facilityId);
            FacilityReporting.Step next = step.apply(read.state());
            if (next.events().isEmpty() && next.state().equals(read.state())) {
                return next;
            }
            if (log.record(read, next.state(), next.events())) {
                return next;
            }
        }
        throw new IllegalStateException("reporting state of " + facilityId + " changed by other runs " + ATTEMPTS + " times in a row");
    }
}
