package fr.vigie.app;

import fr.vigie.domain.LocalDays;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.DisruptionStatus;
import fr.vigie.domain.Facility;
import fr.vigie.domain.Region;
import fr.vigie.domain.Season;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.StaleDataEvent;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.forecast.Assessment;
import fr.vigie.domain.forecast.SeriesEvaluator;
import fr.vigie.domain.forecast.SupplyOutlook;
import fr.vigie.domain.retex.DailyCoverage;
import fr.vigie.domain.retex.DeviceHistory;
import fr.vigie.domain.retex.FacilityReview;
import fr.vigie.domain.retex.NextSeasonList;
import fr.vigie.domain.retex.Recommendation;
import fr.vigie.domain.retex.ReviewTotals;
import fr.vigie.domain.retex.SeasonOverview;
import fr.vigie.domain.retex.SeriesReview;
import fr.vigie.domain.retex.SilenceGap;
import fr.vigie.domain.retex.SupplierShare;
import fr.vigie.domain.retex.ThresholdGrid;
import fr.vigie.port.ReviewOutput;
import fr.vigie.port.ReviewOutput.Table;
import fr.vigie.domain.followup.Acknowledgement;
import fr.vigie.port.Acknowledgements;
import fr.vigie.port.SeasonArchive;
import fr.vigie.port.SeasonNotices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The RETEX of a season (docs/retex.md): every series of the registry (facility x watch-list device)
 * read by key range; each snapshot assessed once by the alerts' own projection
 * ({@link SeriesEvaluator#assess}), judged against the thresholds in force that day, and replayed
 * through the alerts' own level step under a small grid of thresholds (the what-if); the counters
 * summed per device, region and facility; next season's list proposed. Snapshots and alerts are
 * written out as they are read; memory holds one series' last {@value SeriesEvaluator#HISTORY_DAYS}
 * days, the curves, the grids and one small review per series. Used by {@code ./vigie retex} and the
 * retex-export function, each with its own {@link ReviewOutput}.
 */
public final class RetexExport {

    public static final String SNAPSHOTS = "snapshots.csv";
    public static final String ALERTS = "alerts.csv";
    public static final String DISRUPTIONS = "disruptions.csv";
    public static final String SUMMARY = "summary.csv";
    public static final String FACILITIES = "facilities.csv";
    public static final String SUMMARY_DEVICES = "summary-devices.csv";
    public static final String SUMMARY_REGIONS = "summary-regions.csv";
    public static final String WHAT_IF = "whatif.csv";
    public static final String RECOMMENDATIONS = "recommendations.csv";
    public static final String SUPPLIERS = "suppliers.csv";
    /** Each silence of the season (STALE_DATA, issue 22): who stopped reporting, from when, back when. */
    public static final String SILENCES = "silences.csv";
    /** The season's list with the proposed thresholds, for the operators to review and import. */
    public static final String PROPOSED_WATCHLIST = "proposed-watchlist.json";
    /** Every table, in the order written. */
    public static final List<String> TABLES = List.of(SNAPSHOTS, ALERTS, DISRUPTIONS, SUMMARY, FACILITIES, SUMMARY_DEVICES,
            SUMMARY_REGIONS, WHAT_IF, RECOMMENDATIONS, SUPPLIERS, SILENCES);
    /** Rows of the report's table of most affected series; summary.csv has them all. */
    static final int MOST_AFFECTED = 40;
    /** The national calendar, for national events (disruptions). */
    private static final ZoneId NATIONAL = Region.PARIS;

    /**
     * {@code utc_time} last: the snapshot's instant, which {@code local_time} does not give at the hour the clocks go back
     * (two snapshots of an hourly feed, 00:30 and 01:30 UTC on 26 October 2025, both read 02:30 in Paris).
     */
    private static final String[] SNAPSHOT_COLUMNS = {"local_time", "time_zone", "facility_id", "device_id", "on_hand", "consumed",
            "received", "on_order", "expected_delivery", "region", "region_name", "utc_time"};
    private static final String[] ALERT_COLUMNS = {"local_time", "time_zone", "facility_id", "facility_name", "region", "region_name",
            "device_id", "level", "previous_level", "coverage_days", "projected_stockout", "on_hand", "daily_use_forecast",
            "reasons", "alert_id", "acknowledged_at", "hours_to_acknowledge", "acknowledged_role", "acknowledged_action"};
    private static final String[] DISRUPTION_COLUMNS = {"local_time", "time_zone", "device_id", "disruption_id", "status",
            "first_seen", "kind", "facilities", "typical_delay_days", "delivered_fraction"};
    private static final String[] SERIES_COLUMNS = {"facility_id", "facility_name", "region", "region_name", "device_id",
            "device_name", "warning_days", "critical_days", "snapshots", "days_reported", "days_unknown", "completeness",
            "last_snapshot", "silent_since", "min_coverage_days", "min_burn_rate_days", "days_under_warning",
            "days_under_critical", "stockout_days", "stockouts", "stockouts_without_alert", "alerts_warning",
            "alerts_critical", "recoveries", "stockout_leads_days"};
    private static final String[] FACILITY_COLUMNS = {"facility_id", "facility_name", "region", "region_name", "devices",
            "days_expected", "days_reported", "days_unknown", "completeness", "silent_since", "stockout_days",
            "days_under_warning", "alerts_sent", "recoveries"};
    private static final String[] SILENCE_COLUMNS = {"facility_id", "facility_name", "region", "region_name", "device_id",
            "last_snapshot", "noticed_on", "back_on", "days_without_data"};
    private static final String[] TOTALS_COLUMNS = {"device_id", "device_name", "warning_days", "critical_days",
            "facilities", "facilities_with_stockout", "snapshots", "days_unknown", "known_share", "min_coverage_days",
            "median_min_coverage_days", "min_burn_rate_days", "days_under_warning", "days_under_critical", "stockout_days",
            "stockouts", "stockouts_without_alert", "alerts_warning", "alerts_critical", "recoveries", "lead_mean_days",
            "lead_min_days"};
    private static final String[] WHAT_IF_COLUMNS = {"device_id", "device_name", "warning_days", "critical_days", "current",
            "proposed", "stockouts", "warned_7d", "lead_median_days", "alert_days", "messages"};
    private static final String[] RECOMMENDATION_COLUMNS = {"device_id", "device_name", "action", "current_warning_days",
            "current_critical_days", "proposed_warning_days", "proposed_critical_days", "stockouts", "warned_7d_current",
            "alert_days_current", "messages_current", "warned_7d_proposed", "alert_days_proposed", "messages_proposed", "reason"};
    private static final String[] SUPPLIER_COLUMNS = {"supplier", "devices", "sole_supplier_of", "facilities_depending",
            "reporting_facilities", "facility_share"};
    private static final Comparator<SeriesReview> LEAST_AFFECTED_FIRST = Comparator.comparingInt(SeriesReview::stockoutDays)
            .thenComparingInt(SeriesReview::daysUnderCritical).thenComparingInt(SeriesReview::daysUnderWarning);
    /** The charts' cap in multiples of the warning threshold: what lies above is comfortable. */
    private static final int CEILING_TIMES_WARNING = 3;

    /** What was exported; {@code facilities} or {@code devices} 0 means nothing was registered, and nothing written. */
    public record Result(int facilities, int devices, long snapshots, long alertEvents, long disruptionEvents) {
        public boolean empty() {
            return facilities == 0 || devices == 0;
        }
    }

    /** Told how many of how many series have been reviewed and replayed under the what-if grid, after each one. */
    @FunctionalInterface
    public interface Progress {
        void exported(long series, long total);
    }

    private final SeasonArchive archive;
    private final SeasonNotices notices;
    private final Acknowledgements acknowledgements;
    private final SeriesEvaluator evaluator = new SeriesEvaluator();

    public RetexExport(SeasonArchive archive) {
        this(archive, SeasonNotices.NONE);
    }

    public RetexExport(SeasonArchive archive, SeasonNotices notices) {
        this(archive, notices, null);
    }

    /** @param acknowledgements the alerts' acknowledgements, for the time to acknowledge of alerts.csv (null: none recorded) */
    public RetexExport(SeasonArchive archive, SeasonNotices notices, Acknowledgements acknowledgements) {
        this.archive = archive;
        this.notices = notices;
        this.acknowledgements = acknowledgements;
    }

    /**
     * The acknowledgement cells of an alert event (issue 22): when (on the facility's clock), after how
     * many hours since the alert opened (one decimal), in which role, with which action; empty for an
     * alert not acknowledged or a RECOVERED.
     */
    private Object[] acknowledgement(AlertEvent e, ZoneId zone) {
        Optional<Acknowledgement> ack = acknowledgements == null || !e.level().isOpen() ? Optional.empty() : acknowledgements.of(e.alertId());
        if (ack.isEmpty()) {
            return new Object[]{null, null, null, null};
        }
        Acknowledgement a = ack.get();
        return new Object[]{local(a.at(), zone), Duration.between(e.at(), a.at()).toMinutes() / 60.0, a.role(), a.action().name()};
    }

    public Result export(Season season, ReviewOutput out, Progress progress) throws IOException {
        List<Facility> facilities = archive.facilities().stream().sorted(Comparator.comparing(Facility::facilityId)).toList();
        List<DeviceHistory> watchlist = archive.watchlist().stream().sorted(Comparator.comparing(DeviceHistory::deviceId)).toList();
        if (facilities.isEmpty() || watchlist.isEmpty()) {
            return new Result(facilities.size(), watchlist.size(), 0, 0, 0);
        }
        Run run = new Run(season, facilities, watchlist);
        try (Table snapshots = out.table(SNAPSHOTS, SNAPSHOT_COLUMNS);
             Table alerts = out.table(ALERTS, ALERT_COLUMNS)) {
            long total = (long) facilities.size() * watchlist.size();
            long done = 0;
            for (DeviceHistory device : watchlist) {
                run.startDevice(device);
                for (Facility facility : facilities) {
                    run.reviewSeries(facility, device, snapshots, alerts);
                    progress.exported(++done, total);
                }
            }
        }
        run.closeSeason();
        run.writeDisruptions(out);
        run.writeSeries(out);
        run.writeFacilities(out);
        List<SilenceGap> silences = run.silences();
        run.writeSilences(out, silences);
        run.writeTotals(out);
        SeasonOverview overview = run.overview(silences);
        run.writeNextSeason(out, overview);
        out.watchlist(PROPOSED_WATCHLIST, run.proposedList);
        out.report(overview);
        long disruptionEvents = run.disruptions.values().stream().mapToLong(List::size).sum();
        return new Result(facilities.size(), watchlist.size(), run.snapshotRows, run.alertEvents, disruptionEvents);
    }

    /** The state of one export while the series stream through. */
    private final class Run {
        final Season season;
        final List<DeviceHistory> watchlist;
        final Map<String, Facility> facilities;
        final Map<String, ReviewTotals> national = new LinkedHashMap<>();
        final Map<String, Map<String, ReviewTotals>> regional = new TreeMap<>();
        final Map<String, List<SupplyDisruptionEvent>> disruptions = new LinkedHashMap<>();
        final Map<String, ThresholdGrid> grids = new LinkedHashMap<>();
        final Map<String, Set<String>> facilitiesByDevice = new TreeMap<>();
        final Map<String, List<Instant>> stockoutStarts = new HashMap<>();
        final List<SeriesReview> reviews = new ArrayList<>();
        final PriorityQueue<SeriesReview> mostAffected = new PriorityQueue<>(LEAST_AFFECTED_FIRST);
        List<FacilityReview> facilityReviews = List.of();
        List<WatchlistEntry> proposedList = List.of();
        int firstDay = Integer.MAX_VALUE;
        int lastDay = Integer.MIN_VALUE;
        long snapshotRows;
        long alertEvents;

        Run(Season season, List<Facility> facilities, List<DeviceHistory> watchlist) {
            this.season = season;
            this.watchlist = watchlist;
            this.facilities = facilities.stream().collect(Collectors.toMap(Facility::facilityId, Function.identity(),
                    (a, b) -> a, LinkedHashMap::new));
        }

        /** Reads the device's national disruptions (for the outlook each snapshot is assessed with) and sets up its curves and grid. */
        void startDevice(DeviceHistory device) {
            disruptions.put(device.deviceId(), archive.disruptionEvents(device.deviceId(), season.from(), season.to()));
            WatchlistEntry end = device.atEndOf(season);
            // the versions of the season only: a list imported afterwards must change none of its figures
            int highestWarning = device.inForceDuring(season).stream().mapToInt(e -> e.thresholds().warningDays()).max().orElseThrow();
            double ceiling = Math.min(CEILING_TIMES_WARNING * highestWarning, 120);
            national.put(device.deviceId(), new ReviewTotals(new DailyCoverage(season.length(), ceiling)));
            for (Facility f : facilities.values()) {
                regional.computeIfAbsent(regionKey(f), r -> new LinkedHashMap<>())
                        .put(device.deviceId(), new ReviewTotals(new DailyCoverage(season.length(), ceiling)));
            }
            grids.put(device.deviceId(), new ThresholdGrid(end.thresholds(), evaluator));
        }

        void reviewSeries(Facility facility, DeviceHistory device, Table snapshots, Table alerts) throws IOException {
            SeriesKey series = new SeriesKey(facility.facilityId(), device.deviceId());
            String region = facility.region();
            String regionName = Region.labelOf(region);
            ZoneId zone = Region.zoneOf(region);
            // the what-if replays the alerts' own steps: their days are counted in the zone the facility id names
            ZoneId alertZone = SeriesEvaluator.zoneOf(facility.facilityId());
            ReviewTotals nation = national.get(device.deviceId());
            ReviewTotals area = regional.get(regionKey(facility)).get(device.deviceId());
            // a local day of the season may start up to 14 hours before or end after its UTC day
            Instant from = season.from().minus(Duration.ofHours(14));
            Instant to = season.to().plus(Duration.ofHours(14));
            List<AlertEvent> events = archive.alertEvents(series, from, to).stream()
                    .filter(e -> season.contains(e.at(), zone)).toList();
            alertEvents += events.size();
            for (AlertEvent e : events) {
                Object[] ack = acknowledgement(e, zone);
                alerts.row(local(e.at(), zone), zone, e.facilityId(), facility.name(), region, regionName, e.deviceId(), e.level(),
                        e.previousLevel(), e.coverageDays(), e.projectedStockout(), e.onHand(), e.dailyUseForecast(), e.reasons(),
                        e.alertId(), ack[0], ack[1], ack[2], ack[3]);
            }
            SeriesReview review = new SeriesReview(series, facility, device, season, events, List.of(nation.curve(), area.curve()));
            ThresholdGrid.Series whatIf = grids.get(device.deviceId()).series();
            List<SupplyDisruptionEvent> nationalEvents = disruptions.get(device.deviceId());
            Deque<Snapshot> history = new ArrayDeque<>();
            try {
                // the evaluation reads up to HISTORY_DAYS before a snapshot: the first days of the season are assessed as they were
                archive.snapshots(series, from.minus(Duration.ofDays(SeriesEvaluator.HISTORY_DAYS)), to, s -> {
                    history.addLast(s);
                    Instant horizon = s.timestamp().minus(Duration.ofDays(SeriesEvaluator.HISTORY_DAYS));
                    while (history.peekFirst().timestamp().isBefore(horizon)) {
                        history.removeFirst();
                    }
                    if (!season.contains(s.timestamp(), zone)) {
                        return;
                    }
                    writeSnapshot(snapshots, s, zone, region, regionName);
                    Assessment a = evaluator.assess(List.copyOf(history), outlook(nationalEvents, s.timestamp()), alertZone);
                    review.add(s, a.coverageDays());
                    WatchlistEntry inForce = device.inForce(s.timestamp());
                    int day = season.dayIndex(s.timestamp(), zone);
                    whatIf.add(day, s, a, inForce, inForce.watchedOn(LocalDays.of(s.timestamp(), ZoneOffset.UTC)), alertZone);
                    firstDay = Math.min(firstDay, day);
                    lastDay = Math.max(lastDay, day);
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            review.finish();
            whatIf.finish();
            snapshotRows += review.snapshots();
            if (review.snapshots() == 0 && events.isEmpty()) {
                return;
            }
            reviews.add(review);
            if (review.snapshots() > 0) {
                facilitiesByDevice.computeIfAbsent(device.deviceId(), d -> new TreeSet<>()).add(facility.facilityId());
            }
            stockoutStarts.computeIfAbsent(device.deviceId(), d -> new ArrayList<>()).addAll(review.stockoutStarts());
        }

        /** The data span is known: unknown days are counted, the totals summed, the facilities reviewed. */
        void closeSeason() {
            boolean any = firstDay <= lastDay;
            Map<String, List<SeriesReview>> byFacility = new TreeMap<>();
            for (SeriesReview r : reviews) {
                if (any) {
                    r.closeSeason(firstDay, lastDay);
                }
                national.get(r.series().deviceId()).add(r);
                regional.get(regionKey(r.facility())).get(r.series().deviceId()).add(r);
                keepIfMostAffected(r);
                byFacility.computeIfAbsent(r.facility().facilityId(), f -> new ArrayList<>()).add(r);
            }
            List<FacilityReview> out = new ArrayList<>();
            byFacility.forEach((id, rs) -> {
                int last = rs.stream().mapToInt(SeriesReview::lastDay).max().orElse(Integer.MIN_VALUE);
                LocalDate silentSince = any && last != Integer.MIN_VALUE && last < lastDay - SeriesReview.CARRY_DAYS
                        ? season.day(last + 1) : null;
                int expected = rs.stream().mapToInt(SeriesReview::daysExpected).sum();
                int reported = rs.stream().mapToInt(SeriesReview::daysReportedExpected).sum();
                out.add(new FacilityReview(rs.get(0).facility(), (int) rs.stream().filter(r -> r.snapshots() > 0).count(), expected,
                        reported, rs.stream().mapToInt(SeriesReview::daysUnknown).sum(), silentSince,
                        rs.stream().mapToInt(SeriesReview::stockoutDays).sum(), rs.stream().mapToInt(SeriesReview::daysUnderWarning).sum(),
                        rs.stream().mapToInt(r -> r.events(AlertLevel.WARNING) + r.events(AlertLevel.CRITICAL)).sum(),
                        rs.stream().mapToInt(r -> r.events(AlertLevel.RECOVERED)).sum()));
            });
            facilityReviews = out.stream().filter(f -> f.devices() > 0).toList();
            stockoutStarts.values().forEach(l -> l.sort(Comparator.naturalOrder()));
        }

        void writeDisruptions(ReviewOutput out) throws IOException {
            try (Table table = out.table(DISRUPTIONS, DISRUPTION_COLUMNS)) {
                for (List<SupplyDisruptionEvent> events : disruptions.values()) {
                    for (SupplyDisruptionEvent e : events) {
                        table.row(local(e.at(), NATIONAL), NATIONAL, e.deviceId(), e.disruptionId(), e.status(),
                                local(e.firstSeen(), NATIONAL), e.kind(), e.facilities(), e.typicalDelayDays(), e.deliveredFraction());
                    }
                }
            }
        }

        void writeSeries(ReviewOutput out) throws IOException {
            try (Table summary = out.table(SUMMARY, SERIES_COLUMNS)) {
                for (SeriesReview r : reviews) {
                    Facility f = r.facility();
                    WatchlistEntry d = history(r.series().deviceId()).atEndOf(season);
                    int last = r.lastDay();
                    boolean silent = last != Integer.MIN_VALUE && last < lastDay - SeriesReview.CARRY_DAYS;
                    summary.row(f.facilityId(), f.name(), f.region(), Region.labelOf(f.region()), d.deviceId(), d.name(),
                            d.thresholds().warningDays(), d.thresholds().criticalDays(), r.snapshots(), r.daysReported(),
                            r.daysUnknown(), r.completeness(), last == Integer.MIN_VALUE ? null : season.day(last),
                            silent ? season.day(last + 1) : null, r.minCoverage(), r.minBurnRate(), r.daysUnderWarning(),
                            r.daysUnderCritical(), r.stockoutDays(), r.stockouts(), r.stockoutsWithoutAlert(),
                            r.events(AlertLevel.WARNING), r.events(AlertLevel.CRITICAL), r.events(AlertLevel.RECOVERED), r.leads());
                }
            }
        }

        void writeFacilities(ReviewOutput out) throws IOException {
            try (Table table = out.table(FACILITIES, FACILITY_COLUMNS)) {
                for (FacilityReview f : facilityReviews) {
                    table.row(f.facility().facilityId(), f.facility().name(), f.facility().region(), Region.labelOf(f.facility().region()),
                            f.devices(), f.daysExpected(), f.daysReported(), f.daysUnknown(), f.completeness(), f.silentSince(),
                            f.stockoutDays(), f.daysUnderWarning(), f.alertsSent(), f.recoveries());
                }
            }
        }

        /**
         * Each silence announced in the season, in each facility's calendar (a silence that never ended
         * counts its days to the season's last day of data), facility by facility, oldest first.
         */
        List<SilenceGap> silences() {
            List<SilenceGap> gaps = new ArrayList<>();
            for (Facility f : facilities.values()) {
                ZoneId zone = Region.zoneOf(f.region());
                Map<String, StaleDataEvent> back = new HashMap<>();
                List<StaleDataEvent> events = archive.staleDataEvents(f.facilityId(), season.from(), season.to().plus(Duration.ofDays(400)));
                events.stream().filter(e -> e.status() == StaleDataEvent.Status.CLOSED).forEach(e -> back.put(e.silenceId(), e));
                for (StaleDataEvent open : events) {
                    if (open.status() != StaleDataEvent.Status.OPEN || !season.contains(open.at(), zone)) {
                        continue;
                    }
                    StaleDataEvent closed = back.get(open.silenceId());
                    LocalDate last = local(open.lastSeen(), zone).toLocalDate();
                    LocalDate end = closed != null ? local(closed.at(), zone).toLocalDate()
                            : lastDay == Integer.MIN_VALUE ? season.lastDay() : season.day(lastDay);
                    // the day data came back had data; the season's last day of data, for one still silent, had none
                    long days = Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(last, end) - (closed == null ? 0 : 1));
                    gaps.add(new SilenceGap(f, open.deviceId(), last, local(open.at(), zone).toLocalDate(), closed == null ? null : end, days));
                }
            }
            return gaps;
        }

        void writeSilences(ReviewOutput out, List<SilenceGap> gaps) throws IOException {
            try (Table table = out.table(SILENCES, SILENCE_COLUMNS)) {
                for (SilenceGap g : gaps) {
                    table.row(g.facility().facilityId(), g.facility().name(), g.facility().region(), Region.labelOf(g.facility().region()),
                            g.deviceId(), g.lastSnapshot(), g.noticedOn(), g.backOn(), g.daysWithoutData());
                }
            }
        }

        void writeTotals(ReviewOutput out) throws IOException {
            List<WatchlistEntry> observed = observed();
            try (Table table = out.table(SUMMARY_DEVICES, TOTALS_COLUMNS)) {
                for (WatchlistEntry d : observed) {
                    table.row(totals(List.of(), d, national.get(d.deviceId())));
                }
            }
            List<String> columns = new ArrayList<>(List.of("region", "region_name"));
            columns.addAll(List.of(TOTALS_COLUMNS));
            try (Table table = out.table(SUMMARY_REGIONS, columns.toArray(String[]::new))) {
                for (Map.Entry<String, Map<String, ReviewTotals>> region : regional.entrySet()) {
                    String code = region.getKey().isEmpty() ? null : region.getKey();
                    for (WatchlistEntry d : observed) {
                        ReviewTotals t = region.getValue().get(d.deviceId());
                        if (t.facilities() > 0) {
                            table.row(totals(Arrays.asList(code, Region.labelOf(code)), d, t));
                        }
                    }
                }
            }
        }

        void writeNextSeason(ReviewOutput out, SeasonOverview o) throws IOException {
            try (Table table = out.table(WHAT_IF, WHAT_IF_COLUMNS)) {
                for (Map.Entry<String, ThresholdGrid> g : o.grids().entrySet()) {
                    ThresholdGrid.Proposal p = g.getValue().propose();
                    WatchlistEntry d = history(g.getKey()).atEndOf(season);
                    for (ThresholdGrid.Point point : g.getValue().points()) {
                        table.row(d.deviceId(), d.name(), point.thresholds().warningDays(), point.thresholds().criticalDays(),
                                point.thresholds().equals(p.current().thresholds()) ? 1 : 0,
                                point.thresholds().equals(p.proposed().thresholds()) ? 1 : 0, point.crises(), point.warned(),
                                point.medianLead(), point.alertDays(), point.messages());
                    }
                }
            }
            try (Table table = out.table(RECOMMENDATIONS, RECOMMENDATION_COLUMNS)) {
                for (Recommendation r : o.recommendations()) {
                    table.row(r.deviceId(), r.name(), r.action(), r.current() == null ? null : r.current().warningDays(),
                            r.current() == null ? null : r.current().criticalDays(), r.proposed() == null ? null : r.proposed().warningDays(),
                            r.proposed() == null ? null : r.proposed().criticalDays(), r.now() == null ? null : r.now().crises(),
                            r.now() == null ? null : r.now().warned(), r.now() == null ? null : r.now().alertDays(),
                            r.now() == null ? null : r.now().messages(), r.then() == null ? null : r.then().warned(),
                            r.then() == null ? null : r.then().alertDays(), r.then() == null ? null : r.then().messages(), r.reason());
                }
            }
            try (Table table = out.table(SUPPLIERS, SUPPLIER_COLUMNS)) {
                for (SupplierShare s : o.suppliers()) {
                    table.row(s.supplier(), s.devices(), s.soleSupplierOf(), s.facilities(), s.reportingFacilities(), s.facilityShare());
                }
            }
        }

        private DeviceHistory history(String deviceId) {
            return watchlist.stream().filter(h -> h.deviceId().equals(deviceId)).findFirst().orElseThrow();
        }

        /** The devices some facility reported in the season, as in force at its end. */
        private List<WatchlistEntry> observed() {
            return watchlist.stream().filter(h -> national.get(h.deviceId()).facilities() > 0).map(h -> h.atEndOf(season)).toList();
        }

        private void writeSnapshot(Table table, Snapshot s, ZoneId zone, String region, String regionName) {
            try {
                table.row(local(s.timestamp(), zone), zone, s.facilityId(), s.deviceId(), s.onHand(), s.consumed(), s.received(),
                        s.onOrder(), s.expectedDelivery(), region, regionName, local(s.timestamp(), ZoneOffset.UTC));
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

        SeasonOverview overview(List<SilenceGap> silences) {
            List<SeriesReview> worst = new ArrayList<>(mostAffected);
            worst.sort(LEAST_AFFECTED_FIRST.reversed());
            boolean any = firstDay <= lastDay;
            List<WatchlistEntry> observed = observed();
            Set<String> observedIds = observed.stream().map(WatchlistEntry::deviceId).collect(Collectors.toSet());
            List<WatchlistEntry> unobserved = watchlist.stream().filter(h -> h.listedDuring(season) && !observedIds.contains(h.deviceId()))
                    .map(h -> h.atEndOf(season)).toList();
            Map<String, ThresholdGrid> observedGrids = new LinkedHashMap<>();
            Map<String, ReviewTotals> observedNational = new LinkedHashMap<>();
            observed.forEach(d -> {
                observedGrids.put(d.deviceId(), grids.get(d.deviceId()));
                observedNational.put(d.deviceId(), national.get(d.deviceId()));
            });
            Map<String, Map<String, ReviewTotals>> observedRegional = new TreeMap<>();
            regional.forEach((code, byDevice) -> {
                if (byDevice.values().stream().anyMatch(t -> t.facilities() > 0)) {
                    Map<String, ReviewTotals> kept = new LinkedHashMap<>();
                    observed.forEach(d -> kept.put(d.deviceId(), byDevice.get(d.deviceId())));
                    observedRegional.put(code, kept);
                }
            });
            NextSeasonList.Inputs inputs = new NextSeasonList.Inputs(season, watchlist, observedGrids, observedNational,
                    facilitiesByDevice, disruptions, stockoutStarts, notices.notices(season));
            Map<String, DeviceHistory> histories = new LinkedHashMap<>();
            watchlist.forEach(h -> histories.put(h.deviceId(), h));
            List<Recommendation> recommendations = NextSeasonList.recommendations(inputs);
            proposedList = NextSeasonList.proposedList(inputs, recommendations);
            return new SeasonOverview(season, any ? firstDay : 0, any ? lastDay : season.length() - 1, observed, unobserved,
                    histories, observedNational, observedRegional, disruptions, worst, facilities, facilityReviews, observedGrids,
                    recommendations, NextSeasonList.suppliers(inputs), NextSeasonList.forewarnings(inputs), snapshotRows, alertEvents,
                    silences);
        }
    }

    /** The national disruption in force at {@code at}, as the evaluation was told of it: the latest event not after it, unless closed. */
    private static SupplyOutlook outlook(List<SupplyDisruptionEvent> events, Instant at) {
        SupplyDisruptionEvent inForce = null;
        for (SupplyDisruptionEvent e : events) {
            if (e.at().isAfter(at)) {
                break;
            }
            inForce = e.status() == DisruptionStatus.CLOSED ? null : e;
        }
        return inForce == null ? SupplyOutlook.NORMAL : new SupplyOutlook(inForce);
    }

    /** An instant as the wall-clock time of a calendar: what a spreadsheet recognises as a date and time. */
    private static LocalDateTime local(Instant at, ZoneId zone) {
        return at == null ? null : LocalDateTime.ofInstant(at, zone);
    }

    private static String regionKey(Facility f) {
        return Objects.requireNonNullElse(f.region(), "");
    }

    private static Object[] totals(List<Object> prefix, WatchlistEntry d, ReviewTotals t) {
        List<Object> cells = new ArrayList<>(prefix);
        cells.addAll(List.of(d.deviceId(), d.name(), d.thresholds().warningDays(), d.thresholds().criticalDays(),
                t.facilities(), t.facilitiesWithStockout(), t.snapshots(), t.daysUnknown(), t.knownShare(), t.minCoverage(),
                t.medianMinCoverage(), t.minBurnRate(), t.daysUnderWarning(), t.daysUnderCritical(), t.stockoutDays(), t.stockouts(),
                t.stockoutsWithoutAlert(), t.events(AlertLevel.WARNING), t.events(AlertLevel.CRITICAL), t.events(AlertLevel.RECOVERED),
                t.leadMean(), t.leadMin()));
        return cells.toArray();
    }
}
