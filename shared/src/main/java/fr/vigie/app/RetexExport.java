package fr.vigie.app;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.Facility;
import fr.vigie.domain.Region;
import fr.vigie.domain.Season;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.retex.DailyCoverage;
import fr.vigie.domain.retex.ReviewTotals;
import fr.vigie.domain.retex.SeasonOverview;
import fr.vigie.domain.retex.SeriesReview;
import fr.vigie.port.ReviewOutput;
import fr.vigie.port.ReviewOutput.Table;
import fr.vigie.port.SeasonArchive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The RETEX of a season (docs/retex.md): every series of the registry (facility x watch-list device)
 * read by key range, its snapshots and alert events written out as they are read, its counters
 * summed per device and per region, and the report drawn from the per-day curves. Memory holds one
 * series' recent days, the curves and the totals, never the season's snapshots. Used by
 * {@code ./vigie retex} and the retex-export function, each with its own {@link ReviewOutput}.
 */
public final class RetexExport {

    public static final String SNAPSHOTS = "snapshots.csv";
    public static final String ALERTS = "alerts.csv";
    public static final String SUMMARY = "summary.csv";
    public static final String SUMMARY_DEVICES = "summary-devices.csv";
    public static final String SUMMARY_REGIONS = "summary-regions.csv";
    /** Rows of the report's table of most affected series; summary.csv has them all. */
    static final int MOST_AFFECTED = 40;

    private static final String[] SNAPSHOT_COLUMNS = {"timestamp", "facility_id", "device_id", "on_hand", "consumed",
            "received", "on_order", "expected_delivery", "region", "region_name"};
    private static final String[] ALERT_COLUMNS = {"type", "at", "device_id", "facility_id", "region", "level",
            "previous_level", "coverage_days", "projected_stockout", "on_hand", "daily_use_forecast", "reasons", "alert_id",
            "disruption_id", "status", "first_seen", "kind", "facilities", "typical_delay_days", "delivered_fraction"};
    private static final String[] SERIES_COLUMNS = {"facility_id", "facility_name", "region", "region_name", "device_id", "device_name",
            "warning_days", "critical_days", "snapshots", "min_coverage_days", "days_under_warning", "days_under_critical",
            "stockout_days", "stockouts", "stockouts_without_alert", "alerts_sent", "stockout_leads_days"};
    private static final String[] TOTALS_COLUMNS = {"device_id", "device_name", "warning_days", "critical_days",
            "facilities", "facilities_with_stockout", "snapshots", "min_coverage_days", "area_min_coverage_days",
            "days_under_warning", "days_under_critical", "stockout_days", "stockouts", "stockouts_without_alert",
            "alerts_sent", "lead_mean_days", "lead_min_days"};
    private static final Comparator<SeriesReview> LEAST_AFFECTED_FIRST = Comparator.comparingInt(SeriesReview::stockoutDays)
            .thenComparingInt(SeriesReview::daysUnderCritical).thenComparingInt(SeriesReview::daysUnderWarning);

    /** What was exported; {@code facilities} or {@code devices} 0 means nothing was registered, and nothing written. */
    public record Result(int facilities, int devices, long snapshots, long alertEvents, long disruptionEvents) {
        public boolean empty() {
            return facilities == 0 || devices == 0;
        }
    }

    /** Told how many of how many series have been exported, after each one. */
    @FunctionalInterface
    public interface Progress {
        void exported(long series, long total);
    }

    private final SeasonArchive archive;

    public RetexExport(SeasonArchive archive) {
        this.archive = archive;
    }

    public Result export(Season season, ReviewOutput files, Progress progress) throws IOException {
        List<Facility> facilities = archive.facilities().stream().sorted(Comparator.comparing(Facility::facilityId)).toList();
        List<WatchlistEntry> devices = archive.devices().stream().sorted(Comparator.comparing(WatchlistEntry::deviceId)).toList();
        if (facilities.isEmpty() || devices.isEmpty()) {
            return new Result(facilities.size(), devices.size(), 0, 0, 0);
        }
        Run run = new Run(season, facilities, devices);
        try (Table snapshots = files.table(SNAPSHOTS, SNAPSHOT_COLUMNS);
             Table alerts = files.table(ALERTS, ALERT_COLUMNS);
             Table summary = files.table(SUMMARY, SERIES_COLUMNS)) {
            long total = (long) facilities.size() * devices.size();
            long done = 0;
            for (WatchlistEntry device : devices) {
                for (Facility facility : facilities) {
                    run.exportSeries(facility, device, snapshots, alerts, summary);
                    progress.exported(++done, total);
                }
            }
            for (WatchlistEntry device : devices) {
                run.exportDisruptions(device, alerts);
            }
        }
        writeDeviceTotals(files, run.national, devices);
        writeRegionTotals(files, run.regional, devices);
        SeasonOverview overview = run.overview();
        files.report(overview);
        long disruptionEvents = run.disruptions.values().stream().mapToLong(List::size).sum();
        return new Result(facilities.size(), devices.size(), overview.snapshots(), overview.alertEvents(), disruptionEvents);
    }

    /** The state of one export while the series stream through. */
    private final class Run {
        final Season season;
        final List<WatchlistEntry> devices;
        final Map<String, Facility> facilities;
        final Map<String, ReviewTotals> national = new LinkedHashMap<>();
        final Map<String, Map<String, ReviewTotals>> regional = new TreeMap<>();
        final Map<String, List<SupplyDisruptionEvent>> disruptions = new LinkedHashMap<>();
        final PriorityQueue<SeriesReview> mostAffected = new PriorityQueue<>(LEAST_AFFECTED_FIRST);
        final Set<String> reporting = new HashSet<>();
        int firstDay = Integer.MAX_VALUE;
        int lastDay = Integer.MIN_VALUE;
        long snapshotRows;
        long alertEvents;

        Run(Season season, List<Facility> facilities, List<WatchlistEntry> devices) {
            this.season = season;
            this.devices = devices;
            this.facilities = facilities.stream().collect(Collectors.toMap(Facility::facilityId, Function.identity(),
                    (a, b) -> a, LinkedHashMap::new));
            for (WatchlistEntry d : devices) {
                national.put(d.deviceId(), new ReviewTotals(new DailyCoverage(season.length())));
                for (Facility f : facilities) {
                    regional.computeIfAbsent(regionKey(f), r -> new LinkedHashMap<>())
                            .computeIfAbsent(d.deviceId(), id -> new ReviewTotals(new DailyCoverage(season.length())));
                }
            }
        }

        void exportSeries(Facility facility, WatchlistEntry device, Table snapshots, Table alerts, Table summary) throws IOException {
            SeriesKey series = new SeriesKey(facility.facilityId(), device.deviceId());
            String region = facility.region();
            String regionName = Region.labelOf(region);
            ReviewTotals nation = national.get(device.deviceId());
            ReviewTotals area = regional.get(regionKey(facility)).get(device.deviceId());
            List<AlertEvent> events = archive.alertEvents(series, season.from(), season.to());
            alertEvents += events.size();
            for (AlertEvent e : events) {
                alerts.row("ALERT", e.at(), e.deviceId(), e.facilityId(), region, e.level(), e.previousLevel(), e.coverageDays(),
                        e.projectedStockout(), e.onHand(), e.dailyUseForecast(), e.reasons(), e.alertId(),
                        null, null, null, null, null, null, null);
            }
            SeriesReview review = new SeriesReview(series, device.thresholds(), season, events, List.of(nation.curve(), area.curve()));
            try {
                archive.snapshots(series, season.from(), season.to(), s -> {
                    writeSnapshot(snapshots, s, region, regionName);
                    review.add(s);
                    int day = season.dayIndex(s.timestamp());
                    firstDay = Math.min(firstDay, day);
                    lastDay = Math.max(lastDay, day);
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            review.finish();
            snapshotRows += review.snapshots();
            if (review.snapshots() > 0) {
                reporting.add(facility.facilityId());
            }
            if (review.snapshots() == 0 && review.alertsSent() == 0) {
                return;
            }
            summary.row(facility.facilityId(), facility.name(), region, regionName, device.deviceId(), device.name(),
                    device.thresholds().warningDays(), device.thresholds().criticalDays(), review.snapshots(),
                    review.minCoverage(), review.daysUnderWarning(), review.daysUnderCritical(), review.stockoutDays(),
                    review.stockouts(), review.stockoutsWithoutAlert(), review.alertsSent(), review.leads());
            nation.add(review);
            area.add(review);
            keepIfMostAffected(review);
        }

        void exportDisruptions(WatchlistEntry device, Table alerts) throws IOException {
            List<SupplyDisruptionEvent> events = archive.disruptionEvents(device.deviceId(), season.from(), season.to());
            for (SupplyDisruptionEvent e : events) {
                alerts.row(SupplyDisruptionEvent.TYPE, e.at(), e.deviceId(), null, null, null, null, null, null, null, null,
                        null, null, e.disruptionId(), e.status(), e.firstSeen(), e.kind(), e.facilities(),
                        e.typicalDelayDays(), e.deliveredFraction());
            }
            disruptions.put(device.deviceId(), events);
        }

        private void writeSnapshot(Table table, Snapshot s, String region, String regionName) {
            try {
                table.row(s.timestamp(), s.facilityId(), s.deviceId(), s.onHand(), s.consumed(), s.received(), s.onOrder(),
                        s.expectedDelivery(), region, regionName);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void keepIfMostAffected(SeriesReview review) {
            if (review.stockoutDays() == 0 && review.daysUnderWarning() == 0) {
                return;
            }
            mostAffected.add(review);
            if (mostAffected.size() > MOST_AFFECTED) {
                mostAffected.poll();
            }
        }

        SeasonOverview overview() {
            List<SeriesReview> worst = new ArrayList<>(mostAffected);
            worst.sort(LEAST_AFFECTED_FIRST.reversed());
            boolean any = firstDay <= lastDay;
            return new SeasonOverview(season, any ? firstDay : 0, any ? lastDay : season.length() - 1, devices, national,
                    regional, disruptions, worst, facilities, reporting.size(), snapshotRows, alertEvents);
        }
    }

    private static String regionKey(Facility f) {
        return Objects.requireNonNullElse(f.region(), "");
    }

    private static void writeDeviceTotals(ReviewOutput files, Map<String, ReviewTotals> national, List<WatchlistEntry> devices)
            throws IOException {
        try (Table table = files.table(SUMMARY_DEVICES, TOTALS_COLUMNS)) {
            for (WatchlistEntry d : devices) {
                table.row(totals(List.of(), d, national.get(d.deviceId())));
            }
        }
    }

    private static void writeRegionTotals(ReviewOutput files, Map<String, Map<String, ReviewTotals>> regional,
                                          List<WatchlistEntry> devices) throws IOException {
        List<String> columns = new ArrayList<>(List.of("region", "region_name"));
        columns.addAll(List.of(TOTALS_COLUMNS));
        try (Table table = files.table(SUMMARY_REGIONS, columns.toArray(String[]::new))) {
            for (Map.Entry<String, Map<String, ReviewTotals>> region : regional.entrySet()) {
                String code = region.getKey().isEmpty() ? null : region.getKey();
                for (WatchlistEntry d : devices) {
                    table.row(totals(Arrays.asList(code, Region.labelOf(code)), d, region.getValue().get(d.deviceId())));
                }
            }
        }
    }

    private static Object[] totals(List<Object> prefix, WatchlistEntry d, ReviewTotals t) {
        List<Object> cells = new ArrayList<>(prefix);
        cells.addAll(List.of(d.deviceId(), d.name(), d.thresholds().warningDays(), d.thresholds().criticalDays(),
                t.facilities(), t.facilitiesWithStockout(), t.snapshots(), t.minCoverage(), t.areaMinCoverage(),
                t.daysUnderWarning(), t.daysUnderCritical(), t.stockoutDays(), t.stockouts(), t.stockoutsWithoutAlert(),
                t.alertsSent(), t.leadMean(), t.leadMin()));
        return cells.toArray();
    }
}
