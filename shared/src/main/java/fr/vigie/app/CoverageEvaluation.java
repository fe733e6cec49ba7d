package fr.vigie.app;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.Region;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.forecast.AlertState;
import fr.vigie.domain.forecast.DisruptionDetector;
import fr.vigie.domain.forecast.DisruptionState;
import fr.vigie.domain.forecast.DisruptionStep;
import fr.vigie.domain.forecast.Evaluation;
import fr.vigie.domain.forecast.SeriesEvaluator;
import fr.vigie.domain.forecast.SupplyOutlook;
import fr.vigie.port.AlertPublisher;
import fr.vigie.port.AlertStore;
import fr.vigie.port.DisruptionStore;
import fr.vigie.port.NoticeStore;
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
    private final DisruptionStore disruptions;
    private final AlertPublisher publisher;
    private final NoticeStore notices;
    private final SeriesEvaluator evaluator = new SeriesEvaluator();
    private final DisruptionDetector detector = new DisruptionDetector();

    public CoverageEvaluation(Watchlist watchlist, SnapshotStore snapshots, AlertStore alerts,
                              DisruptionStore disruptions, AlertPublisher publisher) {
        this(watchlist, snapshots, alerts, disruptions, publisher, null);
    }

    /** @param notices the manufacturers' notices the projection takes in, each from its date ({@code null}: none) */
    public CoverageEvaluation(Watchlist watchlist, SnapshotStore snapshots, AlertStore alerts,
                              DisruptionStore disruptions, AlertPublisher publisher, NoticeStore notices) {
        this.notices = notices;
        this.watchlist = watchlist;
        this.snapshots = snapshots;
        this.alerts = alerts;
        this.disruptions = disruptions;
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
        DisruptionState national = disruptions.state(snapshot.deviceId());
        Evaluation evaluation = evaluator.evaluate(entry.get(),
                snapshots.history(series, snapshot.timestamp(), SeriesEvaluator.HISTORY_DAYS),
                previous, outlook(national, snapshot));
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
        observeSupply(national, snapshot, evaluation);
        return outcome;
    }

    /** The national disruption in force, and the notices in force on the snapshot's local day (never a later one). */
    private SupplyOutlook outlook(DisruptionState national, Snapshot snapshot) {
        SupplyOutlook outlook = detector.outlook(national);
        if (notices == null) {
            return outlook;
        }
        LocalDate day = LocalDate.ofInstant(snapshot.timestamp(),
                Region.fromFacilityId(snapshot.facilityId()).map(Region::zone).orElse(Region.PARIS));
        return outlook.withNotices(NoticeIntake.book(notices, day).pressure(snapshot.deviceId(), day));
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

    private void observeSupply(DisruptionState national, Snapshot snapshot, Evaluation evaluation) {
        DisruptionStep step = detector.observe(national, snapshot.facilityId(), evaluation.assessment());
        if (!step.state().equals(national)) {
            disruptions.saveState(snapshot.deviceId(), step.state());
        }
        if (step.event().isPresent()) {
            SupplyDisruptionEvent event = step.event().get();
            if (disruptions.recordEvent(event)) {
                publisher.publish(event);
            }
        }
    }
}
