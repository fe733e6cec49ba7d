package fr.vigie.app;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.forecast.LevelMachine;
import fr.vigie.domain.forecast.SeriesEvaluator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 19: a sample season polled hourly ({@link HourlyFeed#resample}: each day's use spread over
 * its hours, deliveries at the start of their local day, missed judging days kept missed) raises, through the real ingestion and evaluation code, the alerts of the same season
 * reported daily, series by series, on the same local days (± 1):
 * <ul>
 * <li>every event of the daily feed has one of the same level within a local day by hour, and on
 * every day an alert is open by day one is open by hour that day, the day before or the day after;</li>
 * <li>the other way round, every event by hour has its daily twin within a day;</li>
 * <li>the number of events is the daily feed's;</li>
 * <li>every event by hour is told at the poll of {@link LevelMachine#DAY_JUDGED_AT}, the morning, on the
 * stock the daily report of that hour reads, not at midnight.</li>
 * </ul>
 * Two of season-a's facilities (14 series, 240 days, about 80,000 hourly snapshots), to keep the
 * suite's time; the whole season is scored in docs/forecasting.md ("Hourly vs daily").
 */
class HourlyPollingEquivalenceTest {

    private static final Set<String> FACILITIES = Set.of("CHU-NAQ-06", "CH-IDF-07");
    /**
     * Events by hour allowed without a daily twin (and events more or fewer in all): none since a day
     * is read from one morning's poll to the next ({@code DailyCloses}, sixth pass); with midnight closes
     * one alert opened and closed by hour only (an order's fill read 17 hours after the daily row).
     */
    private static final int UNTWINNED_HOURLY = 0;

    @Test
    void aSampleSeasonPolledHourlyRaisesTheDailyAlertsOnTheSameDays(@TempDir Path dir) throws Exception {
        List<Snapshot> daily = HourlyFeed.read(SampleSeason.feed("season-a")).stream()
                .filter(s -> FACILITIES.contains(s.facilityId())).toList();
        Path dailyFeed = dir.resolve("daily.csv");
        Path hourlyFeed = dir.resolve("hourly.csv");
        HourlyFeed.write(daily, dailyFeed);
        HourlyFeed.write(HourlyFeed.resample(daily), hourlyFeed);
        Path watchlist = SampleSeason.SAMPLES.resolve("season-a/watchlist.json");

        List<AlertEvent> dailyAlerts = SampleSeason.replay(watchlist, dailyFeed).alerts();
        List<AlertEvent> hourlyAlerts = SampleSeason.replay(watchlist, hourlyFeed).alerts();
        Map<SeriesKey, NavigableMap<LocalDate, AlertLevel>> byDay = levelsAtDayEnd(dailyAlerts);
        Map<SeriesKey, NavigableMap<LocalDate, AlertLevel>> byHour = levelsAtDayEnd(hourlyAlerts);

        assertFalse(byDay.isEmpty(), "the daily feed raises alerts on these facilities");
        Set<SeriesKey> series = new TreeSet<>(Comparator.comparing(SeriesKey::toString));
        series.addAll(byDay.keySet());
        series.addAll(byHour.keySet());
        List<String> apart = new ArrayList<>();
        List<String> untwinned = new ArrayList<>();
        List<String> told = new ArrayList<>();
        LocalDate first = daily.get(0).timestamp().atZone(ZoneId.of("UTC")).toLocalDate();
        LocalDate last = daily.get(daily.size() - 1).timestamp().atZone(ZoneId.of("UTC")).toLocalDate();
        for (SeriesKey key : series) {
            List<AlertEvent> ofDay = of(dailyAlerts, key);
            List<AlertEvent> ofHour = of(hourlyAlerts, key);
            for (AlertEvent e : ofDay) {
                if (!twinned(e, ofHour)) {
                    apart.add(key + " " + dayOf(e) + ": " + e.level() + " by day, none within a day by hour");
                }
            }
            for (AlertEvent e : ofHour) {
                if (!twinned(e, ofDay)) {
                    untwinned.add(key + " " + dayOf(e) + ": " + e.level() + " by hour, none within a day by day");
                }
            }
            for (LocalDate day = first.plusDays(1); day.isBefore(last); day = day.plusDays(1)) {
                if (levelOn(byDay, key, day).isOpen() && !levelOn(byHour, key, day.minusDays(1)).isOpen()
                        && !levelOn(byHour, key, day).isOpen() && !levelOn(byHour, key, day.plusDays(1)).isOpen()) {
                    apart.add(key + " " + day + ": open by day, closed within a day by hour");
                }
            }
            if (ofDay.size() != ofHour.size() || apart.stream().anyMatch(a -> a.startsWith(key.toString()))) {
                told.add(key + "\n  by day: " + told(ofDay) + "\n  by hour: " + told(ofHour));
            }
        }
        String detail = String.join("\n", apart) + "\n" + String.join("\n", untwinned) + "\n" + String.join("\n", told);
        assertTrue(apart.isEmpty(), () -> apart.size() + " series-days apart by more than a day:\n" + detail);
        assertTrue(untwinned.size() <= UNTWINNED_HOURLY, () -> untwinned.size() + " events by hour without a daily twin:\n" + detail);
        assertTrue(Math.abs(hourlyAlerts.size() - dailyAlerts.size()) <= UNTWINNED_HOURLY,
                () -> hourlyAlerts.size() + " events by hour against " + dailyAlerts.size() + " by day:\n" + detail);
        ZoneId paris = SeriesEvaluator.zoneOf("CHU-NAQ-06");
        assertTrue(hourlyAlerts.stream().allMatch(e -> e.at().atZone(paris).toLocalTime().equals(LevelMachine.DAY_JUDGED_AT)),
                () -> "events by hour at " + hourlyAlerts.stream().map(e -> e.at().atZone(paris).toLocalTime()).distinct().toList());
    }

    /** An event of the same level in {@code others} within a local day. */
    private static boolean twinned(AlertEvent e, List<AlertEvent> others) {
        return others.stream().anyMatch(o -> o.level() == e.level() && Math.abs(ChronoUnit.DAYS.between(dayOf(e), dayOf(o))) <= 1);
    }

    private static List<AlertEvent> of(List<AlertEvent> events, SeriesKey key) {
        return events.stream().filter(e -> new SeriesKey(e.facilityId(), e.deviceId()).equals(key)).toList();
    }

    private static LocalDate dayOf(AlertEvent e) {
        return e.at().atZone(SeriesEvaluator.zoneOf(e.facilityId())).toLocalDate();
    }

    /** A series' events as they read in a failure: time, level, coverage, on hand, use, reasons. */
    private static List<String> told(List<AlertEvent> events) {
        return events.stream()
                .map(e -> e.at() + " " + e.level() + " " + e.coverageDays() + "d " + e.onHand() + " " + e.dailyUseForecast() + " " + e.reasons())
                .toList();
    }

    /** Per series, the level open at the end of each local day on which it changed (NONE once closed). */
    private static Map<SeriesKey, NavigableMap<LocalDate, AlertLevel>> levelsAtDayEnd(List<AlertEvent> events) {
        Map<SeriesKey, NavigableMap<LocalDate, AlertLevel>> out = new HashMap<>();
        for (AlertEvent e : events) {
            LocalDate day = dayOf(e);
            out.computeIfAbsent(new SeriesKey(e.facilityId(), e.deviceId()), k -> new TreeMap<>())
                    .put(day, e.level().isOpen() ? e.level() : AlertLevel.NONE);
        }
        return out;
    }

    private static AlertLevel levelOn(Map<SeriesKey, NavigableMap<LocalDate, AlertLevel>> levels, SeriesKey key, LocalDate day) {
        NavigableMap<LocalDate, AlertLevel> changes = levels.get(key);
        if (changes == null) {
            return AlertLevel.NONE;
        }
        Map.Entry<LocalDate, AlertLevel> e = changes.floorEntry(day);
        return e == null ? AlertLevel.NONE : e.getValue();
    }
}
