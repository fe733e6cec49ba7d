package fr.vigie.fn.retex;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** A surveillance season, 1 September to 31 August (spec section 4), named "2025-2026". */
record Season(int startYear) {

    /** The season that ended most recently before {@code day} (on 1 September 2026: 2025-2026). */
    static Season endedBefore(LocalDate day) {
        return new Season(day.getMonthValue() >= 9 ? day.getYear() - 1 : day.getYear() - 2);
    }

    Instant start() {
        return LocalDate.of(startYear, 9, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    Instant end() {
        return LocalDate.of(startYear + 1, 9, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    String name() {
        return startYear + "-" + (startYear + 1);
    }
}
