package fr.vigie.app;

import fr.vigie.adapter.memory.MemorySnapshotStore;
import fr.vigie.domain.FeedRow;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.port.SnapshotStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 18: a poll is one item, so ingestion does not cut a poll across two store calls (unless it is bigger than a batch). */
class SnapshotIngestionBatchTest {

    @Test
    void batchesEndOnAPollsBoundary() {
        List<FeedRow> rows = new ArrayList<>();
        Instant t0 = Instant.parse("2025-11-03T05:00:00Z");
        for (int poll = 0; poll < 3; poll++) {
            for (int device = 0; device < 4; device++) {
                rows.add(new FeedRow.Accepted(rows.size() + 2,
                        new Snapshot("CH-1", "D" + device, t0.plusSeconds(3600L * poll), 10, 1L, null, null, null)));
            }
        }
        for (int device = 0; device < 7; device++) { // one poll bigger than a batch: cut at the batch size
            rows.add(new FeedRow.Accepted(rows.size() + 2, new Snapshot("CH-2", "D" + device, t0, 10, 1L, null, null, null)));
        }
        List<Integer> calls = new ArrayList<>();
        MemorySnapshotStore memory = new MemorySnapshotStore();
        SnapshotStore counting = new SnapshotStore() {
            @Override
            public Outcome store(List<Snapshot> batch) {
                calls.add(batch.size());
                return memory.store(batch);
            }

            @Override
            public List<Snapshot> history(SeriesKey series, Instant upTo, int days) {
                return memory.history(series, upTo, days);
            }

            @Override
            public List<Snapshot> readings(String facilityId, Instant from, Instant to) {
                return memory.readings(facilityId, from, to);
            }
        };
        IngestionReport report = new SnapshotIngestion(counting, 5).ingest(rows, s -> { });
        assertEquals(19, report.stored());
        assertEquals(List.of(4, 4, 4, 5, 2), calls);
    }
}
