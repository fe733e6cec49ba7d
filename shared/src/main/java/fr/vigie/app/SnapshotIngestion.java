package fr.vigie.app;

import fr.vigie.adapter.feed.FeedRow;
import fr.vigie.domain.Snapshot;
import fr.vigie.port.SnapshotStore;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Takes every good row of a feed, refuses every bad one with its reason, and stores each snapshot
 * once: rows are stored in batches as they are read, so a file of any size streams through. A row
 * repeating a stored key with the same value is a duplicate; with another value a conflict
 * ({@link IngestionReport.Conflict}): never stored over the first.
 * Used by the stock-report and stock-poller functions and by {@code ./vigie}.
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

    public SnapshotIngestion(SnapshotStore store) {
        this(store, DEFAULT_BATCH);
    }

    public SnapshotIngestion(SnapshotStore store, int batchSize) {
        this.store = store;
        this.batchSize = batchSize;
    }

    /**
     * Reads all rows of {@code source}; {@code onStored} receives each snapshot stored by this call
     * (not those stored before), in reading order.
     */
    public IngestionReport ingest(RowSource source, Consumer<Snapshot> onStored) throws IOException {
        IngestionReport report = new IngestionReport();
        Map<Snapshot, Long> batch = new LinkedHashMap<>(); // each distinct row of the batch and its line
        for (FeedRow row = source.next(); row != null; row = source.next()) {
            report.countRead();
            if (row instanceof FeedRow.Rejected rejected) {
                report.reject(rejected.rejection());
                continue;
            }
            Snapshot snapshot = ((FeedRow.Accepted) row).snapshot();
            if (batch.putIfAbsent(snapshot, row.line()) != null) {
                report.countDuplicates(1); // the same row twice in one batch
                continue;
            }
            if (batch.size() == batchSize) {
                flush(batch, report, onStored);
            }
        }
        flush(batch, report, onStored);
        return report;
    }

    public IngestionReport ingest(List<FeedRow> rows, Consumer<Snapshot> onStored) {
        var it = rows.iterator();
        try {
            return ingest(() -> it.hasNext() ? it.next() : null, onStored);
        } catch (IOException e) {
            throw new IllegalStateException("an in-memory list cannot fail to read", e);
        }
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
