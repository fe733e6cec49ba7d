package fr.vigie.app;

import fr.vigie.adapter.memory.MemoryAlertStore;
import fr.vigie.adapter.memory.MemoryDisruptionStore;
import fr.vigie.adapter.memory.MemoryOutbox;
import fr.vigie.adapter.memory.MemorySnapshotStore;
import fr.vigie.domain.RetrySchedule;
import fr.vigie.port.AlertChannels;
import fr.vigie.port.EpidemicSignals;
import fr.vigie.port.NoticeStore;
import fr.vigie.port.Watchlist;

import java.util.function.UnaryOperator;

/**
 * The replay use case on in-memory stores, the events sent by the outbox dispatcher to
 * {@code channels}: the same code as the function and {@code ./vigie replay}, for the backtest and
 * the sample-season tests, in seconds.
 */
final class InMemoryAlerting {

    private InMemoryAlerting() {
    }

    static SeasonReplay replay(Watchlist watchlist, AlertChannels channels) {
        return replay(watchlist, channels, UnaryOperator.identity());
    }

    /** The same, the ingestion set up by {@code ingestion} (its admission window and clock). */
    static SeasonReplay replay(Watchlist watchlist, AlertChannels channels, UnaryOperator<SnapshotIngestion> ingestion) {
        return replay(watchlist, channels, ingestion, null);
    }

    /** The same, the use forecast led by {@code epidemics} ({@code null}: no epidemic signal). */
    static SeasonReplay replay(Watchlist watchlist, AlertChannels channels, UnaryOperator<SnapshotIngestion> ingestion,
                               EpidemicSignals epidemics) {
        return replay(watchlist, channels, ingestion, epidemics, null);
    }

    /**
     * The same, the projection taking in the manufacturers' notices of {@code notices} ({@code null}: none), each
     * from its publication day as the evaluation reads them (the operators' announcements are not made).
     */
    static SeasonReplay replay(Watchlist watchlist, AlertChannels channels, UnaryOperator<SnapshotIngestion> ingestion,
                               EpidemicSignals epidemics, NoticeStore notices) {
        MemorySnapshotStore snapshots = new MemorySnapshotStore();
        MemoryOutbox outbox = new MemoryOutbox();
        CoverageEvaluation evaluation = new CoverageEvaluation(watchlist, snapshots, new MemoryAlertStore(outbox),
                new MemoryDisruptionStore(outbox), notices, epidemics);
        return new SeasonReplay(ingestion.apply(new SnapshotIngestion(snapshots)), new BatchEvaluation(evaluation,
                new AlertDispatch(outbox, channels, watchlist, RetrySchedule.DEFAULT), AlertReminders.never()));
    }
}
