package fr.vigie.domain;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The French texts operators read for a national supply disruption (spec section 3, {@code type}
 * SUPPLY_DISRUPTION): an email and a one-part GSM-7 SMS, as {@link AlertTexts} does for facility alerts.
 */
public final class DisruptionTexts {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/uuuu");

    private DisruptionTexts() {
    }

    public static String statusLabel(DisruptionStatus status) {
        return switch (status) {
            case OPEN -> "OUVERTE";
            case UPDATED -> "ÉTENDUE";
            case CLOSED -> "CLOSE";
        };
    }

    /** "[Vigie] Tension nationale OUVERTE - Canule nasale haut débit pédiatrique (HFNC-PED)". */
    public static String emailSubject(SupplyDisruptionEvent e, String deviceName) {
        return "[Vigie] Tension nationale " + statusLabel(e.status()) + " - " + named(e, deviceName);
    }

    /** The operators' email, the device by name ({@code deviceName}, its id when the watch-list does not know it). */
    public static String emailBody(SupplyDisruptionEvent e, String deviceName) {
        StringBuilder b = new StringBuilder();
        b.append("Dispositif : ").append(named(e, deviceName)).append('\n')
                .append("Tension : ").append(statusLabel(e.status())).append(" (").append(kind(e)).append(")\n")
                .append("Constat du ").append(DAY.format(e.at().atZone(ZoneOffset.UTC)))
                .append(", premier signal le ").append(DAY.format(e.firstSeen().atZone(ZoneOffset.UTC))).append('\n')
                .append("Établissements touchés (").append(e.facilities().size()).append(") : ")
                .append(String.join(", ", e.facilities())).append("\n\n")
                .append("Que faire : ").append(e.status() == DisruptionStatus.CLOSED
                        ? "aucune action ; les livraisons sont revenues à l'heure."
                        : "contacter le fournisseur et le distributeur, organiser les dépannages entre établissements, "
                        + "informer l'ANSM si la tension dure.").append('\n');
        return b.toString();
    }

    /**
     * One SMS of at most 160 GSM-7 characters: the status, the day, the device by name (shortened first
     * when the text would not fit), the effect and how many facilities, in correct French
     * ("1 établissement touché", "3 établissements touchés").
     */
    public static String sms(SupplyDisruptionEvent e, String deviceName) {
        int n = e.facilities().size();
        String head = AlertTexts.toGsm7("Vigie tension nationale " + statusLabel(e.status()) + " "
                + DateTimeFormatter.ofPattern("dd/MM").format(e.at().atZone(ZoneOffset.UTC)) + " ");
        String tail = AlertTexts.toGsm7(" : " + kind(e) + ", " + n + (n > 1 ? " établissements touchés." : " établissement touché."));
        int room = AlertTexts.SMS_LIMIT - head.length() - tail.length();
        String name = AlertTexts.toGsm7(deviceName == null ? e.deviceId() : deviceName);
        if (name.length() > room) {
            name = room >= e.deviceId().length() ? e.deviceId() : AlertTexts.shortened(name, Math.max(room, 1));
        }
        return AlertTexts.fitSms(head + name + tail);
    }

    private static String named(SupplyDisruptionEvent e, String deviceName) {
        return deviceName == null || deviceName.equals(e.deviceId()) ? e.deviceId() : deviceName + " (" + e.deviceId() + ")";
    }

    private static String kind(SupplyDisruptionEvent e) {
        return effect(e.kind(), e.typicalDelayDays(), e.deliveredFraction());
    }

    /** A supply problem in words: deliveries late (by about {@code delayDays}) or rationed ({@code fraction} delivered), when known. */
    public static String effect(DisruptionKind kind, Integer delayDays, Double fraction) {
        if (kind == DisruptionKind.DELAY) {
            return "livraisons en retard" + (delayDays == null ? "" : " d'environ " + delayDays + " j");
        }
        return "livraisons rationnées" + (fraction == null ? "" : String.format(Locale.FRANCE, " (%.0f %% livré)", 100 * fraction));
    }
}
