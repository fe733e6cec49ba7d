package fr.vigie.domain.notice;

import fr.vigie.domain.DisruptionKind;
import fr.vigie.domain.SupplierReference;
import fr.vigie.domain.Violation;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every rule of the notice contract (spec section 5). A record with a missing or invalid field is
 * rejected, named by its index in the array ({@link Violation#entry()}) and the field; the other
 * records are kept.
 */
public final class NoticeValidator {

    private static final Pattern NOTICE_ID = Pattern.compile("DM-\\d{4}-\\d{4}");
    private static final Pattern UDI_DI = Pattern.compile("\\d{14}");
    private static final Pattern EMDN = Pattern.compile("[A-Z]\\d{0,12}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /**
     * The valid records, in the order received, each one's index in the array at the same position of
     * {@code indexes}, and one violation per bad field of the others.
     */
    public record Result(List<SupplyNotice> notices, List<Integer> indexes, List<Violation> violations) {
    }

    public Result validateAll(List<NoticeDraft> drafts) {
        List<SupplyNotice> notices = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            List<Violation> own = new ArrayList<>();
            SupplyNotice notice = validate(drafts.get(i), String.valueOf(i), own);
            violations.addAll(own);
            if (own.isEmpty()) {
                notices.add(notice);
                indexes.add(i);
            }
        }
        return new Result(List.copyOf(notices), List.copyOf(indexes), List.copyOf(violations));
    }

    /** Validates one record, labelled {@code label}; returns it when {@code violations} got nothing. */
    SupplyNotice validate(NoticeDraft d, String label, List<Violation> v) {
        if (d.noticeId() == null || d.noticeId().isBlank()) {
            v.add(new Violation(label, "noticeId", "obligatoire"));
        } else if (!NOTICE_ID.matcher(d.noticeId()).matches()) {
            v.add(new Violation(label, "noticeId", "format DM-AAAA-NNNN attendu (reçu \"" + d.noticeId() + "\")"));
        }
        LocalDate published = date(v, label, "publishedAt", d.publishedAt(), true);
        NoticeStatus status = value(v, label, "status", d.status(), NoticeStatus.class);
        DisruptionKind kind = value(v, label, "kind", d.kind(), DisruptionKind.class);
        if (d.references() == null || d.references().isEmpty()) {
            v.add(new Violation(label, "references", "au moins une référence {supplier, ref, udiDi} est obligatoire"));
        } else {
            references(v, label, "references", d.references());
        }
        if (d.alternatives() != null) {
            references(v, label, "alternatives", d.alternatives());
        }
        if (d.emdn() != null && !EMDN.matcher(d.emdn()).matches()) {
            v.add(new Violation(label, "emdn", "code EMDN invalide \"" + d.emdn() + "\" (une lettre suivie de chiffres, ex. R0302)"));
        }
        LocalDate start = date(v, label, "expectedStart", d.expectedStart(), false);
        LocalDate end = date(v, label, "expectedEnd", d.expectedEnd(), false);
        if (start != null && end != null && end.isBefore(start)) {
            v.add(new Violation(label, "expectedEnd", "antérieure à expectedStart (" + end + " < " + start + ")"));
        }
        Integer delay = null;
        if (d.expectedDelayDays() != null) {
            delay = wholeNumber(d.expectedDelayDays());
            if (delay == null || delay < 0 || delay > 365) {
                v.add(new Violation(label, "expectedDelayDays", "nombre entier de jours de 0 à 365 attendu (reçu \"" + d.expectedDelayDays() + "\")"));
            }
        }
        Double fraction = null;
        if (d.allocationFraction() != null) {
            fraction = decimal(d.allocationFraction());
            if (fraction == null || fraction < 0 || fraction > 1) {
                v.add(new Violation(label, "allocationFraction", "part de 0 à 1 attendue (reçu \"" + d.allocationFraction() + "\")"));
            }
        }
        if (!v.isEmpty()) {
            return null;
        }
        return new SupplyNotice(d.noticeId(), published, status, kind, d.references(), d.emdn(), start, end, delay, fraction,
                d.alternatives());
    }

    private static void references(List<Violation> v, String label, String field, List<SupplierReference> refs) {
        for (int j = 0; j < refs.size(); j++) {
            SupplierReference r = refs.get(j);
            String at = field + "[" + j + "]";
            if (r.supplier() == null || r.supplier().isBlank()) {
                v.add(new Violation(label, at + ".supplier", "obligatoire"));
            }
            if (r.ref() == null || r.ref().isBlank()) {
                v.add(new Violation(label, at + ".ref", "obligatoire"));
            }
            if (r.udiDi() != null && !UDI_DI.matcher(r.udiDi()).matches()) {
                v.add(new Violation(label, at + ".udiDi", "14 chiffres attendus (reçu \"" + r.udiDi() + "\")"));
            }
        }
    }

    private static LocalDate date(List<Violation> v, String label, String field, String text, boolean required) {
        if (text == null) {
            if (required) {
                v.add(new Violation(label, field, "obligatoire"));
            }
            return null;
        }
        try {
            if (DATE.matcher(text).matches()) {
                return LocalDate.parse(text);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        v.add(new Violation(label, field, "date AAAA-MM-JJ attendue (reçu \"" + text + "\")"));
        return null;
    }

    private static <E extends Enum<E>> E value(List<Violation> v, String label, String field, String text, Class<E> type) {
        List<String> allowed = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        if (text == null || text.isBlank()) {
            v.add(new Violation(label, field, "obligatoire (" + String.join(", ", allowed) + ")"));
            return null;
        }
        if (!allowed.contains(text)) {
            v.add(new Violation(label, field, "valeur inconnue \"" + text + "\" (" + String.join(", ", allowed) + ")"));
            return null;
        }
        return Enum.valueOf(type, text);
    }

    private static Integer wholeNumber(String text) {
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double decimal(String text) {
        try {
            double d = Double.parseDouble(text.trim());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
