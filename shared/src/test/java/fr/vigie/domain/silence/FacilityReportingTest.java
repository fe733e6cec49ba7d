package fr.vigie.domain.silence;

import fr.vigie.domain.StaleDataEvent;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FacilityReportingTest {

    private static final Instant T0 = Instant.parse("2025-11-01T05:00:00Z");
    private static final SilencePolicy POLICY = SilencePolicy.DEFAULT;

    private static FacilityReporting daily(int days, String... devices) {
        FacilityReporting r = FacilityReporting.none("CH-HDF-03");
        for (int d = 0; d < days; d++) {
            for (String device : devices) {
                r = r.observe(device, T0.plus(Duration.ofDays(d))).state();
            }
        }
        return r;
    }

    @Test
    void aDailySenderIsSilentAfter36HoursOnceThenClosedByItsNextSnapshot() {
        FacilityReporting r = daily(5, "HFNC-PED", "FFP2");
        Instant last = T0.plus(Duration.ofDays(4));
        assertTrue(r.check(last.plus(Duration.ofHours(36)), POLICY, d -> true).events().isEmpty(), "36 h is still within grace");

        FacilityReporting.Step open = r.check(last.plus(Duration.ofHours(37)), POLICY, d -> true);
        assertEquals(1, open.events().size());
        StaleDataEvent e = open.events().get(0);
        assertEquals(StaleDataEvent.Status.OPEN, e.status());
        assertNull(e.deviceId(), "the whole facility is silent: one event, not one per device");
        assertEquals(last, e.lastSeen());
        assertTrue(open.state().check(last.plus(Duration.ofDays(30)), POLICY, d -> true).events().isEmpty(), "announced once");

        Instant back = last.plus(Duration.ofDays(9));
        FacilityReporting.Step closed = open.state().observe("FFP2", back);
        assertEquals(List.of(new StaleDataEvent("CH-HDF-03", null, StaleDataEvent.Status.CLOSED, last, back)), closed.events());
        assertFalse(closed.state().silent("HFNC-PED"));
    }

    @Test
    void oneDeviceSilentWhileTheOthersComeIsAnnouncedAlone() {
        FacilityReporting r = daily(5, "HFNC-PED", "FFP2");
        for (int d = 5; d < 8; d++) {
            r = r.observe("FFP2", T0.plus(Duration.ofDays(d))).state();
        }
        FacilityReporting.Step step = r.check(T0.plus(Duration.ofDays(7)), POLICY, d -> true);
        assertEquals(1, step.events().size());
        assertEquals("HFNC-PED", step.events().get(0).deviceId());
        assertTrue(step.state().silent("HFNC-PED"));
        assertFalse(step.state().silent("FFP2"));
    }

    @Test
    void anHourlySenderIsSilentAfterSixHours() {
        FacilityReporting r = FacilityReporting.none("CHU-IDF-01");
        for (int h = 0; h < 24; h++) {
            r = r.observe("HFNC-PED", T0.plus(Duration.ofHours(h))).state();
        }
        Instant last = T0.plus(Duration.ofHours(23));
        assertTrue(r.check(last.plus(Duration.ofHours(6)), POLICY, d -> true).events().isEmpty());
        assertEquals(1, r.check(last.plus(Duration.ofHours(7)), POLICY, d -> true).events().size());
    }

    @Test
    void aDeviceOutOfSeasonIsNeverCalledSilent() {
        FacilityReporting r = daily(5, "HFNC-PED");
        assertTrue(r.check(T0.plus(Duration.ofDays(60)), POLICY, d -> false).events().isEmpty());
    }

    @Test
    void theGraceGrowsWithTheUsualInterval() {
        assertEquals(Duration.ofHours(6), POLICY.silentAfter(Duration.ofMinutes(15)));
        assertEquals(Duration.ofHours(36), POLICY.silentAfter(Duration.ofDays(1)));
        assertEquals(Duration.ofHours(252), POLICY.silentAfter(Duration.ofDays(7)));
        Duration twelveHours = POLICY.silentAfter(Duration.ofHours(12));
        assertTrue(twelveHours.compareTo(Duration.ofHours(6)) > 0 && twelveHours.compareTo(Duration.ofHours(36)) < 0);
    }

    @Test
    void aDeviceSilentBeforeItsWholeFacilityIsClosedToo() {
        FacilityReporting r = daily(5, "HFNC-PED", "FFP2");
        for (int d = 5; d < 8; d++) {
            r = r.observe("FFP2", T0.plus(Duration.ofDays(d))).state();
        }
        r = r.check(T0.plus(Duration.ofDays(7)), POLICY, d -> true).state();
        FacilityReporting.Step whole = r.check(T0.plus(Duration.ofDays(10)), POLICY, d -> true);
        assertEquals(1, whole.events().size());
        assertNull(whole.events().get(0).deviceId());

        Instant back = T0.plus(Duration.ofDays(12));
        FacilityReporting.Step closed = whole.state().observe("HFNC-PED", back);
        assertEquals(List.of(new StaleDataEvent("CH-HDF-03", null, StaleDataEvent.Status.CLOSED, T0.plus(Duration.ofDays(7)), back),
                new StaleDataEvent("CH-HDF-03", "HFNC-PED", StaleDataEvent.Status.CLOSED, T0.plus(Duration.ofDays(4)), back)), closed.events());
        assertFalse(closed.state().silent("HFNC-PED"));
    }
}
