package fr.vigie.app;

import fr.vigie.adapter.feed.EpidemicCsv;
import fr.vigie.adapter.feed.FeedCsvReader;
import fr.vigie.adapter.memory.MemoryEpidemicSignals;
import fr.vigie.adapter.memory.MemoryNoticeStore;
import fr.vigie.adapter.feed.NoticeJson;
import fr.vigie.port.NoticeStore;
import fr.vigie.port.EpidemicSignals;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;

/**
 * A season through the real ingestion and evaluation code on in-memory stores, for tuning the
 * forecast in seconds: {@code Backtest WATCHLIST FEED OUT.jsonl [--epidemic EPIDEMIC.csv] [--notices NOTICES.json]},
 * then score OUT with score.py; with an epidemic signal the use forecast is led by it (its rejected
 * rows printed), with notices the projection takes them in from their dates, as {@code ./vigie replay} does.
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
            MemoryEpidemicSignals epidemics = null;
            String epidemicFile = option(args, "--epidemic");
            if (epidemicFile != null) {
                EpidemicCsv.Result signal = EpidemicCsv.read(Files.readString(Path.of(epidemicFile)), LocalDate.now(ZoneOffset.UTC));
                signal.rejected().forEach(System.err::println);
                epidemics = new MemoryEpidemicSignals();
                epidemics.store(signal.weeks(), new EpidemicSignals.Author("backtest", "BACKTEST", Instant.now()));
            }
            MemoryNoticeStore notices = null;
            String noticesFile = option(args, "--notices");
            if (noticesFile != null) {
                notices = new MemoryNoticeStore();
                NoticeIntake.Outcome read = new NoticeIntake(watchlist, notices, null, null, null)
                        .record(NoticeJson.drafts(Files.readString(Path.of(noticesFile))), new NoticeStore.Author("backtest", "BACKTEST", Instant.now()));
                read.rejected().forEach(System.err::println);
            }
            SeasonReplay.Summary s = InMemoryAlerting.replay(watchlist, JsonLinesChannels.to(out), UnaryOperator.identity(), epidemics, notices)
                    .run(reader::next, (done, total) -> { });
            System.err.println("read=" + s.ingestion().read() + " stored=" + s.ingestion().stored()
                    + " rejected=" + s.ingestion().rejectedCount() + " evaluated=" + s.evaluated());
        }
    }

    private static String option(String[] args, String name) {
        for (int i = 3; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return null;
    }
}
