package fr.vigie.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An epidemic season as the RETEX reviews it: 1 September to 31 August, written {@code 2025-2026}.
 * Days are UTC days, the days of the snapshots' timestamps.
 */
public record Season(int startYear) {

    private static final Pattern LABEL = Pattern.compile("(\\d{4})-(\\d{4})");

    /** The season named by {@code label}, or empty when it is not two consecutive years. */
    public static Optional<Season> parse(String label) {
        Matcher m = LABEL.matcher(label == null ? "" : label);
        if (!m.matches()) {
            return Optional.empty();
        }
        int start = Integer.parseInt(m.group(1));
        return Integer.parseInt(m.group(2)) == start + 1 ? Optional.of(new Season(start)) : Optional.empty();
    }

    /** The last season wholly before {@code day}: on 1 September 2026, the season 2025-2026. */
    public static Season endedBefore(LocalDate day) {
        return new Season(day.getMonthValue() >= 9 ? day.getYear() - 1 : day.getYear() - 2);
    }

    /** The season {@code day} falls in: 1 September 2025 to 31 August 2026 is 2025-2026. */
    public static Season containing(LocalDate day) {
        return new Season(day.getMonthValue() >= 9 ? day.getYear() : day.getYear() - 1);
    }

    public String label() {
        return startYear + "-" + (startYear + 1);
    }

    public LocalDate firstDay() {
        return LocalDate.of(startYear, 9, 1);
    }

    public LocalDate lastDay() {
        return LocalDate.of(startYear + 1, 8, 31);
    }

    /** Number of days in the season (365 or 366). */
    public int length() {
        return (int) ChronoUnit.DAYS.between(firstDay(), lastDay()) + 1;
    }

    /** First instant of the season. */
    public Instant from() {
        return firstDay().atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Last instant of the season (the millisecond before 1 September: sort keys are written to the millisecond). */
    public Instant to() {
        return lastDay().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
    }

    /** Index of the UTC day of {@code at} in the season, 0 for 1 September. */
    public int dayIndex(Instant at) {
        return (int) ChronoUnit.DAYS.between(firstDay(), at.atZone(ZoneOffset.UTC).toLocalDate());
    }

    /** Index of the day of {@code at} in the calendar of {@code zone} (a facility's, {@code Region.zoneOf}), 0 for 1 September. */
    public int dayIndex(Instant at, ZoneId zone) {
        return (int) ChronoUnit.DAYS.between(firstDay(), at.atZone(zone).toLocalDate());
    }

    /** True when the day of {@code at} in {@code zone} belongs to the season. */
    public boolean contains(Instant at, ZoneId zone) {
        int day = dayIndex(at, zone);
        return day >= 0 && day < length();
    }

    public LocalDate day(int index) {
        return firstDay().plusDays(index);
    }
}
