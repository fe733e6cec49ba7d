package fr.vigie.domain;

/** How a supplier fails: deliveries come late, or come short (rationing). */
public enum DisruptionKind {
    DELAY, ALLOCATION
}
