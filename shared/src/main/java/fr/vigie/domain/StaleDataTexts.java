package fr.vigie.domain;

import java.time.Instant;
import java.time.ZoneId;

/**
 * The French texts of a {@link StaleDataEvent} for hospital staff and their region's operators:
 * email subject and body, one GSM-7 SMS of at most {@value AlertTexts#SMS_LIMIT} characters. Days
 * are the facility's calendar days ({@code dd/MM/yyyy}, {@link AlertTexts#day}). The open alerts of
 * a silent series stay open (issue 22): the texts say so rather than let silence pass for recovery.
 */
public final class StaleDataTexts {

    private StaleDataTexts() {
    }

    /** "dernière donnée le 14/11/2025": how an open alert of a silent series, and the event, date the silence. */
    public static String lastData(Instant lastSeen, ZoneId zone) {
        return "dernière donnée le " + AlertTexts.day(lastSeen, zone);
    }

    /** @param deviceName the device's name from the watch-list, null for a facility-wide silence */
    public static String emailSubject(StaleDataEvent e, String deviceName, ZoneId zone) {
        String what = e.facilityWide() ? e.facilityId() : e.facilityId() + " - " + deviceName;
        return e.status() == StaleDataEvent.Status.OPEN
                ? "[Vigie] DONNÉES INTERROMPUES - " + what + " - " + lastData(e.lastSeen(), zone)
                : "[Vigie] DONNÉES RÉTABLIES - " + what;
    }

    public static String emailBody(StaleDataEvent e, String deviceName, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        b.append("Établissement : ").append(e.facilityId()).append('\n');
        b.append("Dispositif : ").append(e.facilityWide() ? "tous les dispositifs suivis" : deviceName + " (" + e.deviceId() + ")").append('\n');
        b.append("Dernière donnée reçue : ").append(AlertTexts.day(e.lastSeen(), zone)).append('\n');
        if (e.status() == StaleDataEvent.Status.OPEN) {
            b.append("Constaté le : ").append(AlertTexts.day(e.at(), zone)).append("\n\n")
                    .append("Vigie ne reçoit plus de relevés de stock au rythme habituel. Sans données, la couverture ")
                    .append("ne peut plus être projetée : les alertes ouvertes le restent et ne seront levées qu'au vu ")
                    .append("de nouveaux relevés. Vérifiez l'envoi des relevés (ou la source interrogée par Vigie).\n");
        } else {
            b.append("Données revenues le : ").append(AlertTexts.day(e.at(), zone)).append("\n\n")
                    .append("Les relevés de stock arrivent de nouveau : la surveillance reprend normalement.\n");
        }
        return b.toString();
    }

    /** One SMS, ids only (names would not fit with the date), in GSM-7 (accents outside it dropped), at most 160 characters. */
    public static String sms(StaleDataEvent e, ZoneId zone) {
        String what = e.facilityId() + (e.facilityWide() ? "" : " " + e.deviceId());
        String text = e.status() == StaleDataEvent.Status.OPEN
                ? "Vigie DONNÉES INTERROMPUES " + what + " : " + lastData(e.lastSeen(), zone) + ". Vérifier l'envoi des relevés."
                : "Vigie DONNÉES RÉTABLIES " + what + " : relevés de nouveau arrivés le " + AlertTexts.day(e.at(), zone) + ".";
        return sms(text);
    }

    /** The subject of a reminder of an open alert of a silent series, the date before the device's name (subjects are cut at 99 characters). */
    public static String silentSeriesSubject(AlertEvent open, String deviceName, ZoneId zone, Instant lastSeen) {
        return "[Vigie] RAPPEL " + AlertTexts.levelLabel(open.level()) + " - " + open.facilityId() + " - " + lastData(lastSeen, zone)
                + " - " + deviceName;
    }

    /**
     * What a reminder of an open alert of a silent series says first: "Dernière donnée le 14/11/2025 :
     * …", the alert staying open until new reports (issue 22).
     */
    public static String silentSeriesNote(Instant lastSeen, ZoneId zone) {
        return "Dernière donnée le " + AlertTexts.day(lastSeen, zone) + " : Vigie ne reçoit plus de relevés pour ce dispositif. "
                + "L'alerte reste ouverte jusqu'à de nouveaux relevés.";
    }

    /** The reminder's SMS of an open alert of a silent series: level, ids, the last data's day; GSM-7, 160 characters at most. */
    public static String silentSeriesSms(AlertEvent open, Instant lastSeen, ZoneId zone) {
        return sms("Vigie RAPPEL " + AlertTexts.levelLabel(open.level()) + " " + open.facilityId() + " " + open.deviceId()
                + " : alerte toujours ouverte, " + lastData(lastSeen, zone) + ". Vérifier l'envoi des relevés.");
    }

    private static String sms(String text) {
        String gsm = AlertTexts.toGsm7(text);
        return AlertTexts.fitSms(gsm);
    }
}
