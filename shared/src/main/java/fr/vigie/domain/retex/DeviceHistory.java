package fr.vigie.domain.retex;

import fr.vigie.domain.Season;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One device of the watch-list through its versions (the registry's audit trail): what was in force
 * when. The RETEX judges each day by the version in force that day, so that importing another list
 * after the season changes none of its figures.
 *
 * @param versions oldest first, never empty
 */
public record DeviceHistory(String deviceId, List<Version> versions) {

    /** An entry as written at {@code since} (the audit record's instant), in force until the next version. */
    public record Version(Instant since, WatchlistEntry entry) {
    }

    public DeviceHistory {
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("a device history has at least one version: " + deviceId);
        }
        versions = versions.stream().sorted(Comparator.comparing(Version::since)).toList();
    }

    /** A device known only by its current entry (written before versions were audited): in force since ever. */
    public static DeviceHistory of(WatchlistEntry current) {
        return new DeviceHistory(current.deviceId(), List.of(new Version(Instant.EPOCH, current)));
    }

    /**
     * The entry in force at {@code at}: the latest version written at or before it, or the first
     * version when {@code at} comes before any (a list registered after the data it watches).
     */
    public WatchlistEntry inForce(Instant at) {
        WatchlistEntry found = versions.get(0).entry();
        for (Version v : versions) {
            if (v.since().isAfter(at)) {
                break;
            }
            found = v.entry();
        }
        return found;
    }

    /** The entry in force when the season ended: "today's" list as far as the season is concerned. */
    public WatchlistEntry atEndOf(Season season) {
        return inForce(season.to());
    }

    /** The entries in force at some time of the season, oldest first: the one in force when it began, then those written during it. */
    public List<WatchlistEntry> inForceDuring(Season season) {
        List<WatchlistEntry> out = new ArrayList<>();
        out.add(inForce(season.from()));
        versions.stream().filter(v -> v.since().isAfter(season.from()) && !v.since().isAfter(season.to())).forEach(v -> out.add(v.entry()));
        return out;
    }

    /** True when some version in force during the season was active. */
    public boolean listedDuring(Season season) {
        return inForceDuring(season).stream().anyMatch(WatchlistEntry::active);
    }

    /** The thresholds in force at {@code at}. */
    public Thresholds thresholdsAt(Instant at) {
        return inForce(at).thresholds();
    }
}
