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

    public static String emailSubject(SupplyDisruptionEvent e) {
        return "[Vigie] Tension nationale " + statusLabel(e.status()) + " - " + e.deviceId();
    }

    public static String emailBody(SupplyDisruptionEvent e) {
        StringBuilder b = new StringBuilder();
        b.append("Dispositif : ").append(e.deviceId()).append('\n')
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

    /** One SMS, at most 160 GSM-7 characters. */
    public static String sms(SupplyDisruptionEvent e) {
        String text = "Vigie tension nationale " + statusLabel(e.status()) + " " + e.deviceId() + ": " + kind(e)
                + ", " + e.facilities().size() + " etablissement(s) touche(s).";
        String gsm = AlertTexts.toGsm7(text);
        return gsm.length() <= AlertTexts.SMS_LIMIT ? gsm : gsm.substring(0, AlertTexts.SMS_LIMIT - 1) + ".";
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
