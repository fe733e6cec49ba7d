package fr.vigie.domain;

import fr.vigie.domain.followup.Acknowledgement;
import fr.vigie.domain.followup.AlertContext;
import fr.vigie.domain.followup.Neighbours;
import fr.vigie.domain.forecast.CoverageProjection;

import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The French texts hospital staff read: an email (subject and body) and an SMS that always fits one
 * GSM-7 message of 160 characters. The same texts go to SNS and, in local runs, to the console.
 * Days are the facility's calendar days ({@code dd/MM/yyyy}): the zone of its region
 * ({@link Region#zoneOf}), Europe/Paris by default; a snapshot at 00:30 in Paris is of that Paris day,
 * not of the UTC day before (issue 16). The JSON events keep their ISO-8601 instants.
 */
public final class AlertTexts {

    public static final int SMS_LIMIT = 160;
    /**
     * GSM 03.38 basic set: anything else turns an SMS into a 70-character UCS-2 message. Position 0x09
     * is left out: ETSI draws it as Ç, the Unicode Consortium's mapping (GSM0338.TXT) reads it as ç, and
     * gateways and handsets differ, so Ç and ç are both written C and c.
     */
    private static final String GSM7 = "@£$¥èéùìò\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/uuuu");
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("dd/MM");

    private AlertTexts() {
    }

    public static String levelLabel(AlertLevel level) {
        return switch (level) {
            case CRITICAL -> "CRITIQUE";
            case WARNING -> "VIGILANCE";
            case RECOVERED -> "RETOUR À LA NORMALE";
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
        return emailSubject(e, deviceName, AlertContext.bare(e.facilityId()));
    }

    /** "[Vigie] CRITIQUE - CH de Quimper - Canule nasale haut débit pédiatrique": the facility and the device by name. */
    public static String emailSubject(AlertEvent e, String deviceName, AlertContext context) {
        return "[Vigie] " + levelLabel(e.level()) + " - " + context.facilityName() + " - " + deviceName;
    }

    /**
     * The calendar of a facility known only by its id: the zone of the region its id names
     * ({@link Region#fromFacilityId}, {@code CH-REU-01} is in La Réunion), Europe/Paris otherwise.
     * Callers that know the facility's registered region pass {@code Region.zoneOf(region)} instead.
     */
    public static ZoneId zoneOf(String facilityId) {
        return Region.fromFacilityId(facilityId).map(Region::zone).orElse(Region.PARIS);
    }

    /** The calendar day of an instant in a zone, as texts write it ({@code dd/MM/yyyy}). */
    public static String day(Instant at, ZoneId zone) {
        return DAY.format(at.atZone(zone));
    }

    /** A calendar day as texts write it ({@code dd/MM/yyyy}). */
    public static String day(LocalDate day) {
        return DAY.format(day);
    }

    public static String emailBody(AlertEvent e, String deviceName, String unit) {
        return emailBody(e, deviceName, unit, zoneOf(e.facilityId()));
    }

    /** @param zone the facility's calendar ({@link Region#zoneOf} of its region) */
    public static String emailBody(AlertEvent e, String deviceName, String unit, ZoneId zone) {
        return emailBody(e, deviceName, unit, null, AlertContext.bare(e.facilityId()), zone);
    }

    /**
     * The email of an alert that helps act on it (issue 22): the facility and device by name, the
     * alert's reference, the threshold crossed ({@code thresholds} null: not said), the figures, what to
     * do, and from {@code context} the alternatives and neighbours of a CRITICAL, the acknowledgement
     * link and the regional contact.
     */
    public static String emailBody(AlertEvent e, WatchlistEntry device, AlertContext context, ZoneId zone) {
        return emailBody(e, device.name(), device.unit(), device.thresholds(), context, zone);
    }

    private static String emailBody(AlertEvent e, String deviceName, String unit, Thresholds thresholds, AlertContext context, ZoneId zone) {
        StringBuilder b = new StringBuilder();
        b.append("Établissement : ").append(context.facilityName());
        if (!context.facilityName().equals(e.facilityId())) {
            b.append(" (").append(e.facilityId()).append(')');
        }
        if (context.regionLabel() != null) {
            b.append(", ").append(context.regionLabel());
        }
        b.append('\n')
                .append("Dispositif : ").append(deviceName).append(" (").append(e.deviceId()).append(")\n")
                .append("Niveau : ").append(levelLabel(e.level()));
        if (e.previousLevel() != null) {
            b.append(" (précédent : ").append(levelLabel(e.previousLevel())).append(')');
        }
        b.append("\nRéférence de l'alerte : ").append(e.alertId());
        b.append("\nConstat du ").append(day(e.at(), zone)).append('\n');
        if (thresholds != null) {
            b.append(thresholdLine(e.level(), thresholds)).append('\n');
            if (e.level() == AlertLevel.WARNING && e.coverageDays() < thresholds.criticalDays()) {
                b.append(shelfOnlyLine(e, thresholds)).append('\n');
            }
        }
        b.append('\n')
                .append("Stock disponible : ").append(e.onHand()).append(' ').append(unitPlural(unit, e.onHand())).append('\n')
                .append("Consommation prévue : ").append(decimal(e.dailyUseForecast())).append(' ').append(unitPlural(unit, e.dailyUseForecast())).append(" par jour\n")
                .append("Couverture projetée : ").append(coverage(e.coverageDays(), "jours")).append('\n');
        if (e.projectedStockout() != null) {
            b.append("Rupture projetée le : ").append(DAY.format(e.projectedStockout())).append('\n');
        }
        b.append("\nMotifs :\n");
        e.reasons().forEach(r -> b.append(" - ").append(reasonLabel(r)).append('\n'));
        b.append("\nQue faire : ").append(advice(e)).append('\n');
        if (e.level() == AlertLevel.CRITICAL && !context.alternatives().isEmpty()) {
            b.append("\nAlternatives prévues à la liste surveillée :\n");
            context.alternatives().forEach(a -> b.append(" - ").append(a).append('\n'));
        }
        if (e.level() == AlertLevel.CRITICAL && !context.neighbours().isEmpty()) {
            b.append("\nÉtablissements de la région qui pourraient dépanner (couverture projetée confortable) :\n");
            for (Neighbours.Candidate n : context.neighbours()) {
                b.append(" - ").append(n.name() == null || n.name().isBlank() ? n.facilityId() : n.name())
                        .append(" : ").append(coverage(n.coverageDays(), "jours")).append(" de couverture");
                if (n.contact() != null && !n.contact().isBlank()) {
                    b.append(" ; contact : ").append(n.contact());
                }
                b.append('\n');
            }
        }
        if (context.acknowledgement() != null) {
            Acknowledgement a = context.acknowledgement();
            b.append("\nAcquittée le ").append(day(a.at(), zone)).append(" par ").append(a.by()).append(" : ").append(a.action().label())
                    .append(a.note() == null ? "" : " (" + a.note() + ")").append('\n');
        } else if (e.level().isOpen()) {
            b.append("\nAcquitter l'alerte (vu, action engagée) : ")
                    .append(context.ackLink() != null ? context.ackLink() : "console Vigie, référence " + e.alertId()).append('\n');
        }
        if (context.regionalContact() != null) {
            b.append("Contact régional : ").append(context.regionalContact()).append('\n');
        }
        return b.toString();
    }

    /** The threshold the level crossed, in days of projected coverage. */
    static String thresholdLine(AlertLevel level, Thresholds t) {
        return switch (level) {
            case CRITICAL -> "Seuil franchi : seuil critique de " + t.criticalDays() + " jours de couverture";
            case WARNING -> "Seuil franchi : seuil de vigilance de " + t.warningDays() + " jours de couverture";
            case RECOVERED, NONE -> "Couverture revenue au-dessus du seuil de vigilance de " + t.warningDays() + " jours";
        };
    }

    /**
     * Why a VIGILANCE shows a coverage under the critical threshold. The level machine announces the level
     * the projection shows, so a WARNING's projection (deliveries counted) was at or above the critical
     * threshold; its figure is under it only when the alert opened on the stock on hand alone, whose days the
     * event then carries ({@code SeriesEvaluator}'s on-hand view): the projection counting the deliveries was
     * then at or above the warning threshold.
     */
    static String shelfOnlyLine(AlertEvent e, Thresholds t) {
        return "Ces " + coverage(e.coverageDays(), "jours") + " comptent le stock disponible seul, sans les livraisons attendues :"
                + " avec elles, la couverture projetée dépasse le seuil de vigilance de " + t.warningDays() + " jours, d'où le niveau "
                + levelLabel(AlertLevel.WARNING) + " et non " + levelLabel(AlertLevel.CRITICAL) + " (seuil critique : " + t.criticalDays()
                + " jours). Vérifiez que ces livraisons arriveront à temps.";
    }

    /** One SMS, at most 160 GSM-7 characters, whatever the lengths of ids; the facility and device by their ids. */
    public static String sms(AlertEvent e) {
        return sms(e, e.facilityId(), e.deviceId(), zoneOf(e.facilityId()));
    }

    /**
     * One SMS of at most {@value #SMS_LIMIT} GSM-7 characters (GSM 03.38 basic set, transliterated by
     * {@link #toGsm7}) that always keeps the level, the day of the finding, the figures and the action:
     * when it would not fit, the facility's and the device's names are shortened first (each to its
     * share of the room left, by {@link #shortened}), so only names lose words.
     */
    public static String sms(AlertEvent e, String facilityName, String deviceName, ZoneId zone) {
        return sms(e, facilityName, deviceName, zone, "");
    }

    /**
     * The same marked after "Vigie " by {@code mark} ("RAPPEL ", "ESCALADE RÉGIONALE "): the mark too
     * is kept, the names giving it room.
     */
    public static String sms(AlertEvent e, String facilityName, String deviceName, ZoneId zone, String mark) {
        String head = "Vigie " + mark + levelLabel(e.level()) + " " + SHORT_DAY.format(e.at().atZone(zone)) + " ";
        String body;
        if (e.level() == AlertLevel.RECOVERED) {
            body = " : couverture " + coverage(e.coverageDays(), "j") + ", stock " + e.onHand() + ". Alerte close.";
        } else {
            body = " : stock " + e.onHand() + ", " + coverage(e.coverageDays(), "j") + " de couverture"
                    + (e.projectedStockout() == null ? "" : ", rupture prévue le " + SHORT_DAY.format(e.projectedStockout()))
                    + ". " + (e.level() == AlertLevel.CRITICAL ? "Commande urgente ou dépannage." : "Vérifier commandes.");
        }
        String fixed = toGsm7(head) + toGsm7(body);
        String[] names = shorten(toGsm7(facilityName), toGsm7(deviceName), SMS_LIMIT - fixed.length() - 2);
        return fitSms(toGsm7(head) + names[0] + ", " + names[1] + toGsm7(body));
    }

    /** Two names cut to fit {@code room} characters together: each keeps at least half, the shorter lends the rest to the longer. */
    static String[] shorten(String first, String second, int room) {
        if (first.length() + second.length() <= room) {
            return new String[]{first, second};
        }
        int half = Math.max(room / 2, 2);
        int firstRoom = Math.max(Math.min(first.length(), Math.max(half, room - second.length())), 2);
        int secondRoom = Math.max(room - firstRoom, 2);
        return new String[]{shortened(first, firstRoom), shortened(second, secondRoom)};
    }

    /** What a text shortened ends with: "..." since the ellipsis "…" is not GSM-7 (it would make the SMS UCS-2, 70 characters). */
    public static final String ELLIPSIS = "...";

    /**
     * {@code text} in at most {@code room} characters: whole when it fits; else cut at the last word boundary
     * that leaves room for {@link #ELLIPSIS} (inside the word when that would keep less than half the room), the
     * spaces, punctuation and a last word of one or two letters before the cut dropped ("Pharmacie à usage..."
     * and never "à usage.:", "usage,..." or "ventilation à...").
     * The one way every SMS (alerts, reminders, disruptions, notices, silences) is shortened.
     */
    public static String shortened(String text, int room) {
        if (text.length() <= room) {
            return text;
        }
        if (room <= ELLIPSIS.length()) {
            return text.substring(0, Math.max(room, 0));
        }
        int keep = room - ELLIPSIS.length();
        String head = text.substring(0, keep);
        int space = head.lastIndexOf(' ');
        if (!Character.isWhitespace(text.charAt(keep)) && space >= keep / 2) {
            head = head.substring(0, space);
        }
        // nor on a dangling short word ("ventilation à...", "masque de...")
        int last = head.stripTrailing().lastIndexOf(' ');
        if (last >= keep / 2 && head.stripTrailing().length() - last - 1 <= 2) {
            head = head.substring(0, last);
        }
        return head.replaceAll("[\\s\\p{Punct}«»]+$", "") + ELLIPSIS;
    }

    /**
     * A French unit for a quantity: "pièce" for 0 or 1, "pièces" from 2 ({@code piece} as an older
     * watch-list spells it is written {@code pièce}); a unit already plural or invariable is kept.
     */
    public static String unitPlural(String unit, double quantity) {
        String u = unit == null || unit.isBlank() ? "pièce" : unit.strip().equals("piece") ? "pièce" : unit.strip();
        boolean plural = Math.abs(quantity) >= 2;
        return plural && !u.endsWith("s") && !u.endsWith("x") && !u.contains(" ") ? u + "s" : u;
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

    /**
     * Days of coverage as staff read them: "9,2 j" (decimal comma); at or beyond the projection's
     * horizon ({@link CoverageProjection#HORIZON_DAYS}) "plus de 120 j", since the figure there is the
     * horizon, not a measured coverage.
     */
    public static String coverage(double days, String unit) {
        return days >= CoverageProjection.HORIZON_DAYS ? "plus de " + CoverageProjection.HORIZON_DAYS + " " + unit
                : decimal(days) + " " + unit;
    }

    /** One decimal, French comma: 8,0. */
    public static String decimal(double v) {
        return String.format(Locale.FRANCE, "%.1f", v);
    }

    /**
     * A measured value as given, French comma, without rounding nor trailing zeros: 7,7 ; 12,45 ; 3. For figures
     * quoted back to whoever wrote them (two values that differ must not print alike, as one decimal could).
     */
    public static String number(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString().replace('.', ',');
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

    /** A GSM-7 text in one SMS: {@link #shortened} to {@value #SMS_LIMIT} characters when longer. */
    public static String fitSms(String text) {
        return shortened(text, SMS_LIMIT);
    }

    /** True when every character is in the GSM-7 basic set (no UCS-2 fallback). */
    public static boolean isGsm7(String text) {
        return text.chars().allMatch(c -> GSM7.indexOf(c) >= 0);
    }
}
