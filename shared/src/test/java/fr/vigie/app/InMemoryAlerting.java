package fr.vigie.app;

import fr.vigie.adapter.memory.MemoryAlertStore;
import fr.vigie.adapter.memory.MemoryDisruptionStore;
import fr.vigie.adapter.memory.MemoryOutbox;
import fr.vigie.adapter.memory.MemorySnapshotStore;
import fr.vigie.domain.RetrySchedule;
import fr.vigie.port.AlertChannels;
import fr.vigie.port.Watchlist;

/**
 * The replay use case on in-memory stores, the events sent by the outbox dispatcher to
 * {@code channels}: the same code as the function and {@code ./vigie replay}, for the backtest and
 * the sample-season tests, in seconds.
 */
final class InMemoryAlerting {

    private InMemoryAlerting() {
    }

    static SeasonReplay replay(Watchlist watchlist, AlertChannels channels) {
        MemorySnapshotStore snapshots = new MemorySnapshotStore();
        MemoryOutbox outbox = new MemoryOutbox();
        CoverageEvaluation evaluation = new CoverageEvaluation(watchlist, snapshots, new MemoryAlertStore(outbox),
                new MemoryDisruptionStore(outbox));
        return new SeasonReplay(new SnapshotIngestion(snapshots), new BatchEvaluation(evaluation,
                new AlertDispatch(outbox, channels, watchlist, RetrySchedule.DEFAULT), AlertReminders.never()));
    }
}
