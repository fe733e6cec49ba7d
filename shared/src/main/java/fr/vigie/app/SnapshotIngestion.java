package fr.vigie.app;

import fr.vigie.domain.FeedRow;
import fr.vigie.domain.RejectedRow;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.SnapshotAdmission;
import fr.vigie.port.FacilityDirectory;
import fr.vigie.port.SnapshotStore;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Takes every good row of a feed, refuses every bad one with its reason, and stores each snapshot
 * once: rows are stored in batches as they are read, so a file of any size streams through. A row
 * repeating a stored key with the same value is a duplicate; with another value a conflict
 * ({@link IngestionReport.Conflict}): never stored over the first.
 * Used by the stock-report and stock-poller functions and by {@code ./vigie}. Every parsed snapshot
 * passes {@link SnapshotAdmission} first (ids, time range, known facility); the time a row is
 * received is the clock's, and in a replay ({@link #onFeedClock()}) the feed's own clock for how old
 * a row may be: the latest row accepted so far, which a late row never moves back.
 */
public final class SnapshotIngestion {

    /** A source of parsed rows; {@code null} at the end. */
    @FunctionalInterface
    public interface RowSource {
        FeedRow next() throws IOException;
    }

    public static final int DEFAULT_BATCH = 500;

    private final SnapshotStore store;
    private final int batchSize;
    private final SnapshotAdmission admission;
    private final Clock clock;
    private final boolean feedClock;

    public SnapshotIngestion(SnapshotStore store) {
        this(store, DEFAULT_BATCH);
    }

    public SnapshotIngestion(SnapshotStore store, int batchSize) {
        this(store, batchSize, SnapshotAdmission.any(), Clock.systemUTC(), false);
    }

    private SnapshotIngestion(SnapshotStore store, int batchSize, SnapshotAdmission admission, Clock clock, boolean feedClock) {
        this.store = store;
        this.batchSize = batchSize;
        this.admission = admission;
        this.clock = clock;
        this.feedClock = feedClock;
    }

    /** The same ingestion, refusing rows of facilities {@code known} does not hold ({@code UNKNOWN_FACILITY}). */
    public SnapshotIngestion admittingFacilities(Predicate<String> known) {
        return new SnapshotIngestion(store, batchSize, admission.withFacilities(known), clock, feedClock);
    }

    /**
     * The same ingestion, refusing facilities the registry does not hold while it holds any (issue 16:
     * a typo must not create a phantom hospital); with an empty registry every facility is taken.
     * The registry is asked once whether it is empty, and once per facility met.
     */
    public SnapshotIngestion admittingFacilitiesOf(FacilityDirectory registry) {
        return registry.isEmpty() ? this : admittingFacilities(id -> registry.facility(id).isPresent());
    }

    /** The same ingestion with another time window or clock (the time rows are received). */
    public SnapshotIngestion within(SnapshotAdmission.Window window, Clock receivedClock) {
        return new SnapshotIngestion(store, batchSize, admission.withWindow(window), receivedClock, feedClock);
    }

    /**
     * The same ingestion for a replay of past rows: how old a row may be counts from the latest row
     * accepted so far (the feed's own clock), not from today; no row may still be dated after today.
     */
    public SnapshotIngestion onFeedClock() {
        return new SnapshotIngestion(store, batchSize, admission, clock, true);
    }

    /**
     * Reads all rows of {@code source}; {@code onStored} receives each snapshot stored by this call
     * (not those stored before), in reading order.
     */
    public IngestionReport ingest(RowSource source, Consumer<Snapshot> onStored) throws IOException {
        IngestionReport report = new IngestionReport();
        Map<Snapshot, Long> batch = new LinkedHashMap<>(); // each distinct row of the batch and its line
        Instant received = clock.instant();
        Instant latest = null;
        for (FeedRow row = source.next(); row != null; row = source.next()) {
            report.countRead();
            if (row instanceof FeedRow.Rejected rejected) {
                report.reject(rejected.rejection());
                continue;
            }
            Snapshot snapshot = ((FeedRow.Accepted) row).snapshot();
            Instant base = !feedClock ? received : latest == null ? snapshot.timestamp() : latest;
            Optional<RejectedRow> refused = admission.refusal(row.line(), snapshot, received, base);
            if (refused.isPresent()) {
                report.reject(refused.get());
                continue;
            }
            if (feedClock && (latest == null || snapshot.timestamp().isAfter(latest))) {
                latest = snapshot.timestamp();
            }
            if (batch.putIfAbsent(snapshot, row.line()) != null) {
                report.countDuplicates(1); // the same row twice in one batch
                continue;
            }
            if (batch.size() >= batchSize) {
                flushAllButLastPoll(batch, report, onStored);
            }
        }
        flush(batch, report, onStored);
        return report;
    }

    /**
     * Returns once every snapshot this ingestion reported stored is written ({@link SnapshotStore#awaitWrites}).
     *
     * @throws RuntimeException the store's background write failure
     */
    public void awaitWrites() {
        store.awaitWrites();
    }

    public IngestionReport ingest(List<FeedRow> rows, Consumer<Snapshot> onStored) {
        var it = rows.iterator();
        try {
            return ingest(() -> it.hasNext() ? it.next() : null, onStored);
        } catch (IOException e) {
            throw new IllegalStateException("an in-memory list cannot fail to read", e);
        }
    }

    /**
     * Flushes the batch but for the rows of its last poll (facility and instant), which stay for the next
     * batch: a poll is stored as one item, so cutting it in two would cost a second, conditional write
     * (issue 18). A single poll larger than the batch is cut at the batch size.
     */
    private void flushAllButLastPoll(Map<Snapshot, Long> batch, IngestionReport report, Consumer<Snapshot> onStored) {
        Snapshot last = null;
        for (Snapshot s : batch.keySet()) {
            last = s;
        }
        Map<Snapshot, Long> carried = new LinkedHashMap<>();
        for (var it = batch.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().facilityId().equals(last.facilityId()) && e.getKey().timestamp().equals(last.timestamp())) {
                carried.put(e.getKey(), e.getValue());
                it.remove();
            }
        }
        if (batch.isEmpty()) {
            batch.putAll(carried);
            carried.clear();
        }
        flush(batch, report, onStored);
        batch.putAll(carried);
    }

    private void flush(Map<Snapshot, Long> batch, IngestionReport report, Consumer<Snapshot> onStored) {
        if (batch.isEmpty()) {
            return;
        }
        SnapshotStore.Outcome outcome = store.store(List.copyOf(batch.keySet()));
        report.countStored(outcome.stored().size());
        outcome.conflicts().forEach(c -> report.conflict(batch.get(c.offered()), c));
        report.countDuplicates(batch.size() - outcome.stored().size() - outcome.conflicts().size());
        outcome.stored().forEach(onStored);
        batch.clear();
    }
}
