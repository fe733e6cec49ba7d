package fr.vigie.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Names too long for one SMS lose whole words and end with "..." (GSM-7), never with a stray "." before the colon. */
class SmsShorteningTest {

    private static final Instant AT = Instant.parse("2025-11-20T05:00:00Z");

    @Test
    void aTextIsCutAtAWordBoundaryWithoutTrailingPunctuation() {
        assertEquals("Pharmacie à usage...", AlertTexts.shortened("Pharmacie à usage intérieur", 22));
        assertEquals("Canule nasale...", AlertTexts.shortened("Canule nasale, à haut débit", 18));
        assertEquals("Circuit patient de ventilation...", AlertTexts.shortened("Circuit patient de ventilation à usage unique", 35));
        assertEquals("Masque FFP2", AlertTexts.shortened("Masque FFP2", 11), "a text that fits is whole");
        assertEquals("HFNC-PED-LON...", AlertTexts.shortened("HFNC-PED-LONG-IDENTIFIER", 15), "one long word is cut inside");
    }

    @Test
    void theNewcomersSmsNamesTheDeviceCutByWordsAndStaysGsm7() {
        AlertEvent e = new AlertEvent(AlertEvent.alertId("CHU-IDF-01", "HFNC-PED", AT), "CHU-IDF-01", "HFNC-PED", AlertLevel.WARNING,
                null, AT, 7.7, LocalDate.of(2025, 11, 28), 120, 15.6, List.of(Reason.COVERAGE_BELOW_WARNING));
        String facility = "Centre hospitalier universitaire de Paris, pharmacie à usage intérieur, site Nord";
        String device = "Canule nasale à haut débit pédiatrique, taille S, boîte de 10 (pharmacie à usage intérieur)";
        String sms = AlertTexts.sms(e, facility, device, Region.PARIS);
        assertTrue(sms.length() <= AlertTexts.SMS_LIMIT && AlertTexts.isGsm7(sms), sms);
        assertFalse(sms.matches(".*[.,;]:.*") || sms.contains(",...") || sms.contains(" ..."), sms);
        assertTrue(sms.contains("... : stock 120, 7,7 j de couverture"), sms);
        String kept = sms.substring(sms.indexOf(", ") + 2, sms.indexOf("... : stock"));
        assertTrue(AlertTexts.toGsm7(device).startsWith(kept + " "), "the device's name cut between words: " + kept);
    }
}
