package fr.vigie.app;

import fr.vigie.adapter.feed.FeedCsvReader;
import fr.vigie.adapter.feed.FeedFormatException;
import fr.vigie.adapter.feed.WatchlistJson;
import fr.vigie.adapter.memory.MemoryWatchlist;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.port.AlertChannels;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.WatchlistValidator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The public sample seasons in ../shared/samples, beside the checkout (CI always has it there). The
 * backtest and every test built on it fail, never skip, when they are missing.
 */
final class SampleSeason {

    static final Path SAMPLES = samplesBeside(fr.vigie.testkit.ProjectRoot.find());

    private SampleSeason() {
    }

    /** The samples folder beside the checkout {@code root}; an AssertionError (a failure, not a skip) when it is not there. */
    static Path samplesBeside(Path root) {
        Path samples = root.resolve("../shared/samples").normalize();
        if (!Files.isDirectory(samples)) {
            throw new AssertionError("the sample seasons are missing: " + samples + " (the shared folder must sit beside the checkout,"
                    + " as in CI); the backtest fails rather than skip");
        }
        return samples;
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
        Raised raised = new Raised(new ArrayList<>(), new ArrayList<>());
        AlertChannels capture = AlertChannels.eventsOnly(raised.alerts()::add, raised.disruptions()::add, n -> { }, s -> { });
        try (InputStream feed = Files.newInputStream(feedFile)) {
            FeedCsvReader reader = new FeedCsvReader(feed, watchlist::knows);
            InMemoryAlerting.replay(watchlist, capture).run(reader::next, (d, t) -> { });
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
