package fr.vigie.app;

import fr.vigie.domain.silence.SilencePolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The silence delays a deployment sets (template parameters, ./vigie's environment). */
class SilencePolicySettingsTest {

    @Test
    void unsetDelaysAreIssue22sAndSetOnesAreRead() {
        assertEquals(SilencePolicy.DEFAULT, SilenceWatch.policy(Map.of()));
        SilencePolicy set = SilenceWatch.policy(Map.of("SILENT_AFTER_HOURLY_HOURS", "4", "SILENT_AFTER_DAILY_HOURS", " 48 "));
        assertEquals(Duration.ofHours(4), set.hourlyAfter());
        assertEquals(Duration.ofHours(48), set.dailyAfter());
    }

    @Test
    void aDelayThatIsNotWholeHoursOrNoLongerThanItsIntervalIsRefusedNamingIt() {
        IllegalArgumentException notHours = assertThrows(IllegalArgumentException.class,
                () -> SilenceWatch.policy(Map.of("SILENT_AFTER_DAILY_HOURS", "1,5j")));
        assertTrue(notHours.getMessage().contains("SILENT_AFTER_DAILY_HOURS"), notHours.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SilenceWatch.policy(Map.of("SILENT_AFTER_DAILY_HOURS", "24")));
    }
}
