package fr.vigie.local.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vigie.domain.FeedRow;
import fr.vigie.adapter.feed.StockReportJson;
import fr.vigie.adapter.feed.WatchlistJson;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.WatchlistValidator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's resources and a whole simulated season reported every morning, shared by the tests. */
final class DemoSeason {

    static final LocalDate FIRST_DAY = LocalDate.of(2025, 9, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2026, 3, 31);

    private DemoSeason() {
    }

    static String resource(String path) {
        try (InputStream in = DemoSeason.class.getResourceAsStream(path)) {
            assertTrue(in != null, "missing resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<WatchlistEntry> devices() {
        WatchlistValidator.Result watchlist = WatchlistJson.parseList(resource("/demo/watchlist.json"));
        assertTrue(watchlist.valid(), () -> "demo watch-list invalid: " + watchlist.violations());
        return watchlist.entries();
    }

    static List<String> facilityIds() {
        try {
            List<String> ids = new ArrayList<>();
            for (JsonNode f : new ObjectMapper().readTree(resource("/demo/facilities.json"))) {
                ids.add(f.get("facilityId").asText());
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SeasonSimulator simulator(long seed) {
        return new SeasonSimulator(seed, devices(), facilityIds(), FIRST_DAY);
    }

    /** The morning report of a day's closing stock, as the demo polls it. */
    static Instant morningAfter(LocalDate day) {
        return day.plusDays(1).atTime(5, 0).toInstant(ZoneOffset.UTC);
    }

    /** Every facility's report after every day of the season, parsed by the production parser. */
    static List<Snapshot> dailySnapshots(SeasonSimulator sim) {
        List<String> known = devices().stream().map(WatchlistEntry::deviceId).toList();
        List<Snapshot> snapshots = new ArrayList<>();
        for (LocalDate day = FIRST_DAY; !day.isAfter(LAST_DAY); day = day.plusDays(1)) {
            sim.advanceTo(day);
            for (String facilityId : sim.facilityIds()) {
                List<FeedRow> rows = StockReportJson.parse(sim.report(facilityId, morningAfter(day)), known::contains);
                assertEquals(known.size(), rows.size());
                for (FeedRow row : rows) {
                    snapshots.add(assertInstanceOf(FeedRow.Accepted.class, row, () -> "rejected: " + row).snapshot());
                }
            }
        }
        return snapshots;
    }
}
