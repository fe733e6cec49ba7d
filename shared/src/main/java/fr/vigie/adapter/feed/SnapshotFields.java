package fr.vigie.adapter.feed;

import fr.vigie.domain.RejectedRow;
import fr.vigie.domain.RejectedRow.RejectCode;
import fr.vigie.domain.Snapshot;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.function.Predicate;

/**
 * Turns the text fields of one snapshot, from a CSV row or a JSON item, into a {@link Snapshot},
 * applying every row rule of the spec in one place so both formats refuse the same things.
 */
final class SnapshotFields {

    /** More units than any hospital holds of one device: a unit mix-up or a corrupted cell. */
    static final long ABSURD = 100_000_000L;

    /** Thrown inside the parser only, to stop at the first broken rule of a row. */
    static final class RowError extends Exception {
        final RejectCode code;

        RowError(RejectCode code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        RejectedRow at(long line) {
            return new RejectedRow(line, code, getMessage());
        }
    }

    private SnapshotFields() {
    }

    static Snapshot toSnapshot(String timestamp, String facilityId, String deviceId, String onHand, String consumed,
                               String received, String onOrder, String expectedDelivery,
                               Predicate<String> knownDevice) throws RowError {
        String facility = trim(facilityId);
        if (facility == null) {
            throw new RowError(RejectCode.EMPTY_FACILITY, "identifiant d'établissement vide");
        }
        String device = trim(deviceId);
        if (device == null || !knownDevice.test(device)) {
            throw new RowError(RejectCode.UNKNOWN_DEVICE, "dispositif inconnu de la liste surveillée : \"" + (device == null ? "" : device) + "\"");
        }
        Instant at = instant(timestamp);
        Long stock = quantity("on_hand", onHand);
        if (stock == null) {
            throw new RowError(RejectCode.INVALID_NUMBER, "on_hand est obligatoire");
        }
        return new Snapshot(facility, device, at, stock, quantity("consumed", consumed), quantity("received", received),
                quantity("on_order", onOrder), date(expectedDelivery));
    }

    static Instant instant(String value) throws RowError {
        String v = trim(value);
        if (v == null) {
            throw new RowError(RejectCode.INVALID_TIMESTAMP, "horodatage manquant");
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeException e) {
            throw new RowError(RejectCode.INVALID_TIMESTAMP, "horodatage illisible \"" + v + "\" (ISO-8601 avec fuseau, ex. 2025-11-02T05:00:00Z)");
        }
    }

    private static Long quantity(String field, String value) throws RowError {
        String v = trim(value);
        if (v == null) {
            return null;
        }
        long n;
        try {
            n = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new RowError(RejectCode.INVALID_NUMBER, field + " n'est pas un nombre entier : \"" + v + "\"");
        }
        if (n < 0) {
            throw new RowError(RejectCode.NEGATIVE_VALUE, field + " ne peut pas être négatif : " + n);
        }
        if (n >= ABSURD) {
            throw new RowError(RejectCode.ABSURD_NUMBER, field + " invraisemblable : " + n);
        }
        return n;
    }

    private static LocalDate date(String value) throws RowError {
        String v = trim(value);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeException e) {
            throw new RowError(RejectCode.INVALID_DATE, "expected_delivery n'est pas une date AAAA-MM-JJ : \"" + v + "\"");
        }
    }

    private static String trim(String v) {
        if (v == null) {
            return null;
        }
        String t = v.strip();
        return t.isEmpty() ? null : t;
    }
}
