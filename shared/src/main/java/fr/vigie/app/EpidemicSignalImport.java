package fr.vigie.app;

import fr.vigie.domain.Caller;
import fr.vigie.domain.Refusal;
import fr.vigie.domain.epidemic.EpidemicWeek;
import fr.vigie.port.EpidemicSignals;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The weekly epidemic signal into the registry (docs/forecasting.md, "Epidemic signal"), behind
 * {@code POST /epidemic-signal}: national operators only, like the watch-list whose epidemics it
 * speaks of; each import audited with its author. The evaluation reads it from the next batch on,
 * each week from its publication day.
 */
public final class EpidemicSignalImport {

    private final EpidemicSignals store;
    private final Clock clock;

    public EpidemicSignalImport(EpidemicSignals store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Refuses (403) anyone but a national operator: a caller may be refused before a large body is read. */
    public void mayImport(Caller caller) {
        if (!caller.operator()) {
            throw Refusal.forbidden("le signal épidémique est réservé aux opérateurs nationaux (groupe \"" + Caller.OPERATORS + "\")");
        }
    }

    /** The day an import is read on (UTC, this import's clock): the newest week and publication the parser accepts. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** Stores {@code weeks} for {@code caller} through {@code route}; returns how many were new or revised. 403 as {@link #mayImport}. */
    public int receive(Caller caller, List<EpidemicWeek> weeks, String route) {
        mayImport(caller);
        return store.store(weeks, new EpidemicSignals.Author(caller.who(), route, clock.instant()));
    }
}
