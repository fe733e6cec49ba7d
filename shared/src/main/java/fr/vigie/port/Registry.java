package fr.vigie.port;

import fr.vigie.domain.RegisteredFacility;
import fr.vigie.domain.WatchlistEntry;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The operators' registry: watch-list entries and facilities, each with a version (optimistic
 * locking) and an audit trail written with every change. A change names the version it replaces;
 * a stale one is refused ({@link Status#CONFLICT}), never overwritten.
 */
public interface Registry {

    /** A registry item with its version and who changed it last ({@code updatedAt} ISO-8601 UTC). */
    record Versioned<T>(T value, long version, String updatedAt, String updatedBy) {
    }

    /** One audit record: who changed what when, the spec JSON before (null for a creation) and after. */
    record Change(long version, String at, String by, String subject, String action, String season, String before, String after) {
    }

    enum Status { CREATED, UPDATED, UNCHANGED, CONFLICT, NOT_FOUND, EXISTS }

    /**
     * The outcome of a change: its status, the version the item has now (the current one on a
     * conflict) and, when this change was written, its time as stored ({@code updatedAt}; null otherwise).
     */
    record Outcome(Status status, long version, String updatedAt) {
        public Outcome(Status status, long version) {
            this(status, version, null);
        }

        public boolean written() {
            return status == Status.CREATED || status == Status.UPDATED;
        }
    }

    /**
     * Who makes a change and why: {@code by} a readable name (the JWT's username), {@code subject}
     * the identity's stable id (the JWT's {@code sub}; null for a local import), {@code action} the
     * audit's verb (CREATE, REPLACE, DEACTIVATE, IMPORT).
     */
    record Author(String by, String subject, String action, Instant at) {
        public Author(String by, String action, Instant at) {
            this(by, null, action, at);
        }
    }

    /** Every entry, by device id. */
    List<Versioned<WatchlistEntry>> entries();

    Optional<Versioned<WatchlistEntry>> entry(String deviceId);

    /** A new entry at version 1; {@code EXISTS} when the id is taken. */
    Outcome create(WatchlistEntry entry, Author author);

    /** Replaces the entry if it is still at {@code expectedVersion}; {@code UNCHANGED} (nothing written) when equal. */
    Outcome replace(WatchlistEntry entry, long expectedVersion, Author author);

    /** Creates the entry or replaces it at its current version (a file import): CREATED, UPDATED or UNCHANGED. */
    Outcome upsert(WatchlistEntry entry, Author author);

    /** The entry's changes, oldest first. */
    List<Change> entryHistory(String deviceId);

    /** Every facility, by id. */
    List<Versioned<RegisteredFacility>> facilities();

    Optional<Versioned<RegisteredFacility>> facility(String facilityId);

    Outcome create(RegisteredFacility facility, Author author);

    Outcome replace(RegisteredFacility facility, long expectedVersion, Author author);

    List<Change> facilityHistory(String facilityId);
}
