package fr.vigie.local;

import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.feed.Json;
import fr.vigie.adapter.feed.WatchlistJson;
import fr.vigie.adapter.http.HttpStockSource;
import fr.vigie.adapter.memory.MemoryWatchlist;
import fr.vigie.adapter.sns.SnsAlertChannels;
import fr.vigie.app.BatchEvaluation;
import fr.vigie.app.StockPolling;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.AlertTexts;
import fr.vigie.domain.followup.AlertContext;
import fr.vigie.domain.DisruptionTexts;
import fr.vigie.domain.Facility;
import fr.vigie.domain.Region;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.SnapshotAdmission;
import fr.vigie.domain.SupplyDisruptionEvent;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.local.sim.SeasonSimulator;
import fr.vigie.local.sim.SimulatedSources;
import fr.vigie.port.AlertChannels;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code ./vigie demo}: a simulated season of six hospitals, polled every morning over HTTP through
 * the stock-poller's code, stored in an embedded DynamoDB, evaluated, and the alerts printed as a
 * table per hospital and device. With an SNS endpoint or AWS credentials, the alerts are also published.
 */
final class DemoCommand {

    static final String USAGE = "./vigie demo [--until AAAA-MM-JJ] [--seed N] [--details]";
    static final Set<String> OPTIONS = Set.of("--seed", "--until");
    static final Set<String> FLAGS = Set.of("--details");
    static final LocalDate FIRST_DAY = LocalDate.of(2025, 9, 1);
    static final LocalDate LAST_DAY = LocalDate.of(2026, 3, 31);
    static final long SEED = 42;
    private static final int POLL_CONCURRENCY = 4;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/uuuu");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    DemoCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** A facility's calendar: its registered region's zone (set once the registry is read). */
    private Function<String, ZoneId> zoneOf = AlertTexts::zoneOf;

    int run(List<String> args) throws Exception {
        Arguments a = new Arguments(args, OPTIONS, FLAGS);
        boolean details = a.flag("--details");
        long seed = a.number("--seed", SEED);
        LocalDate until = a.date("--until", LAST_DAY);
        if (until.isBefore(FIRST_DAY)) {
            throw new UsageException("--until " + until + " précède le début de la saison simulée (" + FIRST_DAY + ")");
        }
        if (until.isAfter(LAST_DAY)) {
            // the simulator draws one season: --until stops earlier, never later (9999-12-31 was 2.9 million days to poll)
            throw new UsageException("--until " + until + " dépasse la fin de la saison simulée (" + LAST_DAY + ")");
        }
        List<WatchlistEntry> devices = WatchlistFile.check("demo/watchlist.json", WatchlistJson.parseList(resource("demo/watchlist.json")));
        MemoryWatchlist watchlist = MemoryWatchlist.of(devices);
        Map<String, JsonNode> registry = new LinkedHashMap<>();
        Json.MAPPER.readTree(resource("demo/facilities.json")).forEach(f -> registry.put(f.get("facilityId").asText(), f));

        out.println("Vigie — démonstration : " + registry.size() + " établissements, " + devices.size()
                + " dispositifs surveillés, saison du " + DAY.format(FIRST_DAY) + " au " + DAY.format(until));
        SeasonSimulator simulator = new SeasonSimulator(seed, devices, List.copyOf(registry.keySet()), FIRST_DAY);
        try (SimulatedSources sources = new SimulatedSources(simulator); LocalDatabase db = LocalDatabase.inMemory()) {
            List<Facility> facilities = registry.values().stream().map(f -> new Facility(f.get("facilityId").asText(),
                    f.get("name").asText(), f.get("region").asText(), sources.sourceOf(f.get("facilityId").asText()))).toList();
            Map<String, Facility> byId = facilities.stream().collect(Collectors.toMap(Facility::facilityId, Function.identity()));
            Function<String, Optional<String>> regionOf = id -> Optional.ofNullable(byId.get(id)).map(Facility::region);
            zoneOf = id -> regionOf.apply(id).map(Region::zoneOf).orElse(AlertTexts.zoneOf(id));

            List<AlertChannels> destinations = new ArrayList<>();
            Optional<SnsConnection> sns = SnsConnection.fromEnvironment(env);
            sns.ifPresent(c -> destinations.add(new SnsAlertChannels(c.client(), c.topicArn(), regionOf)));
            FanOutChannels publisher = new FanOutChannels(destinations);
            LocalVigie vigie = new LocalVigie(db, watchlist, publisher, env);
            HttpStockSource stockSource = new HttpStockSource(HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2)).build(), secret -> null);

            Progress progress = new Progress(err, "jours relevés");
            long total = java.time.temporal.ChronoUnit.DAYS.between(FIRST_DAY, until) + 1;
            long stored = 0;
            int failures = 0;
            for (LocalDate day = FIRST_DAY; !day.isAfter(until); day = day.plusDays(1)) {
                simulator.advanceTo(day);
                Instant polledAt = day.plusDays(1).atTime(5, 0).toInstant(ZoneOffset.UTC);
                sources.setClock(polledAt);
                // the simulated morning is when the rows are received: their time range is checked against it
                StockPolling polling = new StockPolling(stockSource, watchlist,
                        vigie.ingestion.within(SnapshotAdmission.Window.DEFAULT, Clock.fixed(polledAt, ZoneOffset.UTC)), POLL_CONCURRENCY);
                List<Snapshot> fresh = new ArrayList<>();
                StockPolling.PollReport poll = polling.poll(facilities, fresh::add);
                failures += poll.failures().size();
                stored += poll.stored();
                // one morning's poll is one batch, as the stream would bring it to the coverage-evaluator
                fresh.sort(Comparator.comparing(Snapshot::timestamp).thenComparing(Snapshot::facilityId).thenComparing(Snapshot::deviceId));
                BatchEvaluation.Report batch = vigie.alerting.run(fresh, polledAt);
                if (batch.failure() != null) {
                    throw batch.failure();
                }
                progress.show(java.time.temporal.ChronoUnit.DAYS.between(FIRST_DAY, day) + 1, total);
            }
            vigie.snapshots.awaitWrites(); // a background write's failure fails the demo
            Function<String, String> deviceName = id -> watchlist.entry(id).map(WatchlistEntry::name).orElse(id);
            printTable(publisher.sent(), details, deviceName);
            printDisruptions(publisher.disruptions(), deviceName);
            printExample(publisher.sent(), watchlist, byId);
            out.println();
            out.println(stored + " relevés enregistrés, " + publisher.sent().size() + " alertes"
                    + (failures > 0 ? ", " + failures + " relevés en échec (source injoignable ou réponse illisible ; détails dans "
                    + Main.LOG_FILE + ")" : "")
                    + (sns.isPresent() ? ", publiées sur " + sns.get().topicArn() : " (aucun SNS configuré : alertes affichées ici)"));
        }
        return 0;
    }

    /**
     * One line per hospital and device that had alerts: how many were opened, when the first one
     * was, the worst level and the lowest coverage announced, and how it stands at the end; with
     * {@code --details}, every event below. Devices by their names ({@code nameOf}), as the SMS and email name them.
     */
    private void printTable(List<AlertEvent> alerts, boolean details, Function<String, String> nameOf) {
        out.println();
        out.println("Alertes par établissement et dispositif");
        if (alerts.isEmpty()) {
            out.println("  (aucune alerte)");
            return;
        }
        String device = "%-" + alerts.stream().map(e -> nameOf.apply(e.deviceId()).length()).max(Integer::compare).orElse(10) + "s";
        out.printf("%-13s " + device + " %7s  %-10s  %-11s %14s  %s%n", "Établissement", "Dispositif", "Alertes", "Première",
                "Pire niveau", "Couv. min.", "Fin");
        Map<String, List<AlertEvent>> bySeries = alerts.stream().sorted(Comparator.comparing(AlertEvent::at))
                .collect(Collectors.groupingBy(e -> e.facilityId() + " " + e.deviceId(), java.util.TreeMap::new, Collectors.toList()));
        bySeries.forEach((series, events) -> {
            List<AlertEvent> opened = events.stream().filter(e -> e.level().isOpen() && e.previousLevel() == null).toList();
            boolean critical = events.stream().anyMatch(e -> e.level() == AlertLevel.CRITICAL);
            double lowest = events.stream().filter(e -> e.level().isOpen()).mapToDouble(AlertEvent::coverageDays).min().orElse(0);
            AlertEvent last = events.get(events.size() - 1);
            out.printf("%-13s " + device + " %7d  %-10s  %-11s %14s  %s%n", last.facilityId(), nameOf.apply(last.deviceId()), opened.size(),
                    opened.isEmpty() ? "-" : localDay(opened.get(0)),
                    AlertTexts.levelLabel(critical ? AlertLevel.CRITICAL : AlertLevel.WARNING), AlertTexts.coverage(lowest, "j"),
                    last.level().isOpen() ? "ouverte" : "close");
        });
        if (details) {
            out.println();
            out.printf("%-13s " + device + " %-10s  %-19s %14s  %-14s  %s%n", "Établissement", "Dispositif", "Date", "Niveau", "Couverture",
                    "Rupture prévue", "Motifs");
            bySeries.values().forEach(events -> events.forEach(e -> out.printf("%-13s " + device + " %-10s  %-19s %14s  %-14s  %s%n",
                    e.facilityId(), nameOf.apply(e.deviceId()), localDay(e), AlertTexts.levelLabel(e.level()),
                    AlertTexts.coverage(e.coverageDays(), "j"), e.projectedStockout() == null ? "-" : DAY.format(e.projectedStockout()),
                    e.reasons().stream().map(AlertTexts::reasonLabel).collect(Collectors.joining(" ; ")))));
        } else {
            out.println("(chaque événement : ./vigie demo --details)");
        }
    }

    /** The day of an alert on its facility's calendar (its region's zone, Paris by default). */
    private String localDay(AlertEvent e) {
        return AlertTexts.day(e.at(), zoneOf.apply(e.facilityId()));
    }

    private void printDisruptions(List<SupplyDisruptionEvent> events, Function<String, String> nameOf) {
        if (events.isEmpty()) {
            return;
        }
        out.println();
        out.println("Tensions nationales (opérateurs)");
        events.forEach(e -> out.printf("  %s %-11s %s : %d établissements, %s%n", DAY.format(e.at().atZone(Region.PARIS)),
                DisruptionTexts.statusLabel(e.status()), nameOf.apply(e.deviceId()), e.facilities().size(),
                e.typicalDelayDays() != null ? "retard typique " + e.typicalDelayDays() + " j"
                        : "part livrée " + Math.round(100 * (e.deliveredFraction() == null ? 0 : e.deliveredFraction())) + " %"));
    }

    private void printExample(List<AlertEvent> alerts, MemoryWatchlist watchlist, Map<String, Facility> facilities) {
        Optional<AlertEvent> example = alerts.stream().filter(e -> e.level() == AlertLevel.CRITICAL).findFirst()
                .or(() -> alerts.stream().findFirst());
        if (example.isEmpty()) {
            return;
        }
        AlertEvent e = example.get();
        WatchlistEntry device = watchlist.entry(e.deviceId()).orElseThrow();
        out.println();
        Facility facility = facilities.get(e.facilityId());
        // the facility by its registered name and region, as the deployed texts (the demo has no acknowledgement link
        // nor regional contact)
        AlertContext context = new AlertContext(facility.name(), Region.labelOf(facility.region()), null, null, List.of(), List.of(), null);
        out.println("Exemple : ce que reçoit l'établissement " + facility.name() + " (" + e.facilityId() + ")");
        out.println("--- courriel ---");
        out.println("Objet : " + AlertTexts.emailSubject(e, device.name(), context));
        ZoneId zone = Region.zoneOf(facility.region());
        out.print(AlertTexts.emailBody(e, device, context, zone));
        String sms = AlertTexts.sms(e, facility.name(), device.name(), zone);
        out.println("--- SMS (" + sms.length() + " caractères GSM-7) ---");
        out.println(sms);
    }

    private static String resource(String name) {
        try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource missing from the build: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
