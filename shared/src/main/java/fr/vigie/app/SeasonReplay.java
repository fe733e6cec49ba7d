package fr.vigie.app;

import fr.vigie.domain.Snapshot;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * A whole feed through ingestion, then every newly stored snapshot through evaluation in time
 * order, as the DynamoDB stream would deliver them to the coverage-evaluator: time comes from the
 * snapshots, never the wall clock, so a past season replays to the same alerts.
 */
public final class SeasonReplay {

    /** The replay summary: the ingestion report and how many new snapshots were evaluated. */
    public record Summary(IngestionReport ingestion, long evaluated) {
    }

    private final SnapshotIngestion ingestion;
    private final CoverageEvaluation evaluation;

    public SeasonReplay(SnapshotIngestion ingestion, CoverageEvaluation evaluation) {
        this.ingestion = ingestion;
        this.evaluation = evaluation;
    }

    /**
     * @param progress told how many of how many new snapshots have been evaluated, now and then
     */
    public Summary run(SnapshotIngestion.RowSource rows, Progress progress) throws IOException {
        return run(rows, progress, until -> { });
    }

    /**
     * @param clock told, before each snapshot is evaluated, that the replay's time reached its
     *              timestamp, and {@link Instant#MAX} at the end (what happens by date, such as
     *              notices published, happens then, never before)
     */
    public Summary run(SnapshotIngestion.RowSource rows, Progress progress, Consumer<Instant> clock)
            throws IOException {
        List<Snapshot> fresh = new ArrayList<>();
        IngestionReport report = ingestion.ingest(rows, fresh::add);
        // a snapshot's timestamp orders the evaluation; ties by facility and device keep the replay repeatable
        fresh.sort(Comparator.comparing(Snapshot::timestamp).thenComparing(Snapshot::facilityId).thenComparing(Snapshot::deviceId));
        long done = 0;
        for (Snapshot s : fresh) {
            clock.accept(s.timestamp());
            evaluation.evaluate(s);
            if (++done % 1000 == 0) {
                progress.evaluated(done, fresh.size());
            }
        }
        progress.evaluated(done, fresh.size());
        clock.accept(Instant.MAX);
        evaluation.publishPending();
        return new Summary(report, done);
    }

    @FunctionalInterface
    public interface Progress {
        void evaluated(long done, long total);
    }
}
