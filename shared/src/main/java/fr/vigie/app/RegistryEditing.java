package fr.vigie.app;

import fr.vigie.domain.Excerpt;
import fr.vigie.domain.Caller;
import fr.vigie.domain.RegisteredFacility;
import fr.vigie.domain.Refusal;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.port.Registry;
import fr.vigie.port.Registry.Author;
import fr.vigie.port.Registry.Change;
import fr.vigie.port.Registry.Outcome;
import fr.vigie.port.Registry.Versioned;

import java.time.Clock;
import java.util.List;

/**
 * The operators' registry as a use case: who may read and change the watch-list and the
 * facilities, and what each change answers. Watch-list: operators (national and regional) and
 * hospitals read it, national operators change it. Facilities: national operators read and change
 * every one, a regional operator those of its region only (a facility it creates or changes is in
 * its region before and after), a hospital reads its own record. Every
 * refusal is a {@link Refusal} in French: FORBIDDEN, NOT_FOUND, EXISTS (a creation on a taken id),
 * CONFLICT (a stale version, with the current one). Input is already valid: the domain's
 * validators built it.
 */
public final class RegistryEditing {

    private final Registry registry;
    private final Clock clock;

    public RegistryEditing(Registry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ who may

    /** Refuses a caller who may not read the watch-list (neither an operator nor a hospital). */
    public void mayReadWatchlist(Caller caller) {
        if (!caller.anyOperator() && !caller.hospital()) {
            throw Refusal.forbidden("lecture réservée aux opérateurs et aux établissements déclarés");
        }
    }

    /** Refuses a caller who may not change the watch-list or read its history; {@code what} names the action. */
    public void mayEditWatchlist(Caller caller, String what) {
        if (!caller.operator()) {
            throw Refusal.forbidden("réservé aux opérateurs nationaux (groupe \"" + Caller.OPERATORS + "\") : " + what);
        }
    }

    /**
     * Refuses a caller who may change, list or audit no facility at all (neither a national nor a
     * regional operator); which facilities a regional operator may is checked on each one.
     */
    public void mayEditFacilities(Caller caller, String what) {
        if (!caller.anyOperator()) {
            throw Refusal.forbidden("réservé aux opérateurs (groupe \"" + Caller.OPERATORS + "\", ou \""
                    + Caller.REGIONAL_OPERATORS_PREFIX + "<code région>\" pour les établissements de leur région) : " + what);
        }
    }

    /** Refuses an operator acting on a facility outside its region(s). */
    private static void inRegion(Caller caller, String facilityId, String region) {
        if (!caller.operatesIn(region)) {
            throw Refusal.forbidden("l'établissement \"" + Excerpt.of(facilityId) + "\" n'est pas dans votre région ("
                    + String.join(", ", caller.operatorRegions().stream().sorted().toList()) + ") : réservé aux opérateurs nationaux ou de sa région");
        }
    }

    /** The stored region of a facility, for the region checks (null when it is not registered). */
    private String storedRegion(String facilityId) {
        return registry.facility(facilityId).map(v -> v.value().facility().region()).orElse(null);
    }

    // ------------------------------------------------------------------ watch-list

    public List<Versioned<WatchlistEntry>> entries(Caller caller) {
        mayReadWatchlist(caller);
        return registry.entries();
    }

    public Versioned<WatchlistEntry> entry(Caller caller, String deviceId) {
        mayReadWatchlist(caller);
        return registry.entry(deviceId).orElseThrow(() -> unknownDevice(deviceId));
    }

    /** A new entry at version 1; EXISTS when the id is taken. */
    public Versioned<WatchlistEntry> create(Caller caller, WatchlistEntry entry) {
        mayEditWatchlist(caller, "modifier la liste de surveillance");
        Author author = author(caller, "CREATE");
        Outcome outcome = registry.create(entry, author);
        if (outcome.status() == Registry.Status.EXISTS) {
            throw Refusal.exists("l'entrée \"" + Excerpt.of(entry.deviceId()) + "\" existe déjà (version " + outcome.version()
                    + ") : remplacez-la par PUT /watchlist/" + entry.deviceId() + " avec If-Match", outcome.version());
        }
        return new Versioned<>(entry, outcome.version(), outcome.updatedAt(), author.by());
    }

    /** Replaces the entry at {@code expectedVersion}; an equal entry is left as it is (same version). */
    public Versioned<WatchlistEntry> replace(Caller caller, WatchlistEntry entry, long expectedVersion) {
        mayEditWatchlist(caller, "modifier la liste de surveillance");
        Author author = author(caller, "REPLACE");
        return entryAfter(entry, registry.replace(entry, expectedVersion, author), expectedVersion, author);
    }

    /** The entry made inactive (no more polling nor alerts), at {@code expectedVersion}. */
    public Versioned<WatchlistEntry> deactivate(Caller caller, String deviceId, long expectedVersion) {
        mayEditWatchlist(caller, "désactiver une entrée");
        WatchlistEntry e = registry.entry(deviceId).orElseThrow(() -> unknownDevice(deviceId)).value();
        WatchlistEntry inactive = new WatchlistEntry(e.deviceId(), e.name(), e.epidemics(), e.unit(), e.emdn(), e.references(),
                e.season(), e.thresholds(), false, e.followUp());
        Author author = author(caller, "DEACTIVATE");
        return entryAfter(inactive, registry.replace(inactive, expectedVersion, author), expectedVersion, author);
    }

    /** The entry's changes, oldest first; NOT_FOUND when it never existed. */
    public List<Change> entryHistory(Caller caller, String deviceId) {
        mayEditWatchlist(caller, "lire l'historique des modifications");
        List<Change> changes = registry.entryHistory(deviceId);
        if (changes.isEmpty() && registry.entry(deviceId).isEmpty()) {
            throw unknownDevice(deviceId);
        }
        return changes;
    }

    /** What a replacement answers: the entry as written (not read back and validated again), or the refusal. */
    private Versioned<WatchlistEntry> entryAfter(WatchlistEntry entry, Outcome outcome, long expected, Author author) {
        String deviceId = entry.deviceId();
        return switch (outcome.status()) {
            case NOT_FOUND -> throw unknownDevice(deviceId);
            case CONFLICT -> throw Refusal.conflict("l'entrée \"" + Excerpt.of(deviceId) + "\" est en version " + outcome.version() + ", pas " + expected
                    + " : relisez-la (GET /watchlist/" + deviceId + ") et refaites votre modification sur cette version", outcome.version());
            case UPDATED -> new Versioned<>(entry, outcome.version(), outcome.updatedAt(), author.by());
            default -> registry.entry(deviceId).orElseThrow();
        };
    }

    private static Refusal unknownDevice(String deviceId) {
        return Refusal.notFound("aucune entrée de la liste de surveillance pour \"" + Excerpt.of(deviceId) + "\"");
    }

    // ------------------------------------------------------------------ facilities

    public List<Versioned<RegisteredFacility>> facilities(Caller caller) {
        mayEditFacilities(caller, "lister les établissements");
        return registry.facilities().stream().filter(v -> caller.operatesIn(v.value().facility().region())).toList();
    }

    /** One facility's record: national operators, the operators of its region, or the hospital of that facility. */
    public Versioned<RegisteredFacility> facility(Caller caller, String facilityId) {
        if (!caller.anyOperator() && !(caller.hospital() && caller.facilityId().equals(facilityId))) {
            throw Refusal.forbidden("un établissement ne lit que sa propre fiche ; la liste et les autres fiches sont réservées aux opérateurs");
        }
        Versioned<RegisteredFacility> found = registry.facility(facilityId).orElseThrow(() -> unknownFacility(facilityId));
        if (caller.regionalOperator()) {
            inRegion(caller, facilityId, found.value().facility().region());
        }
        return found;
    }

    public Versioned<RegisteredFacility> create(Caller caller, RegisteredFacility facility) {
        mayEditFacilities(caller, "modifier le registre des établissements");
        inRegion(caller, facility.facilityId(), facility.facility().region());
        Author author = author(caller, "CREATE");
        Outcome outcome = registry.create(facility, author);
        if (outcome.status() == Registry.Status.EXISTS) {
            throw Refusal.exists("l'établissement \"" + Excerpt.of(facility.facilityId()) + "\" existe déjà (version " + outcome.version()
                    + ") : remplacez-le par PUT /facilities/" + facility.facilityId() + " avec If-Match", outcome.version());
        }
        return new Versioned<>(facility, outcome.version(), outcome.updatedAt(), author.by());
    }

    public Versioned<RegisteredFacility> replace(Caller caller, RegisteredFacility facility, long expectedVersion) {
        mayEditFacilities(caller, "modifier le registre des établissements");
        String facilityId = facility.facilityId();
        if (caller.regionalOperator()) {
            // in its region now and after: a regional operator neither takes another region's facility nor gives one away
            inRegion(caller, facilityId, storedRegion(facilityId));
            inRegion(caller, facilityId, facility.facility().region());
        }
        Author author = author(caller, "REPLACE");
        Outcome outcome = registry.replace(facility, expectedVersion, author);
        return switch (outcome.status()) {
            case NOT_FOUND -> throw unknownFacility(facilityId);
            case CONFLICT -> throw Refusal.conflict("l'établissement \"" + Excerpt.of(facilityId) + "\" est en version " + outcome.version() + ", pas "
                    + expectedVersion + " : relisez sa fiche et refaites votre modification sur cette version", outcome.version());
            case UPDATED -> new Versioned<>(facility, outcome.version(), outcome.updatedAt(), author.by());
            default -> registry.facility(facilityId).orElseThrow();
        };
    }

    public List<Change> facilityHistory(Caller caller, String facilityId) {
        mayEditFacilities(caller, "lire l'historique des modifications");
        if (caller.regionalOperator()) {
            inRegion(caller, facilityId, storedRegion(facilityId));
        }
        List<Change> changes = registry.facilityHistory(facilityId);
        if (changes.isEmpty() && registry.facility(facilityId).isEmpty()) {
            throw unknownFacility(facilityId);
        }
        return changes;
    }

    private static Refusal unknownFacility(String facilityId) {
        return Refusal.notFound("aucun établissement \"" + Excerpt.of(facilityId) + "\" dans le registre");
    }

    private Author author(Caller caller, String action) {
        return new Author(caller.who(), caller.subject(), action, clock.instant());
    }
}
