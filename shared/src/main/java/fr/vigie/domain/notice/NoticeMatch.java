package fr.vigie.domain.notice;

import fr.vigie.domain.SupplierReference;
import fr.vigie.domain.WatchlistEntry;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The watch-list entries a notice record applies to (sorted device ids, empty when none) and how
 * they were found. Rule of spec section 5: by {@code udiDi}; by {@code supplier} and {@code ref}
 * where the record's reference has no udiDi or no entry lists it; failing any match by reference,
 * by {@code emdn}. Alternatives are never matched. When references matched in both ways,
 * {@code matchedBy} names the weaker (supplierRef), so that operators see the match is less sure.
 */
public record NoticeMatch(List<String> deviceIds, MatchedBy matchedBy) {

    public static final NoticeMatch NONE = new NoticeMatch(List.of(), MatchedBy.NONE);

    public NoticeMatch {
        deviceIds = List.copyOf(deviceIds);
    }

    public static NoticeMatch of(SupplyNotice notice, Collection<WatchlistEntry> entries) {
        TreeSet<String> matched = new TreeSet<>();
        MatchedBy how = null;
        for (SupplierReference wanted : notice.references()) {
            List<String> byUdi = wanted.udiDi() == null ? List.of()
                    : entries.stream().filter(e -> e.references().stream().anyMatch(r -> wanted.udiDi().equals(r.udiDi())))
                    .map(WatchlistEntry::deviceId).toList();
            if (!byUdi.isEmpty()) {
                matched.addAll(byUdi);
                how = how == null ? MatchedBy.UDI_DI : how;
                continue;
            }
            List<String> byRef = entries.stream().filter(e -> e.references().stream().anyMatch(r -> sameRef(wanted, r)))
                    .map(WatchlistEntry::deviceId).toList();
            if (!byRef.isEmpty()) {
                matched.addAll(byRef);
                how = MatchedBy.SUPPLIER_REF;
            }
        }
        if (!matched.isEmpty()) {
            return new NoticeMatch(List.copyOf(matched), how);
        }
        if (notice.emdn() != null) {
            entries.stream().filter(e -> notice.emdn().equals(e.emdn())).map(WatchlistEntry::deviceId).forEach(matched::add);
        }
        return matched.isEmpty() ? NONE : new NoticeMatch(List.copyOf(matched), MatchedBy.EMDN);
    }

    /** Suppliers and references compare trimmed and case-insensitively: catalogues differ in case. */
    private static boolean sameRef(SupplierReference a, SupplierReference b) {
        return a.supplier() != null && a.ref() != null && b.supplier() != null && b.ref() != null
                && norm(a.supplier()).equals(norm(b.supplier())) && norm(a.ref()).equals(norm(b.ref()));
    }

    private static String norm(String s) {
        return Objects.requireNonNull(s).trim().toUpperCase(Locale.ROOT);
    }

    public boolean concerns(String deviceId) {
        return deviceIds.contains(deviceId);
    }
}
