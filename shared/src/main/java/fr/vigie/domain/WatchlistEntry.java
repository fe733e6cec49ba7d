package fr.vigie.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * One surveilled device family of the operators' watch-list (spec section 1).
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
        boolean active) {

    public WatchlistEntry {
        epidemics = Set.copyOf(epidemics);
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** True when the device is polled and may raise alerts on that day. */
    public boolean watchedOn(LocalDate day) {
        return active && season.contains(day);
    }
}
