package fr.vigie.port;

import fr.vigie.domain.followup.Acknowledgement;

import java.util.Optional;

/** The acknowledgements of alerts, one per alert at most, each written with its audit record. */
public interface Acknowledgements {

    /** The alert's acknowledgement, if it has one. */
    Optional<Acknowledgement> of(String alertId);

    /**
     * Stores the acknowledgement and its audit record together, on condition the alert has none yet.
     * Returns false, writing nothing, when the alert was acknowledged before (a retry or another person).
     */
    boolean record(Acknowledgement acknowledgement);
}
