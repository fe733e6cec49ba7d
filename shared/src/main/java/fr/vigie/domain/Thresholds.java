package fr.vigie.domain;

/** Days of projected coverage under which a device is in warning, then critical. */
public record Thresholds(int warningDays, int criticalDays) {
}
