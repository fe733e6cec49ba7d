package fr.vigie.domain.notice;

import fr.vigie.domain.DisruptionKind;
import fr.vigie.domain.Excerpt;
import fr.vigie.domain.SnapshotAdmission;
import fr.vigie.domain.SupplierReference;
import fr.vigie.domain.Violation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
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
    private static final Pattern EMDN = Pattern.compile("[A-Z]\\d{0,12}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /**
     * The valid records, in the order received, each one's index in the array at the same position of
     * {@code indexes}, and one violation per bad field of the others.
     */
    public record Result(List<SupplyNotice> notices, List<Integer> indexes, List<Violation> violations) {
    }

    /**
     * The earliest plausible publication: the national agency (ANSM) publishes since it was created,
     * 1 May 2012; an earlier date is a typo or a spreadsheet's default (1900-01-01), never a notice.
     */
    public static final LocalDate EARLIEST_PUBLICATION = LocalDate.of(2012, 5, 1);

    /**
     * How many days before or after its publication an estimate ({@code expectedStart}, {@code expectedEnd}) may fall:
     * the span a stock feed's promised delivery may lie from its snapshot ({@link SnapshotAdmission.Window#DEFAULT},
     * 400 days), one rule for the dates suppliers announce.
     */
    public static final long ESTIMATE_SPAN_DAYS = SnapshotAdmission.Window.DEFAULT.behind().toDays();

    /** How far the clock of who publishes may run ahead of the intake's. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

    /** The earliest time zone: a date it has not reached yet is not reached anywhere. */
    private static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);

    /**
     * Validates every record received at {@code receivedAt} (the intake's clock): a record published
     * on a day no time zone has reached yet, clock skew allowed, is refused.
     */
    public Result validateAll(List<NoticeDraft> drafts, Instant receivedAt) {
        LocalDate latest = receivedAt.plus(CLOCK_SKEW).atOffset(EARLIEST_ZONE).toLocalDate();
        List<SupplyNotice> notices = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            List<Violation> own = new ArrayList<>();
            SupplyNotice notice = validate(drafts.get(i), String.valueOf(i), latest, own);
            violations.addAll(own);
            if (own.isEmpty()) {
                notices.add(notice);
                indexes.add(i);
            }
        }
        return new Result(List.copyOf(notices), List.copyOf(indexes), List.copyOf(violations));
    }

    /**
     * Validates one record, labelled {@code label}, published on {@code latest} at the latest; returns it
     * when {@code violations} got nothing. A field of the wrong JSON type is named once, by its type.
     */
    SupplyNotice validate(NoticeDraft d, String label, LocalDate latest, List<Violation> violations) {
        d.shape().forEach(s -> violations.add(new Violation(label, s.field(), s.message())));
        List<Violation> v = new ArrayList<>();
        SupplyNotice notice = values(d, label, latest, v);
        v.stream().filter(own -> d.shape().stream().noneMatch(s -> covers(s.field(), own.field()))).forEach(violations::add);
        return violations.isEmpty() ? notice : null;
    }

    /** Whether a type error of {@code shaped} already says what is wrong with {@code field} (itself, or a part of it). */
    private static boolean covers(String shaped, String field) {
        return shaped.equals("-") || field.equals(shaped) || field.startsWith(shaped + "[") || field.startsWith(shaped + ".");
    }

    private SupplyNotice values(NoticeDraft d, String label, LocalDate latest, List<Violation> v) {
        if (d.noticeId() == null || d.noticeId().isBlank()) {
            v.add(new Violation(label, "noticeId", "obligatoire"));
        } else if (!NOTICE_ID.matcher(d.noticeId()).matches()) {
            v.add(new Violation(label, "noticeId", "format DM-AAAA-NNNN attendu (reçu \"" + Excerpt.of(d.noticeId()) + "\")"));
        }
        LocalDate published = date(v, label, "publishedAt", d.publishedAt(), true);
        if (published != null && published.isAfter(latest)) {
            v.add(new Violation(label, "publishedAt", "date de publication dans le futur (" + published
                    + ") : un avis n'est reçu qu'une fois publié"));
        } else if (published != null && published.isBefore(EARLIEST_PUBLICATION)) {
            v.add(new Violation(label, "publishedAt", "date de publication invraisemblable (" + published
                    + ", antérieure à la création de l'ANSM le " + EARLIEST_PUBLICATION + ")"));
        }
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
            v.add(new Violation(label, "emdn", "code EMDN invalide \"" + Excerpt.of(d.emdn()) + "\" (une lettre suivie de chiffres, ex. R0302)"));
        }
        // estimates are judged from a plausible publication only: a refused one already names the record's fault
        LocalDate base = published != null && !published.isAfter(latest) && !published.isBefore(EARLIEST_PUBLICATION) ? published : null;
        LocalDate start = estimate(v, label, "expectedStart", d.expectedStart(), base);
        LocalDate end = estimate(v, label, "expectedEnd", d.expectedEnd(), base);
        if (start != null && end != null && end.isBefore(start)) {
            v.add(new Violation(label, "expectedEnd", "antérieure à expectedStart (" + end + " < " + start + ")"));
        }
        // spec: expectedDelayDays is a DELAY's estimate, allocationFraction an ALLOCATION's; the other kind's (a value
        // left over from the notice's earlier records) is left out, not read, and the record kept: it is optional
        Integer delay = null;
        if (d.expectedDelayDays() != null && kind != DisruptionKind.ALLOCATION) {
            delay = wholeNumber(d.expectedDelayDays());
            if (delay == null || delay < 0 || delay > 365) {
                v.add(new Violation(label, "expectedDelayDays", "nombre entier de jours de 0 à 365 attendu (reçu \"" + Excerpt.of(d.expectedDelayDays()) + "\")"));
            }
        }
        Double fraction = null;
        if (d.allocationFraction() != null && kind != DisruptionKind.DELAY) {
            fraction = decimal(d.allocationFraction());
            if (fraction == null || fraction < 0 || fraction > 1) {
                v.add(new Violation(label, "allocationFraction", "part de 0 à 1 attendue (reçu \"" + Excerpt.of(d.allocationFraction()) + "\")"));
            }
        }
        if (!v.isEmpty()) {
            return null;
        }
        return new SupplyNotice(d.noticeId(), published, status, kind, d.references(), d.emdn(), start, end, delay, fraction,
                d.alternatives());
    }

    private static void references(List<Violation> v, String label, String field, List<SupplierReference> refs) {
        v.addAll(SupplierReference.violations(label, field, refs));
    }

    /**
     * An estimate of the interruption's first or last day, refused (naming {@code field}) when more than
     * {@link #ESTIMATE_SPAN_DAYS} days before or after its record's publication: 0001-01-01 or 9999-12-31 is a default
     * put in an empty field or an open end, never a manufacturer's estimate (it was kept, and sent on as the notice's end).
     */
    private static LocalDate estimate(List<Violation> v, String label, String field, String text, LocalDate published) {
        LocalDate day = date(v, label, field, text, false);
        if (day != null && published != null && Math.abs(ChronoUnit.DAYS.between(published, day)) > ESTIMATE_SPAN_DAYS) {
            v.add(new Violation(label, field, "date invraisemblable (" + day + ") : plus de " + ESTIMATE_SPAN_DAYS
                    + " jours avant ou après la publication de l'avis (" + published + ")"));
            return null;
        }
        return day;
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
        v.add(new Violation(label, field, "date AAAA-MM-JJ attendue (reçu \"" + Excerpt.of(text) + "\")"));
        return null;
    }

    private static <E extends Enum<E>> E value(List<Violation> v, String label, String field, String text, Class<E> type) {
        List<String> allowed = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        if (text == null || text.isBlank()) {
            v.add(new Violation(label, field, "obligatoire (" + String.join(", ", allowed) + ")"));
            return null;
        }
        if (!allowed.contains(text)) {
            v.add(new Violation(label, field, "valeur inconnue \"" + Excerpt.of(text) + "\" (" + String.join(", ", allowed) + ")"));
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
