package fr.vigie.domain;

/** Why an alert changed level; the names are the spec's {@code reasons} values. */
public enum Reason {
    COVERAGE_BELOW_WARNING,
    COVERAGE_BELOW_CRITICAL,
    DELIVERY_OVERDUE,
    SHORT_DELIVERY,
    SUPPLY_DISRUPTION,
    STOCK_OUT,
    /** A manufacturer's notice in force (spec section 5) concerns the device: its alert carries the notice ids. */
    SUPPLY_NOTICE,
    COVERAGE_RESTORED
}
