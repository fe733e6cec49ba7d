package fr.vigie.app;

import fr.vigie.domain.Region;
import fr.vigie.domain.RejectedRow;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.SnapshotConflict;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What one ingestion did: rows read, stored, duplicates (a key stored before with the same value),
 * conflicts (a key stored before with another value: refused, the stored value kept, both shown)
 * and every rejected row with its line and reason (the details are capped so a broken multi-gigabyte file cannot fill the memory; the counts
 * by reason are always complete).
 */
public final class IngestionReport {

    public static final int MAX_DETAILS = 10_000;

    private long read;
    private long stored;
    private long duplicates;
    private long conflictCount;
    private final List<Conflict> conflicts = new ArrayList<>();
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

    /**
     * A row whose key already holds another value: {@code code} is always {@link SnapshotConflict#CODE},
     * {@code stored} the value kept, {@code offered} the row's, {@code message} the French explanation.
     */
    public record Conflict(long line, String code, String message, Snapshot stored, Snapshot offered) {

        private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("dd/MM/uuuu HH:mm");

        static Conflict of(long line, SnapshotConflict c) {
            Snapshot s = c.stored();
            String at = AT.format(s.timestamp().atZone(Region.fromFacilityId(s.facilityId()).map(Region::zone).orElse(Region.PARIS)));
            return new Conflict(line, SnapshotConflict.CODE, "ligne " + line + " : le relevé de " + s.facilityId() + " pour "
                    + s.deviceId() + " du " + at + " est déjà enregistré avec un stock de " + s.onHand()
                    + " ; cette ligne indique " + c.offered().onHand() + " (ou d'autres valeurs) et n'est pas enregistrée",
                    s, c.offered());
        }
    }

    void conflict(long line, SnapshotConflict c) {
        conflictCount++;
        if (conflicts.size() < MAX_DETAILS) {
            conflicts.add(Conflict.of(line, c));
        }
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

    public long conflictCount() {
        return conflictCount;
    }

    /** Conflicting rows in reading order (at most {@link #MAX_DETAILS}). */
    public List<Conflict> conflicts() {
        return List.copyOf(conflicts);
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
