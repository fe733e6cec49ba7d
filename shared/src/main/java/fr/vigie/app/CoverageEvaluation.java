package fr.vigie.app;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.forecast.AlertState;
import fr.vigie.domain.forecast.Evaluation;
import fr.vigie.domain.forecast.SeriesEvaluator;
import fr.vigie.port.AlertPublisher;
import fr.vigie.port.AlertStore;
import fr.vigie.port.DisruptionStore;
import fr.vigie.port.SnapshotStore;
import fr.vigie.port.Watchlist;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The use case behind the coverage-evaluator function and {@code ./vigie}: a newly stored snapshot
 * is projected against its recent history, the alert level moves, and a change is recorded before
 * it is published (so an SNS failure leaves it pending, never lost). State is written only when it
 * changes, and a retried snapshot finds its event already recorded and sends nothing twice.
 */
public final class CoverageEvaluation {

    private static final Logger LOG = Logger.getLogger(CoverageEvaluation.class.getName());

    /** What evaluating one snapshot did. */
    public enum Outcome { SKIPPED_UNWATCHED, SKIPPED_LATE, HELD, CHANGED }

    private final Watchlist watchlist;
    private final SnapshotStore snapshots;
    private final AlertStore alerts;
    private final NationalSignals national;
    private final AlertPublisher publisher;
    private final SeriesEvaluator evaluator = new SeriesEvaluator();

    public CoverageEvaluation(Watchlist watchlist, SnapshotStore snapshots, AlertStore alerts,
                              DisruptionStore disruptions, AlertPublisher publisher) {
        this.watchlist = watchlist;
        this.snapshots = snapshots;
        this.alerts = alerts;
        this.national = new NationalSignals(disruptions);
        this.publisher = publisher;
    }

    public Outcome evaluate(Snapshot snapshot) {
        Optional<WatchlistEntry> entry = watchlist.entry(snapshot.deviceId());
        if (entry.isEmpty() || !entry.get().watchedOn(LocalDate.ofInstant(snapshot.timestamp(), ZoneOffset.UTC))) {
            return Outcome.SKIPPED_UNWATCHED;
        }
        SeriesKey series = snapshot.series();
        AlertState previous = alerts.state(series);
        if (previous.since() != null && !snapshot.timestamp().isAfter(previous.since())) {
            // a late row older than the last level change: kept in history, it cannot rewrite alerts already sent
            return Outcome.SKIPPED_LATE;
        }
        DisruptionStore.Versioned supply = national.read(snapshot.deviceId(), snapshot.facilityId());
        Evaluation evaluation = evaluator.evaluate(entry.get(),
                snapshots.history(series, snapshot.timestamp(), SeriesEvaluator.HISTORY_DAYS),
                previous, national.outlook(supply));
        Outcome outcome = Outcome.HELD;
        if (evaluation.event().isPresent()) {
            AlertEvent event = evaluation.event().get();
            if (alerts.recordTransition(event, evaluation.state())) {
                outcome = Outcome.CHANGED;
                publish(event, entry.get());
            }
        } else if (!evaluation.state().equals(previous)) {
            alerts.saveState(series, evaluation.state());
        }
        national.observe(supply, snapshot.facilityId(), evaluation.assessment()).ifPresent(publisher::publish);
        return outcome;
    }

    /** Sends the events still pending after a publishing failure; each is marked once sent. */
    public int publishPending() {
        int sent = 0;
        for (AlertEvent event : alerts.pending()) {
            Optional<WatchlistEntry> entry = watchlist.entry(event.deviceId());
            if (entry.isPresent() && publish(event, entry.get())) {
                sent++;
            }
        }
        return sent;
    }

    private boolean publish(AlertEvent event, WatchlistEntry entry) {
        try {
            publisher.publish(event, entry);
            alerts.markPublished(event);
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "alert_publish_failed alertId={0} pending=true cause={1}",
                    new Object[]{event.alertId(), e.toString()});
            return false;
        }
    }
}
