package fr.vigie.domain.retex;

import fr.vigie.domain.Facility;

import java.time.LocalDate;
import java.util.OptionalDouble;

/**
 * One facility's season over its devices (the report's per-facility view): how completely it
 * reported, since when it is silent, and what it went through.
 *
 * @param daysExpected facility-device days its devices were watched within the season's data span
 * @param daysUnknown  of those, days with no known state
 * @param silentSince  the local day after its last snapshot when it stopped reporting before the
 *                     season's data ended (more than {@link SeriesReview#CARRY_DAYS} days before); null otherwise
 */
public record FacilityReview(Facility facility, int devices, int daysExpected, int daysReported, int daysUnknown,
                             LocalDate silentSince, int stockoutDays, int daysUnderWarning, int alertsSent, int recoveries) {

    /** Share of the expected facility-device days with a snapshot, 0 to 1. */
    public OptionalDouble completeness() {
        return daysExpected == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) daysReported / daysExpected);
    }
}
