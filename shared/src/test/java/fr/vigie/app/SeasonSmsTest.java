package fr.vigie.app;

import fr.vigie.adapter.feed.FeedCsvReader;
import fr.vigie.adapter.memory.MemoryDisruptionStore;
import fr.vigie.adapter.memory.MemorySnapshotStore;
import fr.vigie.adapter.memory.MemoryWatchlist;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertTexts;
import fr.vigie.domain.followup.AlertContext;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.DisruptionTexts;
import fr.vigie.domain.GroupedAlertTexts;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every alert of the season-a sample, produced by the real ingestion and evaluation code, gives an SMS
 * that fits one GSM-7 message: at most 160 characters, none outside the GSM 03.38 basic set (one
 * would turn the message into 70-character UCS-2 parts). The same with 40-character ids, the longest
 * the watch-list allows for a device, and a facility id as long.
 */
class SeasonSmsTest {

    static final String LONG_FACILITY = "CHR-UNIVERSITAIRE-NOUVELLE-AQUITAINE-SUD"; // 40 characters
    static final String LONG_DEVICE = "CANULE-NASALE-HAUT-DEBIT-PEDIATRIQUE-XXL"; // 40 characters

    static List<AlertEvent> alerts;
    static List<SupplyDisruptionEvent> disruptions;

    @BeforeAll
    static void replaySeasonA() throws Exception {
        SampleSeason.Raised raised = SampleSeason.replay("season-a");
        alerts = raised.alerts();
        disruptions = raised.disruptions();
    }

    @Test
    void everyAlertOfTheSeasonFitsOneGsm7Sms() {
        assertFalse(alerts.isEmpty(), "season-a raises alerts");
        for (AlertEvent e : alerts) {
            assertFitsOneSms(AlertTexts.sms(e), e.alertId());
            assertFitsOneSms(AlertTexts.sms(e, e.facilityId(), e.deviceId(), AlertTexts.zoneOf(e.facilityId()), "RAPPEL "), "reminder of " + e.alertId());
            assertFitsOneSms(GroupedAlertTexts.digestSms(List.of(new GroupedAlertTexts.Line(e, "x", "piece"),
                    new GroupedAlertTexts.Line(e, "y", "piece"))), "digest of " + e.alertId());
        }
        for (SupplyDisruptionEvent d : disruptions) {
            assertFitsOneSms(DisruptionTexts.sms(d, d.deviceId()), d.disruptionId());
        }
    }

    @Test
    void andStillWithFortyCharacterFacilityAndDeviceIds() {
        assertEquals(40, LONG_FACILITY.length());
        assertEquals(40, LONG_DEVICE.length());
        for (AlertEvent e : alerts) {
            AlertEvent longer = new AlertEvent(AlertEvent.alertId(LONG_FACILITY, LONG_DEVICE, e.at()), LONG_FACILITY, LONG_DEVICE,
                    e.level(), e.previousLevel(), e.at(), e.coverageDays(), e.projectedStockout(), e.onHand(), e.dailyUseForecast(),
                    e.reasons());
            String sms = AlertTexts.sms(longer);
            assertFitsOneSms(sms, longer.alertId());
            assertKeepsLevelDateAndAction(sms, longer);
            assertFitsOneSms(AlertTexts.sms(longer, LONG_FACILITY, LONG_DEVICE, AlertTexts.zoneOf(LONG_FACILITY), "RAPPEL "), "reminder of " + longer.alertId());
        }
        for (SupplyDisruptionEvent d : disruptions) {
            SupplyDisruptionEvent longer = new SupplyDisruptionEvent(d.disruptionId(), LONG_DEVICE, d.status(), d.at(), d.firstSeen(),
                    d.facilities(), d.kind(), d.typicalDelayDays(), d.deliveredFraction());
            assertFitsOneSms(DisruptionTexts.sms(longer, LONG_DEVICE), longer.disruptionId());
        }
    }

    /**
     * Issue 22: the hospital and the device by their names, however long and whatever their letters
     * (ô, â, î, ç and the typographic apostrophe are not GSM-7: transliterated), the names shortened
     * first so that the level, the day of the finding, the figures and the action always stay.
     */
    @Test
    void byLongFrenchNamesShortenedFirst() {
        String facility = "Centre hospitalier régional universitaire de Besançon – Hôpital Jean-Minjoz, pôle mère-enfant";
        String device = "Canule nasale à haut débit pédiatrique, taille S, boîte de 10 (réf. « Optiflow Junior 2 »)";
        for (AlertEvent e : alerts) {
            String sms = AlertTexts.sms(e, facility, device, java.time.ZoneId.of("Europe/Paris"));
            assertFitsOneSms(sms, e.alertId());
            assertKeepsLevelDateAndAction(sms, e);
            assertTrue(sms.contains("Centre hospitalier"), "the facility by name: " + sms);
            assertTrue(sms.contains("Canule"), "the device by name: " + sms);
        }
        for (AlertEvent e : alerts) {
            for (String mark : List.of("RAPPEL ", "ESCALADE RÉGIONALE ", "ESCALADE NATIONALE ")) {
                String sms = AlertTexts.sms(e, facility, device, java.time.ZoneId.of("Europe/Paris"), mark);
                assertFitsOneSms(sms, mark + e.alertId());
                assertTrue(sms.startsWith(AlertTexts.toGsm7("Vigie " + mark + AlertTexts.levelLabel(e.level()))), sms);
                assertTrue(sms.endsWith(".") && (sms.endsWith(AlertTexts.toGsm7("dépannage.")) || sms.endsWith("commandes.")
                        || sms.endsWith("close.")), "the action stays: " + sms);
            }
        }
        assertEquals("Besancon, CA, o a i, é è ù à É", AlertTexts.toGsm7("Besançon, ÇA, ô â î, é è ù à É"),
                "ç and Ç (0x09 is read either way), ô, â, î transliterated; é, è, ù, à, É are GSM-7 and stay");
        String shortNames = AlertTexts.sms(alerts.get(0), "CH de Quimper", "Masque FFP2", java.time.ZoneId.of("Europe/Paris"));
        assertTrue(shortNames.contains("CH de Quimper, Masque FFP2"), "short names are kept whole: " + shortNames);
    }

    /**
     * A VIGILANCE whose coverage is under the critical threshold (the on-hand rule: the shelf alone, deliveries not
     * counted) says why in its email; no other alert of the season carries that sentence.
     */
    @Test
    void aWarningUnderTheCriticalThresholdExplainsItsFigureInTheEmail() {
        Map<String, WatchlistEntry> entries = SampleSeason.watchlist("season-a").stream()
                .collect(java.util.stream.Collectors.toMap(WatchlistEntry::deviceId, e -> e));
        int explained = 0;
        for (AlertEvent e : alerts) {
            WatchlistEntry entry = entries.get(e.deviceId());
            String body = AlertTexts.emailBody(e, entry, AlertContext.bare(e.facilityId()), AlertTexts.zoneOf(e.facilityId()));
            boolean underCritical = e.level() == AlertLevel.WARNING && e.coverageDays() < entry.thresholds().criticalDays();
            assertEquals(underCritical, body.contains("comptent le stock disponible seul, sans les livraisons attendues"), body);
            if (underCritical) {
                explained++;
                assertTrue(body.contains("Ces " + AlertTexts.coverage(e.coverageDays(), "jours") + " comptent le stock disponible seul")
                        && body.contains("(seuil critique : " + entry.thresholds().criticalDays() + " jours)"), body);
            }
        }
        assertTrue(explained > 0, "season-a has such warnings");
    }

    static void assertKeepsLevelDateAndAction(String sms, AlertEvent e) {
        assertTrue(sms.startsWith(AlertTexts.toGsm7("Vigie " + AlertTexts.levelLabel(e.level()) + " ")), sms);
        String day = java.time.format.DateTimeFormatter.ofPattern("dd/MM").format(e.at().atZone(AlertTexts.zoneOf(e.facilityId())));
        assertTrue(sms.contains(day), "the day of the finding " + day + ": " + sms);
        String action = switch (e.level()) {
            case CRITICAL -> "Commande urgente ou dépannage.";
            case WARNING -> "Vérifier commandes.";
            default -> "Alerte close.";
        };
        assertTrue(sms.endsWith(AlertTexts.toGsm7(action)), "the action at the end: " + sms);
    }

    static void assertFitsOneSms(String sms, String what) {
        assertTrue(sms.length() <= AlertTexts.SMS_LIMIT, what + ": " + sms.length() + " characters: " + sms);
        assertTrue(AlertTexts.isGsm7(sms), what + ": outside GSM-7: " + sms);
    }
}
