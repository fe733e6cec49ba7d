package fr.vigie.app;

import fr.vigie.adapter.feed.FeedCsvReader;
import fr.vigie.adapter.feed.FeedFormatException;
import fr.vigie.domain.FeedRow;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.forecast.LevelMachine;
import fr.vigie.domain.forecast.SeriesEvaluator;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A daily feed re-sampled hourly, as the deployed functions poll: each row's use is spread evenly
 * over the hours since the series' previous row (whole units, the remainder on the hours where the
 * running total crosses a unit), and what the row received, ordered and was promised happens at one
 * hour, the first of the delivery's local day (the facility's zone): the date the previous row
 * promised when it falls after that row and by this one (the samples deliver on time on the promised
 * date and, after days the feed missed, report it with the next row), else the row's own day, the
 * day the daily feed dates it to. A day the daily feed missed stays missed: the hourly polls cover the
 * last {@link #POLLED_HOURS} hours before each row, and after a gap only the hours of the row's own
 * judging day ({@link LevelMachine#judgingDay}: none but the row at 06:00, the hour before it at
 * 07:00), the first of them carrying the use of the gap (and a delivery made in it).
 * {@code HourlyFeed SEASON_DIR OUT_DIR} writes OUT_DIR/feed.csv beside copies of the season's
 * watch-list and truth, to score with score.py.
 */
public final class HourlyFeed {

    /** Hours polled before each daily row: a day (more would invent polls on the days the feed missed). */
    static final int POLLED_HOURS = 24;

    private HourlyFeed() {
    }

    /** The snapshots of a daily feed, re-sampled hourly, series by series in time order. */
    public static List<Snapshot> resample(List<Snapshot> daily) {
        Map<SeriesKey, List<Snapshot>> bySeries = new LinkedHashMap<>();
        for (Snapshot s : daily) {
            bySeries.computeIfAbsent(s.series(), k -> new ArrayList<>()).add(s);
        }
        List<Snapshot> out = new ArrayList<>();
        for (List<Snapshot> series : bySeries.values()) {
            series.sort(Comparator.comparing(Snapshot::timestamp));
            Snapshot prev = series.get(0);
            out.add(prev);
            for (Snapshot cur : series.subList(1, series.size())) {
                if (cur.timestamp().isAfter(prev.timestamp())) {
                    hours(prev, cur, out);
                    prev = cur;
                }
            }
        }
        out.sort(Comparator.comparing(Snapshot::timestamp)); // stable: series order kept within an hour
        return out;
    }

    private static void hours(Snapshot prev, Snapshot cur, List<Snapshot> out) {
        int hours = (int) Math.max(1, Duration.between(prev.timestamp(), cur.timestamp()).toHours());
        long consumed = cur.consumed() == null ? Math.max(0, prev.onHand() + cur.receivedOrZero() - cur.onHand()) : cur.consumed();
        ZoneId zone = SeriesEvaluator.zoneOf(cur.facilityId());
        int firstHour = Math.max(1, hours - POLLED_HOURS + 1);
        if (hours > POLLED_HOURS) {
            // after days the feed missed, the poller is back within the row's own judging day: the judging days
            // the daily feed missed stay missed (polls from 24 hours before would judge the day before the row)
            Instant judgingStart = LevelMachine.judgingDay(cur.timestamp(), zone).atTime(LevelMachine.DAY_JUDGED_AT)
                    .atZone(zone).toInstant();
            firstHour = (int) Math.max(firstHour, Math.min(hours, (Duration.between(prev.timestamp(), judgingStart).toMinutes() + 59) / 60));
        }
        Instant dayStart = deliveryDay(prev, cur, zone).atStartOfDay(zone).toInstant();
        long hoursToDayStart = (Duration.between(prev.timestamp(), dayStart).toMinutes() + 59) / 60;
        int deliveryHour = (int) Math.min(hours, Math.max(firstHour, hoursToDayStart));
        long usedSoFar = 0;
        for (int k = firstHour; k <= hours; k++) {
            long used = Math.round((double) consumed * k / hours) - usedSoFar;
            usedSoFar += used;
            boolean delivered = k >= deliveryHour;
            Snapshot state = delivered ? cur : prev;
            long onHand = k == hours ? cur.onHand()
                    : Math.max(0, prev.onHand() + (delivered ? cur.receivedOrZero() : 0) - usedSoFar);
            out.add(new Snapshot(cur.facilityId(), cur.deviceId(), prev.timestamp().plus(Duration.ofHours(k)), onHand,
                    cur.consumed() == null ? null : used, k == deliveryHour ? cur.receivedOrZero() : 0L,
                    state.onOrder(), state.expectedDelivery()));
        }
    }

    /** The local day a row's delivery came: the promised date when the previous row's promise falls between the two rows. */
    private static LocalDate deliveryDay(Snapshot prev, Snapshot cur, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(cur.timestamp(), zone);
        LocalDate promised = prev.expectedDelivery();
        boolean promisedInGap = promised != null && promised.isAfter(LocalDate.ofInstant(prev.timestamp(), zone))
                && promised.isBefore(day);
        return cur.receivedOrZero() > 0 && promisedInGap ? promised : day;
    }

    static List<Snapshot> read(Path feed) throws IOException, FeedFormatException {
        List<Snapshot> rows = new ArrayList<>();
        try (InputStream in = Files.newInputStream(feed)) {
            FeedCsvReader reader = new FeedCsvReader(in, device -> true);
            for (FeedRow row = reader.next(); row != null; row = reader.next()) {
                if (row instanceof FeedRow.Accepted accepted) {
                    rows.add(accepted.snapshot());
                }
            }
        }
        return rows;
    }

    static void write(List<Snapshot> rows, Path feed) throws IOException {
        try (Writer w = Files.newBufferedWriter(feed, StandardCharsets.UTF_8)) {
            w.write(String.join(",", FeedCsvReader.COLUMNS) + "\n");
            for (Snapshot s : rows) {
                w.write(s.timestamp() + "," + s.facilityId() + "," + s.deviceId() + "," + s.onHand() + ","
                        + text(s.consumed()) + "," + text(s.received()) + "," + text(s.onOrder()) + ","
                        + text(s.expectedDelivery()) + "\n");
            }
        }
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    public static void main(String[] args) throws Exception {
        Path season = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        write(resample(read(season.resolve("feed.csv"))), out.resolve("feed.csv"));
        for (String file : List.of("watchlist.json", "truth.json")) {
            Files.copy(season.resolve(file), out.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
