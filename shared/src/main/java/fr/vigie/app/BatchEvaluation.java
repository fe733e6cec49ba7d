package fr.vigie.app;

import fr.vigie.domain.OutgoingEvent;
import fr.vigie.domain.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One batch of new snapshots through alerting, as the coverage-evaluator receives them from the
 * table's stream and as {@code ./vigie replay} and {@code demo} feed them: each snapshot evaluated in
 * order ({@link CoverageEvaluation}, which records events pending), stopping at the first that fails;
 * a level that holds reminded when due ({@link AlertReminders}); then what the batch recorded sent by
 * {@link AlertDispatch}, and the events earlier batches could not send retried. When silences are
 * watched ({@link #watchingSilence}), the evaluated snapshots also feed their facilities' reporting
 * rhythms, and a data return's closing STALE_DATA is sent with the batch's events. Sending and reminding
 * are best effort after recording: their failures leave events pending (logged), never the batch's.
 */
public final class BatchEvaluation {

    private static final Logger LOG = LoggerFactory.getLogger(BatchEvaluation.class);

    /**
     * What a batch did: outcomes counted, how many snapshots were evaluated before {@code failure}
     * (null when all were), the fresh events sent and the retry of older ones.
     */
    public record Report(Map<CoverageEvaluation.Outcome, Integer> outcomes, int evaluated, RuntimeException failure,
                         AlertDispatch.Report sent, AlertDispatch.Report retried, int reminded) {
    }

    private final CoverageEvaluation evaluation;
    private final AlertDispatch dispatch;
    private final AlertReminders reminders;
    /** Null when silences are not watched (the in-memory backtests). */
    private final SilenceWatch silence;

    public BatchEvaluation(CoverageEvaluation evaluation, AlertDispatch dispatch, AlertReminders reminders) {
        this(evaluation, dispatch, reminders, null);
    }

    private BatchEvaluation(CoverageEvaluation evaluation, AlertDispatch dispatch, AlertReminders reminders, SilenceWatch silence) {
        this.evaluation = evaluation;
        this.dispatch = dispatch;
        this.reminders = reminders;
        this.silence = silence;
    }

    /** The same pipeline, each batch's snapshots also fed to {@code watch} (closing the silences they end). */
    public BatchEvaluation watchingSilence(SilenceWatch watch) {
        return new BatchEvaluation(evaluation, dispatch, reminders, watch);
    }


    /**
     * @param snapshots the batch, in the order the stream delivers it
     * @param now       when the retries are due from: the wall clock in the function, the batch's snapshot time in a replay
     */
    public Report run(List<Snapshot> snapshots, Instant now) {
        Map<CoverageEvaluation.Outcome, Integer> outcomes = new EnumMap<>(CoverageEvaluation.Outcome.class);
        List<OutgoingEvent> recorded = new ArrayList<>();
        RuntimeException failure = null;
        int evaluated = 0;
        int reminded = 0;
        evaluation.startBatch();
        for (Snapshot snapshot : snapshots) {
            CoverageEvaluation.Evaluated result;
            try {
                result = evaluation.evaluate(snapshot);
            } catch (RuntimeException e) {
                failure = e;
                break;
            }
            evaluated++;
            outcomes.merge(result.outcome(), 1, Integer::sum);
            recorded.addAll(result.recorded());
            if (result.outcome() == CoverageEvaluation.Outcome.HELD && remind(snapshot, result)) {
                reminded++;
            }
        }
        if (silence != null) {
            // the rhythm of what was evaluated; a failure only delays it to the next batch, and is logged
            List<Snapshot> seen = snapshots.subList(0, evaluated);
            try {
                recorded.addAll(silence.observe(seen));
            } catch (RuntimeException e) {
                LOG.atWarn().addKeyValue("snapshots", seen.size()).addKeyValue("cause", e.toString()).log("silence_observe_failed");
            }
        }
        // the events are recorded (pending) before this: a failure here leaves them for a later batch's retry
        AlertDispatch.Report sent = bestEffort("alerts_send_failed", () -> dispatch.send(recorded));
        AlertDispatch.Report retried = bestEffort("alerts_retry_failed", () -> dispatch.retryPending(now));
        return new Report(Collections.unmodifiableMap(outcomes), evaluated, failure, sent, retried, reminded);
    }

    /** A reminder is best effort: its failure is logged and retried by the next snapshot, never the snapshot's failure. */
    private boolean remind(Snapshot snapshot, CoverageEvaluation.Evaluated today) {
        try {
            return reminders.consider(snapshot, today.assessment());
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("facilityId", snapshot.facilityId()).addKeyValue("deviceId", snapshot.deviceId())
                    .addKeyValue("cause", e.toString()).log("alert_reminder_failed");
            return false;
        }
    }

    private static AlertDispatch.Report bestEffort(String failure, java.util.function.Supplier<AlertDispatch.Report> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("cause", e.toString()).log(failure);
            return AlertDispatch.Report.NONE;
        }
    }
}
