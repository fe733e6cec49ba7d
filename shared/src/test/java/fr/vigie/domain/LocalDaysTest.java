package fr.vigie.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LocalDaysTest {

    /**
     * Metropolitan and overseas France, UTC, and zones whose rules are hard: offset changes at midnight (Santiago,
     * Havana), a skipped day (Apia, 30 December 2011), half-hour offsets (Tehran, Adelaide), a 30-minute shift (Lord Howe).
     */
    @ParameterizedTest
    @ValueSource(strings = {"Europe/Paris", "Indian/Reunion", "America/Cayenne", "Pacific/Noumea", "UTC", "America/Santiago",
            "America/Havana", "Pacific/Apia", "Asia/Tehran", "Australia/Adelaide", "Australia/Lord_Howe"})
    void sameDaysAndDayStartsAsJavaTimeAroundEveryOffsetChangeAndEveryDayFrom1969To2101(String id) {
        ZoneId zone = ZoneId.of(id);
        Instant end = Instant.parse("2101-06-01T00:00:00Z");
        for (ZoneOffsetTransition t = zone.getRules().nextTransition(Instant.parse("1969-06-01T00:00:00Z"));
             t != null && t.getInstant().isBefore(end); t = zone.getRules().nextTransition(t.getInstant())) {
            for (long around : new long[]{-3_600, -1, 0, 1, 3_600}) {
                Instant at = t.getInstant().plusSeconds(around);
                assertEquals(LocalDate.ofInstant(at, zone), LocalDays.of(at, zone), () -> at + " in " + zone);
            }
        }
        for (long s = Instant.parse("1969-06-01T00:00:00Z").getEpochSecond(); s < end.getEpochSecond(); s += 3 * 3_600 + 7) {
            Instant at = Instant.ofEpochSecond(s);
            assertEquals(LocalDate.ofInstant(at, zone), LocalDays.of(at, zone), () -> at + " in " + zone);
        }
        for (LocalDate day = LocalDate.of(1969, 6, 1); day.isBefore(LocalDate.of(2101, 6, 1)); day = day.plusDays(1)) {
            LocalDate d = day;
            assertEquals(day.atStartOfDay(zone).toInstant(), LocalDays.startOf(day, zone), () -> d + " in " + zone);
        }
    }
}
