package fr.vigie.domain;

import fr.vigie.domain.followup.DeviceFollowUp;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * One surveilled device family of the operators' watch-list (spec section 1), with its optional
 * follow-up settings ({@link DeviceFollowUp}: escalation delay, alternatives; issue 22).
 * Built through {@link WatchlistValidator}, which guarantees every rule of the contract.
 */
public record WatchlistEntry(
        String deviceId,
        String name,
        Set<Epidemic> epidemics,
        String unit,
        String emdn,
        List<SupplierReference> references,
        SeasonWindow season,
        Thresholds thresholds,
        boolean active,
        DeviceFollowUp followUp) {

    public WatchlistEntry {
        epidemics = Set.copyOf(epidemics);
        references = references == null ? List.of() : List.copyOf(references);
        followUp = followUp == null ? DeviceFollowUp.NONE : followUp;
    }

    /** An entry without follow-up settings (the spec's fields only). */
    public WatchlistEntry(String deviceId, String name, Set<Epidemic> epidemics, String unit, String emdn,
                          List<SupplierReference> references, SeasonWindow season, Thresholds thresholds, boolean active) {
        this(deviceId, name, epidemics, unit, emdn, references, season, thresholds, active, DeviceFollowUp.NONE);
    }

    /** True when the device is polled and may raise alerts on that day. */
    public boolean watchedOn(LocalDate day) {
        return active && season.contains(day);
    }
}
