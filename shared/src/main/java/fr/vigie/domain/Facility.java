package fr.vigie.domain;

/**
 * A reporting facility of the registry: its region (INSEE region code, e.g. "11" for
 * Île-de-France) and, when it is polled, its stock source. {@code source} is null for a facility
 * that only pushes its reports.
 */
public record Facility(String facilityId, String name, String region, StockSourceConfig source) {
}
