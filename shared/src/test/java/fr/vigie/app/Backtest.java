package fr.vigie.app;

import fr.vigie.adapter.feed.FeedCsvReader;
import fr.vigie.adapter.feed.JsonLinesChannels;
import fr.vigie.adapter.feed.WatchlistJson;
import fr.vigie.domain.WatchlistValidator;
import fr.vigie.adapter.memory.MemoryWatchlist;
import fr.vigie.port.Watchlist;

import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A season through the real ingestion and evaluation code on in-memory stores, for tuning the
 * forecast in seconds: {@code Backtest WATCHLIST FEED OUT.jsonl}, then score OUT with score.py.
 */
public final class Backtest {

    public static void main(String[] args) throws Exception {
        WatchlistValidator.Result list = WatchlistJson.parseList(Files.readString(Path.of(args[0])));
        if (!list.valid()) {
            throw new IllegalArgumentException(list.violations().toString());
        }
        Watchlist watchlist = MemoryWatchlist.of(list.entries());
        try (InputStream feed = Files.newInputStream(Path.of(args[1]));
             Writer out = Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8)) {
            FeedCsvReader reader = new FeedCsvReader(feed, watchlist::knows);
            SeasonReplay.Summary s = InMemoryAlerting.replay(watchlist, JsonLinesChannels.to(out)).run(reader::next, (done, total) -> { });
            System.err.println("read=" + s.ingestion().read() + " stored=" + s.ingestion().stored()
                    + " rejected=" + s.ingestion().rejectedCount() + " evaluated=" + s.evaluated());
        }
    }
}
