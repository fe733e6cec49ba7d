package fr.vigie.local;

import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.feed.DocumentKind;
import fr.vigie.adapter.feed.FeedCsvReader;
import fr.vigie.adapter.feed.FeedFormatException;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.FeedRow;
import fr.vigie.domain.Snapshot;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Backtesting a replay against a past season's ground truth ({@code truth.json} beside the feed):
 * the four figures of the team's scorer (shared/tools/score.py), for Vigie's alerts beside the
 * burn-rate baseline public health uses today and a perfect-foresight oracle, so that anyone can
 * tune thresholds on a past season. Same definitions as the scorer, checked against it by a test.
 */
final class SeasonScore {

    record Figures(int crises, double recall7, double leadMedian, double falseRate, double msgs) {
    }

    private record Event(String series, int day, boolean opens) {
    }

    private record Series(String key, int[] demand, int[] onHand, List<Integer> stockouts, int warning, int critical) {
    }

    private final LocalDate start;
    private final int days;
    private final List<Series> series = new ArrayList<>();

    private SeasonScore(JsonNode truth) {
        start = LocalDate.parse(truth.get("start").asText());
        days = truth.get("days").asInt();
        for (JsonNode s : truth.get("series")) {
            List<Integer> outs = new ArrayList<>();
            s.get("stockoutDays").forEach(d -> outs.add(d.asInt()));
            series.add(new Series(s.get("facilityId").asText() + "#" + s.get("deviceId").asText(), ints(s.get("demand")),
                    ints(s.get("onHand")), outs, s.get("warningDays").asInt(), s.get("criticalDays").asInt()));
        }
    }

    /** @throws UsageException missing or not UTF-8 ({@link LocalFiles#readText}) */
    static SeasonScore read(Path truth) throws IOException, UsageException {
        return new SeasonScore(Json.MAPPER.readTree(LocalFiles.readText(truth, "vérité terrain", Long.MAX_VALUE, DocumentKind.Expected.JSON)));
    }

    /** Vigie's figures from an alerts file (facility alerts only; national notices are skipped). */
    Figures project(Path alerts) throws IOException {
        List<Event> events = new ArrayList<>();
        for (String line : Files.readAllLines(alerts, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode a = Json.MAPPER.readTree(line);
            String level = a.path("level").asText();
            if (!a.has("facilityId") || !Set.of("WARNING", "CRITICAL", "RECOVERED").contains(level)) {
                continue;
            }
            events.add(new Event(a.get("facilityId").asText() + "#" + a.get("deviceId").asText(),
                    day(a.get("at").asText()), !level.equals("RECOVERED")));
        }
        return figures(events);
    }

    /**
     * The CDC burn-rate method: on hand / mean use of the last 7 days, an alert whenever under a
     * threshold. The feed is read by the product's one reader ({@link FeedCsvReader}): rows it
     * refuses are skipped, as the scorer skips rows it cannot read.
     *
     * @throws FeedFormatException when the feed has no usable header
     */
    Figures baseline(Path feed, Map<String, int[]> thresholdsByDevice) throws IOException, FeedFormatException {
        Map<String, List<Snapshot>> rowsBySeries = new LinkedHashMap<>();
        try (FeedCsvReader reader = new FeedCsvReader(Files.newInputStream(feed), thresholdsByDevice::containsKey)) {
            for (FeedRow row = reader.next(); row != null; row = reader.next()) {
                if (row instanceof FeedRow.Accepted a) {
                    rowsBySeries.computeIfAbsent(a.snapshot().facilityId() + "#" + a.snapshot().deviceId(), k -> new ArrayList<>()).add(a.snapshot());
                }
            }
        }
        List<Event> events = new ArrayList<>();
        rowsBySeries.forEach((key, rows) -> {
            int[] t = thresholdsByDevice.get(key.substring(key.indexOf('#') + 1));
            List<double[]> history = new ArrayList<>();
            Set<Integer> seen = new HashSet<>();
            String level = null;
            for (Snapshot r : rows) {
                int day = (int) ChronoUnit.DAYS.between(start, LocalDate.ofInstant(r.timestamp(), ZoneOffset.UTC));
                if (!seen.add(day)) {
                    continue;
                }
                history.add(new double[]{day, r.consumed() == null ? 0 : r.consumed()});
                double recent = history.stream().filter(h -> h[0] > day - 7).mapToDouble(h -> h[1]).sum();
                double rate = recent / 7.0;
                double cover = rate > 0 ? r.onHand() / rate : Double.POSITIVE_INFINITY;
                String next = cover < t[1] ? "CRITICAL" : cover < t[0] ? "WARNING" : null;
                if (!java.util.Objects.equals(next, level)) {
                    events.add(new Event(key, day, next != null));
                    level = next;
                }
            }
        });
        return figures(events);
    }

    /** Perfect foresight: open exactly while the true next stock-out is at most warningDays away. */
    Figures oracle() {
        List<Event> events = new ArrayList<>();
        for (Series s : series) {
            String level = null;
            for (int d = 0; d < days; d++) {
                Integer next = null;
                for (int o : s.stockouts()) {
                    if (o > d) {
                        next = o - d;
                        break;
                    }
                }
                String now = next == null || next > s.warning() ? null : next <= s.critical() ? "CRITICAL" : "WARNING";
                if (!java.util.Objects.equals(now, level)) {
                    events.add(new Event(s.key(), d, now != null));
                    level = now;
                }
            }
        }
        return figures(events);
    }

    private Figures figures(List<Event> events) {
        Map<String, List<Event>> bySeries = new HashMap<>();
        events.forEach(e -> bySeries.computeIfAbsent(e.series(), k -> new ArrayList<>()).add(e));
        List<Integer> leads = new ArrayList<>();
        long alertDays = 0;
        long falseDays = 0;
        for (Series s : series) {
            boolean[] open = openDays(bySeries.getOrDefault(s.key(), List.of()));
            int last = -100;
            for (int so : s.stockouts()) {
                if (so - last >= 14) {
                    int lead = 0;
                    for (int d = so - 1; d >= 0 && open[d]; d--) {
                        lead++;
                    }
                    leads.add(Math.min(lead, 90));
                }
                last = so;
            }
            for (int d = 0; d < days; d++) {
                if (open[d]) {
                    alertDays++;
                    if (!atRisk(s, d)) {
                        falseDays++;
                    }
                }
            }
        }
        long withWeek = leads.stream().filter(l -> l >= 7).count();
        return new Figures(leads.size(), round((double) withWeek / Math.max(1, leads.size()), 3), median(leads),
                round((double) falseDays / Math.max(1, alertDays), 3), round((double) events.size() / Math.max(1, series.size()), 2));
    }

    private boolean[] openDays(List<Event> events) {
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(java.util.Comparator.comparingInt(Event::day));
        boolean[] open = new boolean[days];
        boolean state = false;
        int i = 0;
        for (int d = 0; d < days; d++) {
            while (i < sorted.size() && sorted.get(i).day() <= d) {
                state = sorted.get(i++).opens();
            }
            open[d] = state;
        }
        return open;
    }

    /** True when, in what actually happened next, stock fell under criticalDays of actual use within warningDays. */
    private static boolean atRisk(Series s, int d) {
        for (int k = d; k < Math.min(d + s.warning() + 1, s.onHand().length); k++) {
            int to = Math.min(k + 8, s.demand().length);
            double use = 0;
            if (to > k + 1) {
                for (int j = k + 1; j < to; j++) {
                    use += s.demand()[j];
                }
                use /= to - k - 1;
            }
            if (use > 0 && s.onHand()[k] < s.critical() * use) {
                return true;
            }
        }
        return false;
    }

    private int day(String timestamp) {
        return (int) ChronoUnit.DAYS.between(start, OffsetDateTime.parse(timestamp).toLocalDate());
    }

    private static double median(List<Integer> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Integer> v = new ArrayList<>(values);
        Collections.sort(v);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2.0;
    }

    /** Python's round(): half-even on the exact binary value, so the figures match the scorer's. */
    private static double round(double value, int places) {
        return new BigDecimal(value).setScale(places, RoundingMode.HALF_EVEN).doubleValue();
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }
}
