package fr.vigie.domain.epidemic;

import fr.vigie.domain.Epidemic;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One week of an epidemic signal as published (docs/forecasting.md, "Epidemic signal"): in the
 * region of INSEE code {@code region} ("11", "84", "04"), the epidemic's {@code intensity} over the
 * ISO week starting on Monday {@code week}, as a share of emergency visits in percent (0 to 100),
 * known from {@code published} on (never before the week has ended). A later publication of the
 * same week revises its value; a replay reads, on each day, the latest publication of that day or before.
 */
public record EpidemicWeek(String region, Epidemic epidemic, LocalDate week, double intensity, LocalDate published) {

    /** Santé publique France's weekly bulletins come out on the Wednesday after the week (its Monday + 9 days). */
    public static final int DEFAULT_PUBLICATION_DELAY_DAYS = 9;

    public EpidemicWeek {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(epidemic, "epidemic");
        if (week.getDayOfWeek() != DayOfWeek.MONDAY) {
            throw new IllegalArgumentException("a week starts on a Monday: " + week);
        }
        if (!(intensity >= 0 && intensity <= 100)) {
            throw new IllegalArgumentException("intensity is a share in %, 0 to 100: " + intensity);
        }
        if (published.isBefore(lastDay(week))) {
            throw new IllegalArgumentException("published before the week ended: " + published);
        }
    }

    /** The week's Sunday. */
    public static LocalDate lastDay(LocalDate monday) {
        return monday.plusDays(6);
    }

    /** The publication's key within its region and epidemic: week then publication day (ISO dates sort as text). */
    public String key() {
        return week + "#" + published;
    }
}
