package fr.vigie.domain;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * A search of the alert history (operators' console, {@code GET /alerts}): every filter may be
 * null (no filter). Days are UTC calendar days, both included; {@code cursor} is the opaque token a
 * previous page returned; {@code size} is the page size, 1 to {@link #MAX_SIZE}. Days lie from
 * {@link #FIRST_DAY} to {@link #LAST_DAY}, and a range given by both ends spans at most
 * {@link #MAX_MONTHS} calendar months: the history is read month by month (one index partition
 * each), so an unbounded range was one query per empty month (year 1 to 9999: 96,000 queries).
 */
public record AlertQuery(String facilityId, String deviceId, AlertLevel level, LocalDate from, LocalDate to,
                         int size, String cursor) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;
    /** No alert is older: it is the time of a snapshot, and snapshots before 2000 are refused ({@code SnapshotAdmission}). */
    public static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 1);
    /** The last day the fixed-width sort keys order (four-digit years). */
    public static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);
    /** The widest range {@code from}–{@code to}, in calendar months (ten years: a decade of seasons). */
    public static final int MAX_MONTHS = 120;

    public AlertQuery {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page size must be 1 to " + MAX_SIZE + ", got " + size);
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
        for (LocalDate day : new LocalDate[] {from, to}) {
            if (day != null && !dayInRange(day)) {
                throw new IllegalArgumentException("day " + day + " outside " + FIRST_DAY + " to " + LAST_DAY);
            }
        }
        if (from != null && to != null && !spanAllowed(from, to)) {
            throw new IllegalArgumentException("from " + from + " to " + to + " spans more than " + MAX_MONTHS + " months");
        }
    }

    /** Whether {@code day} may bound a search ({@link #FIRST_DAY} to {@link #LAST_DAY}). */
    public static boolean dayInRange(LocalDate day) {
        return !day.isBefore(FIRST_DAY) && !day.isAfter(LAST_DAY);
    }

    /** Whether {@code from}–{@code to} spans at most {@link #MAX_MONTHS} calendar months, both months counted. */
    public static boolean spanAllowed(LocalDate from, LocalDate to) {
        return YearMonth.from(from).plusMonths(MAX_MONTHS - 1L).compareTo(YearMonth.from(to)) >= 0;
    }

    /** The same search restricted to one facility (a hospital sees its own alerts only). */
    public AlertQuery forFacility(String facility) {
        return new AlertQuery(facility, deviceId, level, from, to, size, cursor);
    }
}
