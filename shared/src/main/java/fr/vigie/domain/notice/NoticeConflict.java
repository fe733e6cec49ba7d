package fr.vigie.domain.notice;

import fr.vigie.domain.SupplierReference;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Two different records under one record key (noticeId, status, publishedAt): the one stored first
 * stays, the other is refused, never counted as already known nor written over it (as a
 * {@link fr.vigie.domain.SnapshotConflict} for a snapshot's key). The match is not compared: the same
 * record matched against another watch-list is the same record.
 */
public record NoticeConflict(MatchedNotice stored, MatchedNotice offered) {

    /** Stable English code in results and logs. */
    public static final String CODE = "CONFLICT";

    public NoticeConflict {
        Objects.requireNonNull(stored, "stored");
        Objects.requireNonNull(offered, "offered");
        if (!stored.notice().recordKey().equals(offered.notice().recordKey())) {
            throw new IllegalArgumentException("a conflict is about one key: " + stored.notice().recordKey() + " vs "
                    + offered.notice().recordKey());
        }
    }

    /** The same key with another record is a conflict; the same record again is a repeat (null). */
    public static NoticeConflict between(MatchedNotice stored, MatchedNotice offered) {
        return stored.notice().equals(offered.notice()) ? null : new NoticeConflict(stored, offered);
    }

    /** The fields of the spec's record whose values differ, in the spec's order. */
    public List<String> fields() {
        SupplyNotice a = stored.notice();
        SupplyNotice b = offered.notice();
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

    /** The stored and offered values of {@code field} (one of {@link #fields()}), as the operator reads them. */
    public String values(String field) {
        return shown(value(stored.notice(), field)) + " déjà enregistré, " + shown(value(offered.notice(), field)) + " reçu";
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
