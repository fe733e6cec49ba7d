package fr.vigie.app;

import fr.vigie.adapter.feed.FeedRow;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.SnapshotKey;
import fr.vigie.port.SnapshotStore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Takes every good row of a feed, refuses every bad one with its reason, and stores each snapshot
 * once: rows are stored in batches as they are read, so a file of any size streams through.
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
        List<Snapshot> batch = new ArrayList<>(batchSize);
        Set<SnapshotKey> batchKeys = new HashSet<>();
        for (FeedRow row = source.next(); row != null; row = source.next()) {
            report.countRead();
            if (row instanceof FeedRow.Rejected rejected) {
                report.reject(rejected.rejection());
                continue;
            }
            Snapshot snapshot = ((FeedRow.Accepted) row).snapshot();
            if (!batchKeys.add(snapshot.key())) {
                report.countDuplicates(1); // the same snapshot twice in one batch: the first is kept
                continue;
            }
            batch.add(snapshot);
            if (batch.size() == batchSize) {
                flush(batch, report, onStored);
                batchKeys.clear();
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

    private void flush(List<Snapshot> batch, IngestionReport report, Consumer<Snapshot> onStored) {
        if (batch.isEmpty()) {
            return;
        }
        List<Snapshot> stored = store.storeNew(batch);
        report.countStored(stored.size());
        report.countDuplicates(batch.size() - stored.size());
        stored.forEach(onStored);
        batch.clear();
    }
}
