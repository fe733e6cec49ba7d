package fr.vigie.app;

import fr.vigie.domain.Snapshot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A whole feed through ingestion, then every newly stored snapshot through evaluation in time
 * order, as the DynamoDB stream would deliver them to the coverage-evaluator: time comes from the
 * snapshots, never the wall clock, so a past season replays to the same alerts: the ingestion
 * runs {@linkplain SnapshotIngestion#onFeedClock() on the feed's own clock}.
 */
public final class SeasonReplay {

    /**
     * The replay summary: the ingestion report, how many new snapshots were evaluated, the facilities
     * of the snapshots stored, and the snapshots whose evaluation failed (at most
     * {@link IngestionReport#MAX_DETAILS}, each "facility device instant: cause"; the replay goes on).
     */
    public record Summary(IngestionReport ingestion, long evaluated, Set<String> facilities, List<String> evaluationFailures) {
    }

    private final SnapshotIngestion ingestion;
    private final CoverageEvaluation evaluation;

    public SeasonReplay(SnapshotIngestion ingestion, CoverageEvaluation evaluation) {
        this.ingestion = ingestion.onFeedClock();
        this.evaluation = evaluation;
    }

    /**
     * @param progress told how many of how many new snapshots have been evaluated, now and then
     */
    public Summary run(SnapshotIngestion.RowSource rows, Progress progress) throws IOException {
        List<Snapshot> fresh = new ArrayList<>();
        IngestionReport report = ingestion.ingest(rows, fresh::add);
        // a snapshot's timestamp orders the evaluation; ties by facility and device keep the replay repeatable
        fresh.sort(Comparator.comparing(Snapshot::timestamp).thenComparing(Snapshot::facilityId).thenComparing(Snapshot::deviceId));
        long done = 0;
        List<String> failures = new ArrayList<>();
        for (Snapshot s : fresh) {
            try {
                evaluation.evaluate(s);
            } catch (RuntimeException e) {
                // one snapshot the evaluation cannot take must not stop a season: it is named in the summary
                if (failures.size() < IngestionReport.MAX_DETAILS) {
                    failures.add(s.facilityId() + " " + s.deviceId() + " " + s.timestamp() + " : " + e);
                }
            }
            if (++done % 1000 == 0) {
                progress.evaluated(done, fresh.size());
            }
        }
        progress.evaluated(done, fresh.size());
        evaluation.publishPending();
        Set<String> facilities = new TreeSet<>();
        fresh.forEach(s -> facilities.add(s.facilityId()));
        return new Summary(report, done, facilities, List.copyOf(failures));
    }

    @FunctionalInterface
    public interface Progress {
        void evaluated(long done, long total);
    }
}
