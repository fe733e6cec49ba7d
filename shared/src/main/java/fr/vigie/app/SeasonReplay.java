package fr.vigie.app;

import fr.vigie.domain.Snapshot;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A whole feed through ingestion, then every newly stored snapshot through alerting in time order,
 * as the DynamoDB stream would deliver them to the coverage-evaluator: the snapshots of one
 * timestamp (one poll of the hospitals) form one batch ({@link BatchEvaluation}: evaluated, then its
 * alerts sent by the outbox dispatcher, digests and retries included). Time comes from the
 * snapshots, never the wall clock, so a past season replays to the same alerts: the ingestion runs
 * {@linkplain SnapshotIngestion#onFeedClock() on the feed's own clock}. After each batch, silent
 * facilities are checked at its timestamp ({@link SilenceCheck}), as the cloud's
 * hourly check does on the wall clock.
 */
public final class SeasonReplay {

    /**
     * The replay summary: the ingestion report, how many new snapshots were evaluated in how many
     * batches, what the batches sent of the events they recorded and what their retries sent, the
     * facilities of the snapshots stored, and the snapshots whose evaluation failed (at most
     * {@link IngestionReport#MAX_DETAILS}, each "facility device instant: cause"; the replay goes on).
     */
    public record Summary(IngestionReport ingestion, long evaluated, long batches, AlertDispatch.Report sent,
                          AlertDispatch.Report retried, Set<String> facilities, List<String> evaluationFailures) {
    }

    private final SnapshotIngestion ingestion;
    private final BatchEvaluation alerting;
    /** Null when silences are not checked (the in-memory backtests). */
    private final SilenceCheck silence;

    public SeasonReplay(SnapshotIngestion ingestion, BatchEvaluation alerting) {
        this(ingestion, alerting, null);
    }

    /** @param silence run after each batch at its timestamp, over the feed's facilities */
    public SeasonReplay(SnapshotIngestion ingestion, BatchEvaluation alerting, SilenceCheck silence) {
        this.ingestion = ingestion.onFeedClock();
        this.alerting = alerting;
        this.silence = silence;
    }

    /**
     * @param progress told how many of how many new snapshots have been evaluated, now and then
     */
    public Summary run(SnapshotIngestion.RowSource rows, Progress progress) throws IOException {
        return run(rows, progress, until -> { });
    }

    /**
     * @param clock told, before each batch is evaluated, that the replay's time reached its
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
        long batches = 0;
        long reported = 0;
        AlertDispatch.Report sent = AlertDispatch.Report.NONE;
        AlertDispatch.Report retried = AlertDispatch.Report.NONE;
        List<String> failures = new ArrayList<>();
        Set<String> facilities = facilities(fresh);
        for (int from = 0; from < fresh.size(); ) {
            int to = from + 1;
            while (to < fresh.size() && fresh.get(to).timestamp().equals(fresh.get(from).timestamp())) {
                to++;
            }
            clock.accept(fresh.get(from).timestamp());
            BatchEvaluation.Report batch = alerting.run(fresh.subList(from, to), fresh.get(from).timestamp());
            batches++;
            done += batch.evaluated();
            // silence is judged on the feed's clock, once the poll's snapshots are in: what did not come by now
            sent = sent.plus(batch.sent());
            if (silence != null) {
                sent = sent.plus(silence.run(fresh.get(from).timestamp(), facilities).sent());
            }
            retried = retried.plus(batch.retried());
            if (batch.failure() != null) {
                // one snapshot the evaluation cannot take must not stop a season: named in the summary, the batch goes on after it
                Snapshot failed = fresh.get(from + batch.evaluated());
                if (failures.size() < IngestionReport.MAX_DETAILS) {
                    failures.add(failed.facilityId() + " " + failed.deviceId() + " " + failed.timestamp() + " : " + batch.failure());
                }
                done++;
                to = from + batch.evaluated() + 1;
            }
            if (done / 1000 > reported / 1000) {
                progress.evaluated(done, fresh.size());
                reported = done;
            }
            from = to;
        }
        progress.evaluated(done, fresh.size());
        // the store may still be writing what the ingestion stored (off this thread): the run ends when it is written, or fails
        ingestion.awaitWrites();
        clock.accept(Instant.MAX);
        return new Summary(report, done, batches, sent, retried, facilities, List.copyOf(failures));
    }

    private static Set<String> facilities(List<Snapshot> stored) {
        Set<String> facilities = new TreeSet<>();
        stored.forEach(s -> facilities.add(s.facilityId()));
        return facilities;
    }

    @FunctionalInterface
    public interface Progress {
        void evaluated(long done, long total);
    }
}
