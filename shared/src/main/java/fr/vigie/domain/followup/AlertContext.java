package fr.vigie.domain.followup;

import java.util.List;

/**
 * What a person needs beside an alert's figures to act on it (issue 22 "texts that help"): the
 * facility's name, its region's label and the regional contact, the link that acknowledges the
 * alert, and for a CRITICAL the neighbours that could lend ({@link Neighbours}) and the watch-list
 * entry's alternatives, and the alert's acknowledgement when someone made it. Any field may be missing
 * (null or empty): the texts then leave its line out.
 */
public record AlertContext(String facilityName, String regionLabel, String regionalContact, String ackLink,
                           List<Neighbours.Candidate> neighbours, List<String> alternatives, Acknowledgement acknowledgement) {

    public AlertContext {
        neighbours = neighbours == null ? List.of() : List.copyOf(neighbours);
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }

    /** Only the facility's identifier, used as its name: what the texts say when nothing else is known. */
    public static AlertContext bare(String facilityId) {
        return new AlertContext(facilityId, null, null, null, List.of(), List.of(), null);
    }

    /** The same context without neighbours: what a reader outside the facility's region may see. */
    public AlertContext withoutNeighbours() {
        return new AlertContext(facilityName, regionLabel, regionalContact, ackLink, List.of(), alternatives, acknowledgement);
    }
}
