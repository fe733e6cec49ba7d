package fr.vigie.domain.followup;

import fr.vigie.domain.Identifier;
import fr.vigie.domain.SeriesKey;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What an alert's id says (spec section 3: {@code facilityId#deviceId#instant}, the instant being
 * the snapshot that opened the alert): its series and when it opened.
 */
public record AlertReference(SeriesKey series, Instant openedAt) {

    /** The reference an alert id names; empty when it is not one (wrong shape, invalid ids, no ISO-8601 instant). */
    public static Optional<AlertReference> parse(String alertId) {
        String[] parts = alertId == null ? new String[0] : alertId.split("#");
        if (parts.length != 3 || !Identifier.valid(parts[0]) || !Identifier.valid(parts[1])) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AlertReference(new SeriesKey(parts[0], parts[1]), Instant.parse(parts[2])));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
