package fr.vigie.app;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.FacilityContact;
import fr.vigie.domain.Region;
import fr.vigie.domain.RegisteredFacility;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.followup.AlertContext;
import fr.vigie.domain.followup.Neighbours;
import fr.vigie.domain.forecast.SeriesEvaluator;
import fr.vigie.domain.forecast.StockOutlook;
import fr.vigie.domain.followup.Acknowledgement;
import fr.vigie.port.Acknowledgements;
import fr.vigie.port.AlertContexts;
import fr.vigie.port.Registry;
import fr.vigie.port.SnapshotStore;
import fr.vigie.port.Watchlist;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The context that makes an alert's texts help (issue 22), from the registry and the snapshots:
 * the facility's name and region, the regional contact (the region's health agency's operators),
 * the acknowledgement link of the console or the acknowledgement already made, and for a CRITICAL the entry's alternatives and up to
 * three neighbours ({@link Neighbours}: same region, same device, projected coverage at least twice
 * the warning threshold at the alert's time, computed from their own recent snapshots by the same
 * projection as the evaluator's, {@link StockOutlook}), each with its registry contact.
 */
public final class AlertHelp implements AlertContexts {

    private final Registry registry;
    private final SnapshotStore snapshots;
    private final Supplier<Watchlist> watchlist;
    private final Acknowledgements acknowledgements;
    private final String consoleUrl;

    /**
     * @param watchlist  reads the current watch-list (the batch's, the run's or the request's)
     * @param consoleUrl the console's address (https://…, no trailing slash), null when none is deployed
     */
    public AlertHelp(Registry registry, SnapshotStore snapshots, Supplier<Watchlist> watchlist, Acknowledgements acknowledgements,
                     String consoleUrl) {
        this.registry = registry;
        this.snapshots = snapshots;
        this.watchlist = watchlist;
        this.acknowledgements = acknowledgements;
        this.consoleUrl = consoleUrl == null || consoleUrl.isBlank() ? null : consoleUrl.strip().replaceAll("/+$", "");
    }

    @Override
    public AlertContext of(AlertEvent event, WatchlistEntry device) {
        Optional<RegisteredFacility> facility = registry.facility(event.facilityId()).map(Registry.Versioned::value);
        String name = named(facility, event.facilityId());
        String region = facility.map(f -> f.facility().region()).orElse(null);
        String regionLabel = region == null ? null : Region.labelOf(region);
        String contact = regionLabel == null ? null : "opérateurs Vigie de l'ARS " + regionLabel;
        String link = consoleUrl == null ? null
                : consoleUrl + "/#/acquitter/" + URLEncoder.encode(event.alertId(), StandardCharsets.UTF_8);
        Acknowledgement ack = event.level().isOpen() ? acknowledgements.of(event.alertId()).orElse(null) : null;
        if (event.level() != AlertLevel.CRITICAL) {
            return new AlertContext(name, regionLabel, contact, link, List.of(), List.of(), ack);
        }
        List<String> alternatives = device.followUp().alternatives().stream()
                .map(a -> a.label(a.deviceId() == null ? null : deviceName(a.deviceId()))).toList();
        return new AlertContext(name, regionLabel, contact, link, neighbours(event, device, region), alternatives, ack);
    }

    @Override
    public String deviceName(String deviceId) {
        return watchlist.get().entry(deviceId).map(WatchlistEntry::name).orElse(deviceId);
    }

    @Override
    public String facilityName(String facilityId) {
        return named(registry.facility(facilityId).map(Registry.Versioned::value), facilityId);
    }

    private static String named(Optional<RegisteredFacility> facility, String facilityId) {
        return facility.map(f -> f.facility().name()).filter(n -> n != null && !n.isBlank()).orElse(facilityId);
    }

    /** Who could lend to the facility of {@code event}, a CRITICAL (empty for another level, an unknown device or facility). */
    public List<Neighbours.Candidate> neighbours(AlertEvent event) {
        Optional<WatchlistEntry> device = watchlist.get().entry(event.deviceId());
        if (event.level() != AlertLevel.CRITICAL || device.isEmpty()) {
            return List.of();
        }
        String region = registry.facility(event.facilityId()).map(v -> v.value().facility().region()).orElse(null);
        return neighbours(event, device.get(), region);
    }

    /** Up to three facilities of {@code region} that could lend {@code device}, nearest (then most comfortable) first. */
    public List<Neighbours.Candidate> neighbours(AlertEvent event, WatchlistEntry device, String region) {
        if (region == null) {
            return List.of();
        }
        List<Neighbours.Candidate> holders = new ArrayList<>();
        for (Registry.Versioned<RegisteredFacility> v : registry.facilities()) {
            RegisteredFacility f = v.value();
            if (!region.equals(f.facility().region()) || f.facilityId().equals(event.facilityId())) {
                continue;
            }
            List<Snapshot> history = snapshots.history(new SeriesKey(f.facilityId(), device.deviceId()), event.at(), SeriesEvaluator.HISTORY_DAYS);
            if (history.isEmpty()) {
                continue;
            }
            double coverage = StockOutlook.of(device, history).coverageDays();
            holders.add(new Neighbours.Candidate(f.facilityId(), f.facility().name(), region, coverage, null, null, contact(f.contact())));
        }
        Neighbours.Candidate inNeed = new Neighbours.Candidate(event.facilityId(), null, region, event.coverageDays(), null, null, null);
        return Neighbours.of(inNeed, holders, device.thresholds().warningDays());
    }

    private static String contact(FacilityContact c) {
        if (c == null || c.isEmpty()) {
            return null;
        }
        return Stream.of(c.name(), c.email(), c.phone()).filter(s -> s != null && !s.isBlank()).collect(Collectors.joining(", "));
    }
}
