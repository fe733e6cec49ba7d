package fr.vigie.domain;

import fr.vigie.domain.followup.AlertContext;
import fr.vigie.domain.followup.AlertReference;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * French texts of the messages that are not alert events: the digest email that lists the alerts of
 * one facility raised at one level by one batch, and the reminder of an alert still open. Each
 * alert's own texts are {@link AlertTexts}'.
 */
public final class GroupedAlertTexts {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/uuuu");

    /** An alert and the device it concerns, as a digest lists it. */
    public record Line(AlertEvent event, String deviceName, String unit) {
    }

    private GroupedAlertTexts() {
    }

    /** "[Vigie] CRITIQUE - CH de Quimper - 3 dispositifs": the facility by name. */
    public static String digestSubject(List<Line> lines, String facilityName) {
        AlertEvent first = lines.get(0).event();
        return "[Vigie] " + AlertTexts.levelLabel(first.level()) + " - " + facilityName + " - " + lines.size() + " dispositifs";
    }

    public static String digestBody(List<Line> lines) {
        AlertEvent first = lines.get(0).event();
        StringBuilder b = new StringBuilder();
        b.append("Établissement : ").append(first.facilityId()).append('\n')
                .append(lines.size()).append(" dispositifs passent au niveau ").append(AlertTexts.levelLabel(first.level()))
                .append(" au même relevé :\n");
        for (Line l : lines) {
            AlertEvent e = l.event();
            b.append(" - ").append(l.deviceName()).append(" (").append(e.deviceId()).append(") : stock ").append(e.onHand())
                    .append(' ').append(l.unit()).append(", couverture ").append(String.format(java.util.Locale.FRANCE, "%.1f", e.coverageDays()))
                    .append(" j");
            if (e.projectedStockout() != null) {
                b.append(", rupture projetée le ").append(DAY.format(e.projectedStockout()));
            }
            b.append('\n');
        }
        b.append("\nLe détail de chaque alerte suit.\n");
        for (Line l : lines) {
            b.append("\n----------------------------------------\n")
                    .append(AlertTexts.emailSubject(l.event(), l.deviceName())).append("\n\n")
                    .append(AlertTexts.emailBody(l.event(), l.deviceName(), l.unit()));
        }
        return b.toString();
    }

    /** A one-part SMS summing a digest up (SNS sends it only to SMS endpoints subscribed without Vigie's filters). */
    public static String digestSms(List<Line> lines) {
        AlertEvent first = lines.get(0).event();
        return fit("Vigie " + AlertTexts.levelLabel(first.level()) + " " + first.facilityId() + ": " + lines.size()
                + " dispositifs, voir l'email.");
    }

    /** "[Vigie] RAPPEL CRITIQUE - CH de Quimper - Masque FFP2": the facility and the device by name. */
    public static String reminderSubject(AlertEvent open, String deviceName, String facilityName) {
        return "[Vigie] RAPPEL " + AlertTexts.levelLabel(open.level()) + " - " + facilityName + " - " + deviceName;
    }

    /**
     * The reminder's email: {@code open} carries the open alert's id and level and the figures of the
     * snapshot that triggered the reminder (today's, not the first ones); the day it opened is its id's;
     * the body has the alert's context (names, threshold, its acknowledgement or the link to make it).
     */
    public static String reminderBody(AlertEvent open, WatchlistEntry device, AlertContext context, java.time.ZoneId zone, Instant now) {
        return reminderHead(open, now, zone) + AlertTexts.emailBody(open, device, context, zone);
    }

    private static String reminderHead(AlertEvent open, Instant now, java.time.ZoneId zone) {
        Instant opened = AlertReference.parse(open.alertId()).map(AlertReference::openedAt).orElse(open.at());
        return "RAPPEL : cette alerte est toujours ouverte au " + AlertTexts.day(now, zone)
                + " (niveau inchangé depuis le " + AlertTexts.day(opened, zone) + ").\n"
                + "Chiffres du dernier relevé (" + AlertTexts.day(open.at(), zone) + ") ci-dessous.\n\n";
    }

    static String fit(String text) {
        String gsm = AlertTexts.toGsm7(text);
        return AlertTexts.fitSms(gsm);
    }
}
