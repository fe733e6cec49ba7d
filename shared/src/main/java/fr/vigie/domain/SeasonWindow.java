package fr.vigie.domain;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Objects;

/**
 * The yearly surveillance window of a device, {@code MM-DD} to {@code MM-DD}, both days included; it may wrap
 * over 1 January (spec section 1). Its start and end differ: an equal pair would be read as one day or as the
 * whole year, and the spec gives neither, so {@link WatchlistValidator} refuses it and the constructor too.
 */
public record SeasonWindow(MonthDay start, MonthDay end) {

    /** @throws IllegalArgumentException when {@code start} equals {@code end} (or either is null) */
    public SeasonWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.equals(end)) {
            throw new IllegalArgumentException("season window starts and ends on " + start + ": one day or the whole year?");
        }
    }

    /** The whole year from {@code start}: it ends the day before ({@code 10-01} to {@code 09-30}; {@code 03-01} to {@code 02-29}). */
    public static SeasonWindow wholeYearFrom(MonthDay start) {
        // a leap year, so that 03-01's eve is 02-29 and a window from 02-29 exists
        return new SeasonWindow(start, MonthDay.from(start.atYear(2000).minusDays(1)));
    }

    public boolean contains(LocalDate day) {
        MonthDay d = MonthDay.from(day);
        if (!start.isAfter(end)) {
            return !d.isBefore(start) && !d.isAfter(end);
        }
        return !d.isBefore(start) || !d.isAfter(end);
    }
}
