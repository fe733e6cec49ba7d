package fr.vigie.app;

import fr.vigie.adapter.feed.WatchlistJson;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.WatchlistValidator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The public sample seasons in ../shared/samples, beside the checkout. */
final class SampleSeason {

    static final Path SAMPLES = fr.vigie.testkit.ProjectRoot.find().resolve("../shared/samples").normalize();

    private SampleSeason() {
    }

    static Path feed(String season) {
        return SAMPLES.resolve(season).resolve("feed.csv");
    }

    static List<WatchlistEntry> watchlist(String season) {
        try {
            WatchlistValidator.Result r = WatchlistJson.parseList(Files.readString(SAMPLES.resolve(season).resolve("watchlist.json")));
            if (!r.valid()) {
                throw new IllegalStateException(r.violations().toString());
            }
            return r.entries();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
