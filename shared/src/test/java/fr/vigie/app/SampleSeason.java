package fr.vigie.app;

import fr.vigie.adapter.feed.FeedCsvReader;
import fr.vigie.adapter.feed.FeedFormatException;
import fr.vigie.adapter.feed.WatchlistJson;
import fr.vigie.adapter.memory.MemoryAlertStore;
import fr.vigie.adapter.memory.MemoryDisruptionStore;
import fr.vigie.adapter.memory.MemorySnapshotStore;
import fr.vigie.adapter.memory.MemoryWatchlist;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.port.AlertPublisher;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.WatchlistValidator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The public sample seasons in ../shared/samples, beside the checkout. */
final class SampleSeason {

    static final Path SAMPLES = fr.vigie.testkit.ProjectRoot.find().resolve("../shared/samples").normalize();

    private SampleSeason() {
    }

    static Path feed(String season) {
        return SAMPLES.resolve(season).resolve("feed.csv");
    }

    /** What a season raised through the real ingestion and evaluation code, on in-memory stores. */
    record Raised(List<AlertEvent> alerts, List<SupplyDisruptionEvent> disruptions) {
    }

    static Raised replay(String season) throws IOException, FeedFormatException {
        return replay(SAMPLES.resolve(season).resolve("watchlist.json"), feed(season));
    }

    /** What a feed raised against a watch-list, through the real ingestion and evaluation code, on in-memory stores. */
    static Raised replay(Path watchlistFile, Path feedFile) throws IOException, FeedFormatException {
        MemoryWatchlist watchlist = MemoryWatchlist.of(watchlist(watchlistFile));
        MemorySnapshotStore snapshots = new MemorySnapshotStore();
        Raised raised = new Raised(new ArrayList<>(), new ArrayList<>());
        AlertPublisher capture = new AlertPublisher() {
            @Override
            public void publish(AlertEvent event, WatchlistEntry device) {
                raised.alerts().add(event);
            }

            @Override
            public void publish(SupplyDisruptionEvent event) {
                raised.disruptions().add(event);
            }
        };
        CoverageEvaluation evaluation = new CoverageEvaluation(watchlist, snapshots, new MemoryAlertStore(),
                new MemoryDisruptionStore(), capture);
        try (InputStream feed = Files.newInputStream(feedFile)) {
            FeedCsvReader reader = new FeedCsvReader(feed, watchlist::knows);
            new SeasonReplay(new SnapshotIngestion(snapshots), evaluation).run(reader::next, (d, t) -> { });
        }
        return raised;
    }

    static List<WatchlistEntry> watchlist(String season) {
        return watchlist(SAMPLES.resolve(season).resolve("watchlist.json"));
    }

    static List<WatchlistEntry> watchlist(Path file) {
        try {
            WatchlistValidator.Result r = WatchlistJson.parseList(Files.readString(file));
            if (!r.valid()) {
                throw new IllegalStateException(r.violations().toString());
            }
            return r.entries();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
