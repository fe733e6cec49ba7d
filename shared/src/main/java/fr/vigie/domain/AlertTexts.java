package fr.vigie.domain;

import java.text.Normalizer;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The French texts hospital staff read: an email (subject and body) and an SMS that always fits one
 * GSM-7 message of 160 characters. The same texts go to SNS and, in local runs, to the console.
 */
public final class AlertTexts {

    public static final int SMS_LIMIT = 160;
    /** GSM 03.38 basic set: anything else turns an SMS into a 70-character UCS-2 message. */
    private static final String GSM7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/uuuu");
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("dd/MM");

    private AlertTexts() {
    }

    public static String levelLabel(AlertLevel level) {
        return switch (level) {
            case CRITICAL -> "CRITIQUE";
            case WARNING -> "VIGILANCE";
            case RECOVERED -> "RETOUR A LA NORMALE";
            case NONE -> "NORMAL";
        };
    }

    public static String reasonLabel(Reason reason) {
        return switch (reason) {
            case COVERAGE_BELOW_WARNING -> "couverture projetée sous le seuil de vigilance";
            case COVERAGE_BELOW_CRITICAL -> "couverture projetée sous le seuil critique";
            case DELIVERY_OVERDUE -> "livraison attendue en retard";
            case SHORT_DELIVERY -> "livraison incomplète";
            case SUPPLY_DISRUPTION -> "tension nationale d'approvisionnement sur ce dispositif";
            case STOCK_OUT -> "stock épuisé";
            case SUPPLY_NOTICE -> "avis de rupture du fabricant sur ce dispositif";
            case COVERAGE_RESTORED -> "couverture revenue au-dessus du seuil";
        };
    }

    public static String emailSubject(AlertEvent e, String deviceName) {
        return "[Vigie] " + levelLabel(e.level()) + " - " + e.facilityId() + " - " + deviceName;
    }

    public static String emailBody(AlertEvent e, String deviceName, String unit) {
        StringBuilder b = new StringBuilder();
        b.append("Établissement : ").append(e.facilityId()).append('\n')
                .append("Dispositif : ").append(deviceName).append(" (").append(e.deviceId()).append(")\n")
                .append("Niveau : ").append(levelLabel(e.level()));
        if (e.previousLevel() != null) {
            b.append(" (précédent : ").append(levelLabel(e.previousLevel())).append(')');
        }
        b.append("\nConstat du ").append(DAY.format(e.at().atZone(java.time.ZoneOffset.UTC))).append("\n\n")
                .append("Stock disponible : ").append(e.onHand()).append(' ').append(unit).append('\n')
                .append("Consommation prévue : ").append(decimal(e.dailyUseForecast())).append(' ').append(unit).append(" par jour\n")
                .append("Couverture projetée : ").append(decimal(e.coverageDays())).append(" jours\n");
        if (e.projectedStockout() != null) {
            b.append("Rupture projetée le : ").append(DAY.format(e.projectedStockout())).append('\n');
        }
        b.append("\nMotifs :\n");
        e.reasons().forEach(r -> b.append(" - ").append(reasonLabel(r)).append('\n'));
        b.append("\nQue faire : ").append(advice(e)).append('\n');
        return b.toString();
    }

    /** One SMS, at most 160 GSM-7 characters, whatever the lengths of ids. */
    public static String sms(AlertEvent e) {
        String head = "Vigie " + levelLabel(e.level()) + " " + e.facilityId() + " " + e.deviceId() + ": ";
        String body;
        if (e.level() == AlertLevel.RECOVERED) {
            body = "couverture " + decimal(e.coverageDays()) + " j, stock " + e.onHand() + ". Alerte close.";
        } else {
            body = "stock " + e.onHand() + ", " + decimal(e.coverageDays()) + " j de couverture"
                    + (e.projectedStockout() == null ? "" : ", rupture prévue le " + SHORT_DAY.format(e.projectedStockout()))
                    + ". " + (e.level() == AlertLevel.CRITICAL ? "Commande urgente ou dépannage." : "Vérifier commandes.");
        }
        return fitSms(toGsm7(head + body));
    }

    private static String advice(AlertEvent e) {
        if (e.level() == AlertLevel.RECOVERED) {
            return "aucune action ; l'alerte est close.";
        }
        List<String> steps = new java.util.ArrayList<>();
        if (e.reasons().contains(Reason.DELIVERY_OVERDUE) || e.reasons().contains(Reason.SHORT_DELIVERY)) {
            steps.add("relancer le fournisseur sur la livraison attendue");
        }
        if (e.level() == AlertLevel.CRITICAL) {
            steps.add("passer une commande urgente ou demander un dépannage à un établissement voisin (GHT)");
            steps.add("prévenir la pharmacie et les services utilisateurs");
        } else {
            steps.add("vérifier les commandes en cours et avancer la prochaine commande");
        }
        if (e.reasons().contains(Reason.SUPPLY_DISRUPTION)) {
            steps.add("signaler la tension à l'ARS");
        }
        return steps.stream().collect(Collectors.joining(" ; ")) + ".";
    }

    private static String decimal(double v) {
        return String.format(Locale.FRANCE, "%.1f", v);
    }

    /** Replaces letters outside GSM-7 by their plain form (ê -> e), and drops what has none. */
    public static String toGsm7(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (GSM7.indexOf(c) >= 0) {
                out.append(c);
            } else {
                String plain = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
                if (!plain.isEmpty() && GSM7.indexOf(plain.charAt(0)) >= 0) {
                    out.append(plain.charAt(0));
                }
            }
        }
        return out.toString();
    }

    private static String fitSms(String text) {
        return text.length() <= SMS_LIMIT ? text : text.substring(0, SMS_LIMIT - 1) + ".";
    }

    /** True when every character is in the GSM-7 basic set (no UCS-2 fallback). */
    public static boolean isGsm7(String text) {
        return text.chars().allMatch(c -> GSM7.indexOf(c) >= 0);
    }
}
