package fr.vigie.port;

import fr.vigie.domain.Facility;

import java.util.Collection;
import java.util.Optional;

/** The registry of facilities: who reports, in which region, and where to poll them. */
public interface FacilityDirectory {

    Collection<Facility> facilities();

    Optional<Facility> facility(String facilityId);

    /** True when the registry holds no facility at all (a new install, a first replay). */
    default boolean isEmpty() {
        return facilities().isEmpty();
    }

    default Optional<String> regionOf(String facilityId) {
        return facility(facilityId).map(Facility::region);
    }
}
