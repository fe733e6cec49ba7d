package fr.vigie.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StaleDataTextsTest {

    private static final Instant LAST = Instant.parse("2025-11-14T23:30:00Z");

    @Test
    void textsGiveTheLastDataDayInTheFacilitysCalendarAndEachSmsFitsOneGsm7Message() {
        String longId = "CHU-IDF-" + "X".repeat(60);
        StaleDataEvent open = new StaleDataEvent(longId, "HFNC-PED-" + "Y".repeat(40), StaleDataEvent.Status.OPEN, LAST,
                LAST.plusSeconds(37 * 3600));
        StaleDataEvent closed = new StaleDataEvent("CHU-IDF-01", null, StaleDataEvent.Status.CLOSED, LAST, LAST.plusSeconds(9 * 86400));
        AlertEvent alert = new AlertEvent(AlertEvent.alertId(longId, "HFNC-PED", LAST), longId, "HFNC-PED", AlertLevel.CRITICAL, null,
                LAST, 4.5, LocalDate.of(2025, 11, 19), 40, 9, List.of(Reason.COVERAGE_BELOW_CRITICAL));
        for (String sms : List.of(StaleDataTexts.sms(open, Region.PARIS), StaleDataTexts.sms(closed, Region.PARIS),
                StaleDataTexts.silentSeriesSms(alert, LAST, Region.PARIS))) {
            assertTrue(sms.length() <= AlertTexts.SMS_LIMIT && AlertTexts.isGsm7(sms), sms);
        }
        // 23:30 UTC is already the 15th in Paris
        assertTrue(StaleDataTexts.emailSubject(open, "Canule", Region.PARIS).endsWith("dernière donnée le 15/11/2025"));
        assertEquals("Vigie DONNÉES RÉTABLIES CHU-IDF-01 : relevés de nouveau arrivés le 24/11/2025.", StaleDataTexts.sms(closed, Region.PARIS));
        assertTrue(StaleDataTexts.emailBody(open, "Canule", Region.PARIS).contains("les alertes ouvertes le restent"));
    }
}
