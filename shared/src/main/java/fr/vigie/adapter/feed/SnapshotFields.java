package fr.vigie.adapter.feed;

import fr.vigie.domain.Excerpt;
import fr.vigie.domain.RejectedRow;
import fr.vigie.domain.RejectedRow.RejectCode;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.SnapshotAdmission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Turns the text fields of one snapshot, from a CSV row or a JSON item, into a {@link Snapshot},
 * applying every row rule of the spec in one place so both formats refuse the same things.
 */
final class SnapshotFields {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFields.class);

    /** More units than any hospital holds of one device: a unit mix-up or a corrupted cell. */
    static final long ABSURD = 100_000_000L;
    /**
     * A delivery promised more days than this before or after its snapshot is not an order still awaited but a date
     * put in an empty cell or a mistyped year. Before: a spreadsheet's day 0 (1899-12-30) or 1970-01-01, read as a
     * promise overdue every day (one hospital's season exported with 1899-12-30: 30 alerts instead of 2, all
     * DELIVERY_OVERDUE, and three national disruptions). After: "no date" written as the end of time (9999-12-31, an
     * ERP's open date), which flapped the levels (one hospital of season-a: 33 alerts instead of 9). It is left out,
     * as an empty cell, and logged; the row is kept, since refusing it loses the stock count and makes the series
     * silent (the same season: the real warning lost, 58 STALE_DATA events). The same span as the oldest a snapshot
     * may be dated ({@link SnapshotAdmission.Window#DEFAULT}, 400 days); the samples' most overdue promise is 24 days.
     */
    static final long PROMISE_SPAN_DAYS = SnapshotAdmission.Window.DEFAULT.behind().toDays();
    /** The spec's {@code YYYY-MM-DD}: a year of four digits ({@code LocalDate.parse} takes {@code +999999999-12-31},
     * which, read as a promise, kept a replay running past 5 minutes). */
    private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

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
            throw new RowError(RejectCode.UNKNOWN_DEVICE, "dispositif inconnu de la liste surveillée : \"" + (device == null ? "" : Excerpt.of(device)) + "\"");
        }
        Instant at = instant(timestamp);
        Long stock = quantity("on_hand", onHand);
        if (stock == null) {
            throw new RowError(RejectCode.INVALID_NUMBER, "on_hand est obligatoire");
        }
        return new Snapshot(facility, device, at, stock, quantity("consumed", consumed), quantity("received", received),
                quantity("on_order", onOrder), promise(date(expectedDelivery), at, facility, device));
    }

    private static LocalDate promise(LocalDate expected, Instant at, String facility, String device) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        if (expected != null && (expected.isBefore(day.minusDays(PROMISE_SPAN_DAYS)) || expected.isAfter(day.plusDays(PROMISE_SPAN_DAYS)))) {
            LOG.atWarn().addKeyValue("facilityId", facility).addKeyValue("deviceId", device).addKeyValue("at", at)
                    .addKeyValue("expectedDelivery", expected).log("implausible_expected_delivery_left_out");
            return null;
        }
        return expected;
    }

    static Instant instant(String value) throws RowError {
        String v = trim(value);
        if (v == null) {
            throw new RowError(RejectCode.INVALID_TIMESTAMP, "horodatage manquant");
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeException e) {
            throw new RowError(RejectCode.INVALID_TIMESTAMP, "horodatage illisible \"" + Excerpt.of(v) + "\" (ISO-8601 avec fuseau, ex. 2025-11-02T05:00:00Z)");
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
            throw new RowError(RejectCode.INVALID_NUMBER, field + " n'est pas un nombre entier : \"" + Excerpt.of(v) + "\"");
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
            if (!DAY.matcher(v).matches()) {
                throw new DateTimeException(v);
            }
            return LocalDate.parse(v);
        } catch (DateTimeException e) {
            throw new RowError(RejectCode.INVALID_DATE, "expected_delivery n'est pas une date AAAA-MM-JJ : \"" + Excerpt.of(v) + "\"");
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
