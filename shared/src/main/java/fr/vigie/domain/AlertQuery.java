package fr.vigie.domain;

import java.time.LocalDate;

/**
 * A search of the alert history (operators' console, {@code GET /alerts}): every filter may be
 * null (no filter). Days are UTC calendar days, both included; {@code cursor} is the opaque token a
 * previous page returned; {@code size} is the page size, 1 to {@link #MAX_SIZE}.
 */
public record AlertQuery(String facilityId, String deviceId, AlertLevel level, LocalDate from, LocalDate to,
                         int size, String cursor) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    public AlertQuery {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page size must be 1 to " + MAX_SIZE + ", got " + size);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
    }

    /** The same search restricted to one facility (a hospital sees its own alerts only). */
    public AlertQuery forFacility(String facility) {
        return new AlertQuery(facility, deviceId, level, from, to, size, cursor);
    }
}
