package fr.vigie.port;

import fr.vigie.domain.Epidemic;
import fr.vigie.domain.epidemic.EpidemicWeek;

import java.time.Instant;
import java.util.List;

/**
 * Where the weekly epidemic signal is kept, with the registry (docs/forecasting.md, "Epidemic
 * signal"): one value per region, epidemic, week and publication day, and who imported it.
 */
public interface EpidemicSignals {

    /** Who brought an import: an operator's subject, or a replay; {@code via} names the route. */
    record Author(String by, String via, Instant at) {
    }

    /**
     * Stores each publication (a later import of the same region, epidemic, week and publication day
     * replaces its value) and one audit entry for the import. Returns how many were new or changed.
     */
    int store(List<EpidemicWeek> weeks, Author author);

    /** Every publication of one region's epidemic, oldest week first ({@code region}: INSEE code). */
    List<EpidemicWeek> of(String region, Epidemic epidemic);
}
