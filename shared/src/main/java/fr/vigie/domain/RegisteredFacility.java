package fr.vigie.domain;

/**
 * A facility as the operators' registry keeps it: what the poller and the evaluator use
 * ({@link Facility}) and the contact they do not need. Built through {@link FacilityValidator}.
 */
public record RegisteredFacility(Facility facility, FacilityContact contact) {

    public String facilityId() {
        return facility.facilityId();
    }
}
