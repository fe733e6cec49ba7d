package fr.vigie.domain.notice;

import fr.vigie.domain.AlertTexts;
import fr.vigie.domain.DisruptionTexts;
import fr.vigie.domain.SupplierReference;
import fr.vigie.domain.WatchlistEntry;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The French texts a hospital receives when a manufacturer's notice concerning one of its devices
 * changes status (spec section 5): an email, and one SMS of at most {@link AlertTexts#SMS_LIMIT}
 * GSM-7 characters. Dates {@code dd/MM/yyyy}, the device by its name, the alternatives when listed.
 */
public final class NoticeTexts {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/uuuu");

    private NoticeTexts() {
    }

    public static String emailSubject(SupplyNotice n, WatchlistEntry device) {
        return "[Vigie] Avis ANSM " + n.noticeId() + " - " + n.status().french() + " - " + device.name();
    }

    public static String emailBody(SupplyNotice n, WatchlistEntry device) {
        StringBuilder b = new StringBuilder();
        b.append("Dispositif : ").append(device.name()).append(" (").append(device.deviceId()).append(")\n")
                .append("Avis du fabricant ").append(n.noticeId()).append(", publié le ").append(DAY.format(n.publishedAt()))
                .append(" : ").append(n.status().french()).append('\n')
                .append("Références concernées : ").append(refs(n.references())).append('\n');
        if (n.status().atRisk()) {
            b.append("Nature : ").append(effect(n)).append('\n');
            if (n.expectedStart() != null) {
                b.append("Début prévu : ").append(DAY.format(n.expectedStart())).append('\n');
            }
            if (n.expectedEnd() != null) {
                b.append("Fin prévue : ").append(DAY.format(n.expectedEnd())).append(" (estimation du fabricant)\n");
            }
        }
        if (!n.alternatives().isEmpty()) {
            b.append("Alternatives proposées : ").append(refs(n.alternatives())).append('\n');
        }
        b.append('\n').append("Que faire : ").append(advice(n)).append('\n');
        return b.toString();
    }

    /** One SMS: the status, the device, the dates, then the alternatives as far as they fit. */
    public static String sms(SupplyNotice n, WatchlistEntry device) {
        StringBuilder head = new StringBuilder("Vigie avis ").append(n.noticeId()).append(' ')
                .append(n.status().french()).append(' ').append(device.name()).append(" du ").append(DAY.format(n.publishedAt()));
        if (n.status().atRisk()) {
            head.append(" : ").append(effect(n)); // French typography: a space before the colon
        }
        head.append('.');
        String text = AlertTexts.toGsm7(head.toString());
        if (!n.alternatives().isEmpty()) {
            String withAlternatives = text + AlertTexts.toGsm7((n.alternatives().size() > 1 ? " Alternatives : " : " Alternative : ")
                    + refs(n.alternatives()) + ".");
            if (withAlternatives.length() <= AlertTexts.SMS_LIMIT) {
                return withAlternatives;
            }
            String first = text + AlertTexts.toGsm7(" Alternative : " + refs(List.of(n.alternatives().get(0))) + ".");
            if (first.length() <= AlertTexts.SMS_LIMIT) {
                return first;
            }
        }
        return AlertTexts.fitSms(text);
    }

    private static String effect(SupplyNotice n) {
        return DisruptionTexts.effect(n.kind(), n.expectedDelayDays(), n.allocationFraction());
    }

    private static String advice(SupplyNotice n) {
        return switch (n.status()) {
            case RISK, SHORTAGE -> "vérifier le stock et les commandes en cours, prévoir les alternatives, "
                    + "Vigie compte désormais cet avis dans la couverture projetée.";
            case RESOLVED -> "aucune action ; le fabricant annonce le retour des livraisons normales.";
            case DISCONTINUED -> "référencer une alternative : ces références ne seront plus commercialisées.";
        };
    }

    private static String refs(List<SupplierReference> refs) {
        return refs.stream().map(r -> r.supplier() + " " + r.ref()).collect(Collectors.joining(", "));
    }
}
