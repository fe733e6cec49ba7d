package fr.vigie.domain.notice;

import fr.vigie.domain.SupplierReference;

import java.util.List;

/**
 * A notice record as received, before validation: every field may be missing (null) or wrong.
 * Dates and numbers are kept as text so that "2025-13-01" or "abc" are reported, never cast;
 * {@code references} is null when absent or not an array.
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
        List<SupplierReference> alternatives) {
}
