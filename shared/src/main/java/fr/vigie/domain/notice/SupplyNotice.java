package fr.vigie.domain.notice;

import fr.vigie.domain.DisruptionKind;
import fr.vigie.domain.SupplierReference;

import java.time.LocalDate;
import java.util.List;

/**
 * One publication of a manufacturer's supply-interruption notice (spec section 5), valid by
 * construction through {@link NoticeValidator}. The same {@code noticeId} comes again each time its
 * status or estimates change; a record takes effect on {@code publishedAt}, never earlier.
 * {@code expectedDelayDays} (days, DELAY) and {@code allocationFraction} (0 to 1, ALLOCATION) are
 * {@code null} when the notice is silent, as are {@code emdn}, {@code expectedStart} and {@code expectedEnd}.
 */
public record SupplyNotice(
        String noticeId,
        LocalDate publishedAt,
        NoticeStatus status,
        DisruptionKind kind,
        List<SupplierReference> references,
        String emdn,
        LocalDate expectedStart,
        LocalDate expectedEnd,
        Integer expectedDelayDays,
        Double allocationFraction,
        List<SupplierReference> alternatives) {

    public SupplyNotice {
        references = List.copyOf(references);
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }

    /** What makes a record unique, and its storage idempotent: the notice, its status and its date. */
    public String recordKey() {
        return publishedAt + "#" + noticeId + "#" + status;
    }
}
