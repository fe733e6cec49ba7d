package fr.vigie.app;

import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.AlertQuery;
import fr.vigie.domain.AlertTexts;
import fr.vigie.domain.DisruptionStatus;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.Facility;
import fr.vigie.domain.OpenAlert;
import fr.vigie.domain.Region;
import fr.vigie.domain.Season;
import fr.vigie.domain.SeriesKey;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.forecast.StockOutlook;
import fr.vigie.domain.followup.Acknowledgement;
import fr.vigie.domain.followup.AlertContext;
import fr.vigie.port.Acknowledgements;
import fr.vigie.port.AlertLog;
import fr.vigie.port.FacilityDirectory;
import fr.vigie.port.SeriesLog;
import fr.vigie.port.Watchlist;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the operators' console shows, read from the stores by key or index (never a scan): the open
 * alerts with names and figures, the history of alert events with their texts, one series over its
 * season with its projection, and the open national supply disruptions. Who may see what is the
 * handler's decision (it narrows the facility for a hospital); this use case only reads.
 */
public final class ConsoleViews {

    /** How far back the disruptions still open are looked for: a season and a little more. */
    static final Duration DISRUPTION_LOOKBACK = Duration.ofDays(400);

    /**
     * One open alert as the Tension page lists it. {@code coverageDays} and {@code projectedStockout}
     * are those of the alert's last event (what the hospital was told); {@code lastReport} is the
     * series' last snapshot; {@code alertId} the open alert's id, {@code acknowledgement} its
     * acknowledgement (null until acknowledged, issue 22).
     */
    public record OpenAlertRow(String facilityId, String facilityName, String region, String regionLabel,
                               String deviceId, String deviceName, List<Epidemic> epidemics, AlertLevel level,
                               Instant since, Double coverageDays, LocalDate projectedStockout, Instant lastReport,
                               Acknowledgement acknowledgement, String alertId) {
    }

    /** The texts of an alert event, rebuilt from the stored event by the code that sends them. */
    public record Texts(String emailSubject, String emailBody, String sms) {
    }

    /** One event of the history, with the names a person reads, its texts and its acknowledgement (null when none). */
    public record AlertRecord(AlertEvent event, String facilityName, String region, String regionLabel,
                              String deviceName, Texts texts, Acknowledgement acknowledgement) {
    }

    public record HistoryPage(List<AlertRecord> alerts, String next) {
    }

    /** One series over its season so far: every snapshot, the projection after the last, its alert events. */
    public record SeriesView(String facilityId, String facilityName, String region, String deviceId, String deviceName,
                             String unit, Thresholds thresholds, String season, List<Snapshot> snapshots,
                             StockOutlook outlook, List<AlertEvent> alerts) {
    }

    /** A national supply disruption still open: its last event and the device's name. */
    public record DisruptionRow(SupplyDisruptionEvent event, String deviceName, List<String> facilityNames) {
    }

    private final AlertLog alerts;
    private final SeriesLog series;
    private final Supplier<Watchlist> watchlists;
    private final FacilityDirectory facilities;
    private final Clock clock;
    private final Acknowledgements acknowledgements;

    /**
     * @param watchlists       reads the current watch-list (once per request: operators edit it)
     * @param acknowledgements the alerts' acknowledgements (issue 22)
     */
    public ConsoleViews(AlertLog alerts, SeriesLog series, Supplier<Watchlist> watchlists, FacilityDirectory facilities, Clock clock,
                        Acknowledgements acknowledgements) {
        this.alerts = alerts;
        this.series = series;
        this.watchlists = watchlists;
        this.facilities = facilities;
        this.clock = clock;
        this.acknowledgements = acknowledgements;
    }

    /** The open alerts (of one facility when {@code facilityId} is not null), worst first: critical, then least coverage. */
    public List<OpenAlertRow> openAlerts(String facilityId) {
        Names names = new Names();
        Watchlist watchlist = watchlists.get();
        return alerts.open().stream()
                .filter(a -> facilityId == null || facilityId.equals(a.facilityId()))
                .map(a -> openRow(a, watchlist, names))
                .sorted(Comparator.comparing((OpenAlertRow r) -> r.level() == AlertLevel.CRITICAL ? 0 : 1)
                        .thenComparing(r -> r.coverageDays() == null ? Double.MAX_VALUE : r.coverageDays())
                        .thenComparing(OpenAlertRow::since))
                .toList();
    }

    private OpenAlertRow openRow(OpenAlert a, Watchlist watchlist, Names names) {
        SeriesKey key = new SeriesKey(a.facilityId(), a.deviceId());
        Optional<AlertEvent> last = alerts.lastEvent(key);
        Optional<WatchlistEntry> entry = watchlist.entry(a.deviceId());
        String region = names.region(a.facilityId());
        return new OpenAlertRow(a.facilityId(), names.facility(a.facilityId()), region, Region.labelOf(region),
                a.deviceId(), entry.map(WatchlistEntry::name).orElse(a.deviceId()),
                entry.map(e -> e.epidemics().stream().sorted().toList()).orElse(List.of()), a.level(), a.since(),
                last.map(AlertEvent::coverageDays).orElse(null), last.map(AlertEvent::projectedStockout).orElse(null),
                series.latest(key).map(Snapshot::timestamp).orElse(null),
                last.flatMap(e -> acknowledgements.of(e.alertId())).orElse(null), last.map(AlertEvent::alertId).orElse(null));
    }

    /** A page of the alert history, newest first, each event with its names and texts. */
    public HistoryPage history(AlertQuery query) {
        AlertLog.Page page = alerts.search(query);
        Names names = new Names();
        Watchlist watchlist = watchlists.get();
        List<AlertRecord> records = page.events().stream().map(e -> {
            Optional<WatchlistEntry> entry = watchlist.entry(e.deviceId());
            String deviceName = entry.map(WatchlistEntry::name).orElse(e.deviceId());
            String region = names.region(e.facilityId());
            String facilityName = names.facility(e.facilityId());
            Acknowledgement ack = e.level().isOpen() ? acknowledgements.of(e.alertId()).orElse(null) : null;
            // the texts as the evaluator wrote them, by name (the neighbours of the day are not recomputed)
            AlertContext context = new AlertContext(facilityName, region.isEmpty() ? null : Region.labelOf(region), null, null,
                    List.of(), List.of(), ack);
            ZoneId zone = region.isEmpty() ? AlertTexts.zoneOf(e.facilityId()) : Region.zoneOf(region);
            return new AlertRecord(e, facilityName, region, Region.labelOf(region), deviceName,
                    new Texts(AlertTexts.emailSubject(e, deviceName, context),
                            entry.map(d -> AlertTexts.emailBody(e, d, context, zone))
                                    .orElseGet(() -> AlertTexts.emailBody(e, deviceName, "unités", zone)),
                            AlertTexts.sms(e, facilityName, deviceName, zone)),
                    ack);
        }).toList();
        return new HistoryPage(records, page.next());
    }

    /**
     * The series over the season of its last snapshot (1 September to that snapshot), or empty when
     * the device is not on the watch-list or the series has no snapshot.
     */
    public Optional<SeriesView> series(String facilityId, String deviceId) {
        Optional<WatchlistEntry> entry = watchlists.get().entry(deviceId);
        SeriesKey key = new SeriesKey(facilityId, deviceId);
        Optional<Snapshot> latest = entry.isPresent() ? series.latest(key) : Optional.empty();
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        LocalDate lastDay = LocalDate.ofInstant(latest.get().timestamp(), ZoneOffset.UTC);
        Season season = new Season(lastDay.getMonthValue() >= 9 ? lastDay.getYear() : lastDay.getYear() - 1);
        List<Snapshot> snapshots = series.snapshots(key, season.from(), latest.get().timestamp());
        Names names = new Names();
        return Optional.of(new SeriesView(facilityId, names.facility(facilityId), names.region(facilityId), deviceId,
                entry.get().name(), entry.get().unit(), entry.get().thresholds(), season.label(), snapshots,
                StockOutlook.of(entry.get(), snapshots), alerts.events(key, season.from(), latest.get().timestamp())));
    }

    /** The national supply disruptions whose last event is not a closing one, most recent first. */
    public List<DisruptionRow> openDisruptions() {
        Instant now = clock.instant();
        Names names = new Names();
        return watchlists.get().entries().stream().flatMap(entry -> {
            Map<String, SupplyDisruptionEvent> lastById = new LinkedHashMap<>();
            alerts.disruptions(entry.deviceId(), now.minus(DISRUPTION_LOOKBACK), now)
                    .forEach(e -> lastById.put(e.disruptionId(), e));
            return lastById.values().stream().filter(e -> e.status() != DisruptionStatus.CLOSED)
                    .map(e -> new DisruptionRow(e, entry.name(), e.facilities().stream().map(names::facility).toList()));
        }).sorted(Comparator.comparing((DisruptionRow r) -> r.event().at()).reversed()).toList();
    }

    /** Facility names and regions, each read once per request. */
    private final class Names {
        private final Map<String, Optional<Facility>> read = new HashMap<>();

        private Optional<Facility> of(String facilityId) {
            return read.computeIfAbsent(facilityId, facilities::facility);
        }

        String facility(String facilityId) {
            return of(facilityId).map(Facility::name).filter(n -> !n.isBlank()).orElse(facilityId);
        }

        String region(String facilityId) {
            return of(facilityId).map(Facility::region).orElse("");
        }
    }
}
