package fr.vigie.app;

import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.Snapshot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * A whole feed through ingestion, then every newly stored snapshot through evaluation in time
 * order, as the DynamoDB stream would deliver them to the coverage-evaluator: time comes from the
 * snapshots, never the wall clock, so a past season replays to the same alerts.
 */
public final class SeasonReplay {

    /** The replay summary: the ingestion report and the evaluations' outcome. */
    public record Summary(IngestionReport ingestion, long evaluated, Map<AlertLevel, Long> alertsByLevel) {
    }

    private final SnapshotIngestion ingestion;
    private final CoverageEvaluation evaluation;

    public SeasonReplay(SnapshotIngestion ingestion, CoverageEvaluation evaluation) {
        this.ingestion = ingestion;
        this.evaluation = evaluation;
    }

    /**
     * @param progress told how many snapshots have been evaluated so far, now and then
     * @param levels   receives the level of each alert event raised, for the summary
     */
    public Summary run(SnapshotIngestion.RowSource rows, LongConsumer progress, AlertCounter levels) throws IOException {
        List<Snapshot> fresh = new ArrayList<>();
        IngestionReport report = ingestion.ingest(rows, fresh::add);
        // a snapshot's timestamp orders the evaluation; ties by facility and device keep the replay repeatable
        fresh.sort(Comparator.comparing(Snapshot::timestamp).thenComparing(Snapshot::facilityId).thenComparing(Snapshot::deviceId));
        long done = 0;
        for (Snapshot s : fresh) {
            evaluation.evaluate(s);
            if (++done % 1000 == 0) {
                progress.accept(done);
            }
        }
        progress.accept(done);
        evaluation.publishPending();
        return new Summary(report, done, levels.byLevel());
    }

    /** Counts alert events by level as they are published. */
    public static final class AlertCounter {
        private final Map<AlertLevel, Long> counts = new EnumMap<>(AlertLevel.class);

        public void count(AlertLevel level) {
            counts.merge(level, 1L, Long::sum);
        }

        public Map<AlertLevel, Long> byLevel() {
            return Map.copyOf(counts);
        }
    }
}
