package fr.vigie.domain.notice;

import fr.vigie.domain.SupplierReference;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Another record under a stored record's key (noticeId, status, publishedAt): a revision published later
 * the same day, or a correction sent again, which replaces the former. Spec section 5: a notice's state
 * on a day is its latest record published on or before that day, and a file lists its records in
 * publication order. The match is not compared: the same record matched against another watch-list is
 * the same record.
 */
public record NoticeRevision(MatchedNotice former, MatchedNotice revised) {

    public NoticeRevision {
        Objects.requireNonNull(former, "former");
        Objects.requireNonNull(revised, "revised");
        if (!former.notice().recordKey().equals(revised.notice().recordKey())) {
            throw new IllegalArgumentException("a revision is of one key: " + former.notice().recordKey() + " vs "
                    + revised.notice().recordKey());
        }
    }

    /** The same key with another record is a revision; the same record again is a repeat (null). */
    public static NoticeRevision between(MatchedNotice former, MatchedNotice revised) {
        return former.notice().equals(revised.notice()) ? null : new NoticeRevision(former, revised);
    }

    /** The fields of the spec's record whose values differ, in the spec's order. */
    public List<String> fields() {
        SupplyNotice a = former.notice();
        SupplyNotice b = revised.notice();
        List<String> fields = new ArrayList<>();
        differs(fields, "kind", a.kind(), b.kind());
        differs(fields, "references", a.references(), b.references());
        differs(fields, "emdn", a.emdn(), b.emdn());
        differs(fields, "expectedStart", a.expectedStart(), b.expectedStart());
        differs(fields, "expectedEnd", a.expectedEnd(), b.expectedEnd());
        differs(fields, "expectedDelayDays", a.expectedDelayDays(), b.expectedDelayDays());
        differs(fields, "allocationFraction", a.allocationFraction(), b.allocationFraction());
        differs(fields, "alternatives", a.alternatives(), b.alternatives());
        return fields;
    }

    /** The change, in French, as the operator reads it: {@code expectedDelayDays "14" → "60", expectedEnd …}. */
    public String changes() {
        return fields().stream().map(f -> f + " " + shown(value(former.notice(), f)) + " → " + shown(value(revised.notice(), f)))
                .collect(Collectors.joining(", "));
    }

    private static Object value(SupplyNotice n, String field) {
        return switch (field) {
            case "kind" -> n.kind();
            case "references" -> n.references();
            case "emdn" -> n.emdn();
            case "expectedStart" -> n.expectedStart();
            case "expectedEnd" -> n.expectedEnd();
            case "expectedDelayDays" -> n.expectedDelayDays();
            case "allocationFraction" -> n.allocationFraction();
            case "alternatives" -> n.alternatives();
            default -> throw new IllegalArgumentException("not a compared field: " + field);
        };
    }

    private static String shown(Object value) {
        if (value instanceof List<?> refs) {
            return refs.stream().map(r -> (SupplierReference) r)
                    .map(r -> r.supplier() + " " + r.ref() + (r.udiDi() == null ? "" : " " + r.udiDi()))
                    .collect(Collectors.joining(", ", "[", "]"));
        }
        return value == null ? "absent" : "\"" + value + "\"";
    }

    private static void differs(List<String> fields, String field, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            fields.add(field);
        }
    }
}
