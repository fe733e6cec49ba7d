package fr.vigie.domain.notice;

import fr.vigie.domain.SupplierReference;
import fr.vigie.domain.Violation;

import java.util.List;

/**
 * A notice record as received, before validation: every field may be missing (null) or wrong.
 * Dates and numbers are kept as text so that "2025-13-01" or "abc" are reported, never cast;
 * {@code references} is null when absent or not an array. {@code shape} holds what the reader found
 * of the wrong JSON type ({@code "ref": ["OPT316"]}, {@code "supplier": 123}, {@code "references": {…}}),
 * each a field and a message, its entry left to the validator that numbers the records.
 */
public record NoticeDraft(
        String noticeId,
        String publishedAt,
        String status,
        String kind,
        List<SupplierReference> references,
        String emdn,
        String expectedStart,
        String expectedEnd,
        String expectedDelayDays,
        String allocationFraction,
        List<SupplierReference> alternatives,
        List<Violation> shape) {

    public NoticeDraft {
        shape = shape == null ? List.of() : List.copyOf(shape);
    }
}
