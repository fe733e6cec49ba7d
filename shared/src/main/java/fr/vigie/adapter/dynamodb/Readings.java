package fr.vigie.adapter.dynamodb;

import fr.vigie.domain.Snapshot;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The compact text of a snapshot's quantities in the items that hold many of them (a poll's readings,
 * a series' daily closes): {@code "onHand,consumed,received,onOrder,expectedDelivery"}, an empty field
 * for what the feed left empty (spec section 2); about 20 bytes where an item per snapshot took 184.
 */
final class Readings {

    private Readings() {
    }

    static String encode(Snapshot s) {
        return s.onHand() + "," + field(s.consumed()) + "," + field(s.received()) + "," + field(s.onOrder()) + ","
                + field(s.expectedDelivery());
    }

    /** @throws IllegalArgumentException (a {@link NumberFormatException} or a date's) on a malformed text */
    static Snapshot decode(String facilityId, String deviceId, Instant at, String reading) {
        String[] f = reading.split(",", -1);
        if (f.length != 5) {
            throw new IllegalArgumentException("not a reading: " + reading);
        }
        return new Snapshot(facilityId, deviceId, at, Long.parseLong(f[0]), number(f[1]), number(f[2]), number(f[3]),
                f[4].isEmpty() ? null : LocalDate.parse(f[4]));
    }

    private static String field(Object value) {
        return value == null ? "" : value.toString();
    }

    private static Long number(String field) {
        return field.isEmpty() ? null : Long.valueOf(field);
    }
}
