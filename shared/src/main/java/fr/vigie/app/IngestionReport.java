package fr.vigie.app;

import fr.vigie.domain.RejectedRow;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one ingestion did: rows read, stored, duplicates, and every rejected row with its line and
 * reason (the details are capped so a broken multi-gigabyte file cannot fill the memory; the counts
 * by reason are always complete).
 */
public final class IngestionReport {

    public static final int MAX_DETAILS = 10_000;

    private long read;
    private long stored;
    private long duplicates;
    private final Map<RejectedRow.RejectCode, Long> rejectedByCode = new EnumMap<>(RejectedRow.RejectCode.class);
    private final List<RejectedRow> rejected = new ArrayList<>();

    void countRead() {
        read++;
    }

    void countStored(long n) {
        stored += n;
    }

    void countDuplicates(long n) {
        duplicates += n;
    }

    void reject(RejectedRow row) {
        rejectedByCode.merge(row.code(), 1L, Long::sum);
        if (rejected.size() < MAX_DETAILS) {
            rejected.add(row);
        }
    }

    public long read() {
        return read;
    }

    public long stored() {
        return stored;
    }

    public long duplicates() {
        return duplicates;
    }

    public long rejectedCount() {
        return rejectedByCode.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<RejectedRow.RejectCode, Long> rejectedByCode() {
        return Map.copyOf(rejectedByCode);
    }

    /** Rejected rows in reading order (at most {@link #MAX_DETAILS}). */
    public List<RejectedRow> rejected() {
        return List.copyOf(rejected);
    }
}
