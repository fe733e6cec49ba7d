package fr.vigie.domain;

import java.time.LocalDate;
import java.time.MonthDay;

/** The yearly surveillance window of a device, {@code MM-DD} to {@code MM-DD}; it may wrap over 1 January. */
public record SeasonWindow(MonthDay start, MonthDay end) {

    public boolean contains(LocalDate day) {
        MonthDay d = MonthDay.from(day);
        if (!start.isAfter(end)) {
            return !d.isBefore(start) && !d.isAfter(end);
        }
        return !d.isBefore(start) || !d.isAfter(end);
    }
}
