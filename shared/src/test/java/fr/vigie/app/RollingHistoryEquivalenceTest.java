package fr.vigie.app;

import fr.vigie.adapter.feed.FeedCsvReader;
import fr.vigie.adapter.memory.MemoryAlertStore;
import fr.vigie.adapter.memory.MemoryDisruptionStore;
import fr.vigie.adapter.memory.MemoryOutbox;
import fr.vigie.adapter.memory.MemorySnapshotStore;
import fr.vigie.adapter.memory.MemoryWatchlist;
import fr.vigie.domain.RetrySchedule;
import fr.vigie.port.AlertChannels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Issue 18: the evaluation from each series' rolling state (daily closes and today's polls) raises
 * exactly the alerts and national disruptions that re-reading the series' whole window raised, on
 * the three sample seasons. Kept while both paths exist.
 */
class RollingHistoryEquivalenceTest {

    @ParameterizedTest
    @ValueSource(strings = {"season-a", "season-b", "season-c"})
    void theRollingStateRaisesWhatTheWindowReadsRaised(String season) throws Exception {
        SampleSeason.Raised fromWindows = replay(season, true);
        SampleSeason.Raised fromState = replay(season, false);
        assertFalse(fromWindows.alerts().isEmpty());
        assertEquals(fromWindows.alerts(), fromState.alerts());
        assertEquals(fromWindows.disruptions(), fromState.disruptions());
    }

    private static SampleSeason.Raised replay(String season, boolean windowReads) throws Exception {
        MemoryWatchlist watchlist = MemoryWatchlist.of(SampleSeason.watchlist(season));
        SampleSeason.Raised raised = new SampleSeason.Raised(new java.util.ArrayList<>(), new java.util.ArrayList<>());
        AlertChannels capture = AlertChannels.eventsOnly(raised.alerts()::add, raised.disruptions()::add, n -> { });
        MemorySnapshotStore snapshots = new MemorySnapshotStore();
        MemoryOutbox outbox = new MemoryOutbox();
        CoverageEvaluation evaluation = windowReads
                ? CoverageEvaluation.readingWindows(watchlist, snapshots, new MemoryAlertStore(outbox), new MemoryDisruptionStore(outbox), null)
                : new CoverageEvaluation(watchlist, snapshots, new MemoryAlertStore(outbox), new MemoryDisruptionStore(outbox));
        SeasonReplay replay = new SeasonReplay(new SnapshotIngestion(snapshots), new BatchEvaluation(evaluation,
                new AlertDispatch(outbox, capture, watchlist, RetrySchedule.DEFAULT), AlertReminders.never()));
        try (InputStream feed = Files.newInputStream(SampleSeason.feed(season))) {
            FeedCsvReader reader = new FeedCsvReader(feed, watchlist::knows);
            replay.run(reader::next, (d, t) -> { });
        }
        return raised;
    }
}
