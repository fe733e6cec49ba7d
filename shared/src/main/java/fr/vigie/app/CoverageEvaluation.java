package fr.vigie.app;

import fr.vigie.domain.LocalDays;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.OutgoingEvent;
import fr.vigie.domain.Region;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.epidemic.EpidemicWeek;
import fr.vigie.domain.forecast.AlertState;
import fr.vigie.domain.forecast.Assessment;
import fr.vigie.domain.forecast.EpidemicTrend;
import fr.vigie.domain.forecast.Evaluation;
import fr.vigie.domain.forecast.SeriesEvaluator;
import fr.vigie.domain.forecast.SupplyOutlook;
import fr.vigie.port.AlertStore;
import fr.vigie.port.DisruptionStore;
import fr.vigie.port.EpidemicSignals;
import fr.vigie.port.NoticeStore;
import fr.vigie.port.SnapshotStore;
import fr.vigie.port.Watchlist;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The use case behind the coverage-evaluator function and {@code ./vigie}: a newly stored snapshot
 * is projected against its recent history — its series' state (alert level and daily closes) read in
 * one item, today's readings from its facility's polls ({@link RollingHistory}) —, the alert level moves, and a change is recorded, pending
 * in the outbox, in one conditional write with the state it leads to. Nothing is sent here: the
 * caller hands what {@link #evaluate} recorded to {@link AlertDispatch}, so an SNS failure leaves an
 * event pending, never lost. State is written only when it changes, and a retried snapshot finds its
 * event already recorded and records nothing twice. A national supply disruption seen across
 * facilities is recorded the same way.
 */
public final class CoverageEvaluation {

    /** What evaluating one snapshot did. */
    public enum Outcome { SKIPPED_UNWATCHED, SKIPPED_LATE, HELD, CHANGED }

    /** The outcome and the events recorded (pending) by this evaluation, in the order they were recorded. */
    /** {@code assessment}: the projection of the snapshot evaluated (today's figures), null when it was skipped. */
    public record Evaluated(Outcome outcome, List<OutgoingEvent> recorded, Assessment assessment) {

        public Evaluated(Outcome outcome, List<OutgoingEvent> recorded) {
            this(outcome, recorded, null);
        }

        public Evaluated {
            recorded = List.copyOf(recorded);
        }
    }

    private final Watchlist watchlist;
    private final AlertStore alerts;
    private final NationalSignals national;
    private final NoticeStore notices;
    private final EpidemicSignals epidemics;
    private final SeriesEvaluator evaluator = new SeriesEvaluator();
    private final RollingHistory history;

    public CoverageEvaluation(Watchlist watchlist, SnapshotStore snapshots, AlertStore alerts, DisruptionStore disruptions) {
        this(watchlist, snapshots, alerts, disruptions, null);
    }

    /** @param notices the manufacturers' notices the projection takes in, each from its date ({@code null}: none) */
    public CoverageEvaluation(Watchlist watchlist, SnapshotStore snapshots, AlertStore alerts, DisruptionStore disruptions,
                              NoticeStore notices) {
        this(watchlist, snapshots, alerts, disruptions, notices, null);
    }

    /**
     * @param epidemics the weekly epidemic signal the use forecast is led by, each week from its
     *                  publication day, in the facility's region ({@code null}: none; the forecast is then exactly the one without it)
     */
    public CoverageEvaluation(Watchlist watchlist, SnapshotStore snapshots, AlertStore alerts, DisruptionStore disruptions,
                              NoticeStore notices, EpidemicSignals epidemics) {
        this.notices = notices;
        this.epidemics = epidemics;
        this.watchlist = watchlist;
        this.alerts = alerts;
        this.national = new NationalSignals(disruptions);
        this.history = new RollingHistory(snapshots, alerts);
    }

    /** A new batch begins: the national states kept from the last one are read again ({@link NationalSignals#forget}). */
    public void startBatch() {
        national.forget();
    }

    public Evaluated evaluate(Snapshot snapshot) {
        Optional<WatchlistEntry> entry = watchlist.entry(snapshot.deviceId());
        if (entry.isEmpty() || !entry.get().watchedOn(LocalDays.of(snapshot.timestamp(), ZoneOffset.UTC))) {
            return new Evaluated(Outcome.SKIPPED_UNWATCHED, List.of());
        }
        SeriesKey series = snapshot.series();
        AlertStore.SeriesState held = alerts.series(series);
        AlertState previous = held.alert();
        if (previous.since() != null && !snapshot.timestamp().isAfter(previous.since())) {
            // a late row older than the last level change: kept in history, it cannot rewrite alerts already sent
            return new Evaluated(Outcome.SKIPPED_LATE, List.of());
        }
        DisruptionStore.Versioned supply = national.read(snapshot.deviceId(), snapshot.facilityId());
        ZoneId zone = SeriesEvaluator.zoneOf(snapshot.facilityId());
        Evaluation evaluation = evaluator.evaluate(entry.get(),
                history.of(snapshot, held.closes()),
                previous, outlook(supply, snapshot), zone, epidemicTrend(entry.get(), snapshot, zone));
        Outcome outcome = Outcome.HELD;
        List<OutgoingEvent> recorded = new ArrayList<>(2);
        if (evaluation.event().isPresent()) {
            AlertEvent event = evaluation.event().get();
            if (alerts.recordTransition(event, evaluation.state())) {
                outcome = Outcome.CHANGED;
                recorded.add(event);
            }
        } else if (!evaluation.state().equals(previous)) {
            alerts.saveState(series, evaluation.state());
        }
        national.observe(supply, snapshot.facilityId(), evaluation.assessment()).ifPresent(recorded::add);
        return new Evaluated(outcome, recorded, evaluation.assessment());
    }

    /**
     * The epidemic signal's hint for a snapshot: the publications of its facility's region (the one
     * its identifier names, {@link Region#fromFacilityId}) for the device's epidemics, read as of the
     * snapshot's local day. {@link EpidemicTrend#NONE} without a signal or a region.
     */
    private EpidemicTrend epidemicTrend(WatchlistEntry entry, Snapshot snapshot, ZoneId zone) {
        Optional<Region> region = Region.fromFacilityId(snapshot.facilityId());
        if (epidemics == null || region.isEmpty()) {
            return EpidemicTrend.NONE;
        }
        List<EpidemicWeek> weeks = new ArrayList<>();
        entry.epidemics().forEach(e -> weeks.addAll(epidemics.of(region.get().code(), e)));
        return EpidemicTrend.read(weeks, LocalDays.of(snapshot.timestamp(), zone));
    }

    /** The national disruption in force, and the notices in force on the snapshot's local day (never a later one). */
    private SupplyOutlook outlook(DisruptionStore.Versioned supply, Snapshot snapshot) {
        SupplyOutlook outlook = national.outlook(supply);
        if (notices == null) {
            return outlook;
        }
        LocalDate day = LocalDays.of(snapshot.timestamp(),
                Region.fromFacilityId(snapshot.facilityId()).map(Region::zone).orElse(Region.PARIS));
        return outlook.withNotices(NoticeIntake.book(notices, day).pressure(snapshot.deviceId(), day));
    }
}
