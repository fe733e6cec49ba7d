package fr.vigie.local;

import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoRegistryEditor;
import fr.vigie.adapter.feed.FeedCsvReader;
import fr.vigie.adapter.feed.FeedFormatException;
import fr.vigie.adapter.feed.Json;
import fr.vigie.adapter.feed.JsonLinesChannels;
import fr.vigie.adapter.memory.MemoryWatchlist;
import fr.vigie.adapter.sns.SnsAlertChannels;
import fr.vigie.app.SeasonReplay;
import fr.vigie.app.SnapshotIngestion;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.AlertTexts;
import fr.vigie.port.AlertChannels;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code ./vigie replay --watchlist FILE --feed FILE.csv --alerts OUT.jsonl [--db DIR]}: a whole
 * feed through the functions' ingestion, storage, projection and alerting code, time taken from the
 * snapshots, the alert events written to OUT and the state kept in DIR for {@code ./vigie retex}.
 */
final class ReplayCommand {

    static final String USAGE = "./vigie replay --watchlist FICHIER --feed FICHIER.csv --alerts SORTIE.jsonl [--db DOSSIER] [--summary FICHIER.json]";
    static final Set<String> OPTIONS = Set.of("--watchlist", "--feed", "--alerts", "--db", "--summary");

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    ReplayCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    int run(List<String> args) throws UsageException, IOException {
        Arguments a = new Arguments(args, OPTIONS);
        MemoryWatchlist watchlist = MemoryWatchlist.of(WatchlistFile.read(a.path("--watchlist")));
        Path feedPath = a.path("--feed");
        Path alertsPath = a.path("--alerts");
        Path dbPath = a.path("--db", ".vigie");
        Path summaryPath = a.path("--summary", summaryBeside(alertsPath).toString());
        // the feed's header is read before the database starts: a wrong file is refused at once
        try (InputStream feed = open(feedPath)) {
            FeedCsvReader reader = reader(feed, feedPath, watchlist);
            try (Writer alerts = Files.newBufferedWriter(alertsPath, StandardCharsets.UTF_8);
                 LocalDatabase db = LocalDatabase.onDisk(dbPath)) {
                List<AlertChannels> destinations = new ArrayList<>();
                destinations.add(JsonLinesChannels.to(alerts));
                Optional<SnsConnection> sns = SnsConnection.fromEnvironment(env);
                sns.ifPresent(c -> destinations.add(new SnsAlertChannels(c.client(), c.topicArn(), id -> Optional.empty())));
                FanOutChannels publisher = new FanOutChannels(destinations);
                LocalVigie vigie = new LocalVigie(db, watchlist, publisher, env);
                Progress progress = new Progress(err, "évaluation des relevés");
                DynamoFacilityDirectory directory = new DynamoFacilityDirectory(db.client(), db.tables().registry());
                boolean registryWasEmpty = directory.isEmpty();
                SeasonReplay.Summary summary = new SeasonReplay(vigie.ingestion.admittingFacilitiesOf(directory), vigie.alerting)
                        .run(reader::next, progress::show);
                // the RETEX enumerates series from the registry instead of scanning the snapshots
                DynamoRegistryEditor registry = new DynamoRegistryEditor(db.client(), db.tables().registry());
                DynamoRegistryEditor.Author replay = new DynamoRegistryEditor.Author("local:replay", "REPLAY", java.time.Instant.now());
                watchlist.entries().forEach(e -> registry.upsert(e, replay));
                directory.registerSeen(summary.facilities());
                printSummary(new Run(feedPath, reader.separator(), alertsPath, summaryPath, registryWasEmpty), summary, publisher, sns.isPresent());
            }
        }
        Path truth = feedPath.toAbsolutePath().resolveSibling("truth.json");
        if (Files.isRegularFile(truth)) {
            try {
                printScore(SeasonScore.read(truth), feedPath, alertsPath, watchlist);
            } catch (IOException | FeedFormatException | RuntimeException e) {
                // the backtest is a bonus of a past season: it never fails the replay that was done
                out.println("Avertissement : rétro-évaluation impossible avec " + truth + " : " + e.getMessage());
            }
        }
        return 0;
    }

    /** Where the closing JSON summary goes when {@code --summary} is not given: beside the alerts, {@code NAME.summary.json}. */
    static Path summaryBeside(Path alerts) {
        String name = alerts.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return alerts.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".summary.json");
    }

    /** What the summary names: the files read and written, the separator found, whether the registry was empty. */
    private record Run(Path feed, char separator, Path alerts, Path summary, boolean registryWasEmpty) {
    }

    /** A past season with its ground truth beside the feed: the backtest figures of these alerts. */
    private void printScore(SeasonScore score, Path feed, Path alerts, MemoryWatchlist watchlist) throws IOException, FeedFormatException {
        Map<String, int[]> thresholds = new java.util.HashMap<>();
        watchlist.entries().forEach(e -> thresholds.put(e.deviceId(),
                new int[]{e.thresholds().warningDays(), e.thresholds().criticalDays()}));
        out.println("Rétro-évaluation sur la vérité terrain (truth.json à côté du flux) :");
        out.println("              crises  recall7  lead_med  false_rate   msgs");
        printFigures("burn-rate", score.baseline(feed, thresholds));
        printFigures("oracle", score.oracle());
        printFigures("vigie", score.project(alerts));
    }

    private void printFigures(String method, SeasonScore.Figures f) {
        out.printf(java.util.Locale.FRANCE, "  %-10s %7d %8.3f %9s %11.3f %6.2f%n", method, f.crises(), f.recall7(),
                f.leadMedian() == Math.rint(f.leadMedian()) ? Long.toString((long) f.leadMedian())
                        : String.format(java.util.Locale.FRANCE, "%.1f", f.leadMedian()),
                f.falseRate(), f.msgs());
    }

    private static InputStream open(Path feed) throws UsageException, IOException {
        try {
            return Files.newInputStream(feed);
        } catch (NoSuchFileException e) {
            throw new UsageException("fichier de relevés introuvable : " + feed);
        }
    }

    private static FeedCsvReader reader(InputStream feed, Path path, MemoryWatchlist watchlist) throws UsageException, IOException {
        try {
            return new FeedCsvReader(feed, watchlist::knows);
        } catch (FeedFormatException e) {
            throw new UsageException(path + " : " + e.getMessage());
        }
    }

    private void printSummary(Run run, SeasonReplay.Summary s, FanOutChannels publisher, boolean sns) throws IOException {
        var r = s.ingestion();
        out.println("Rejeu de " + run.feed().getFileName() + " (séparateur « " + run.separator() + " »)");
        out.printf("  lignes lues     %8d%n", r.read());
        out.printf("  rejetées        %8d%n", r.rejectedCount());
        out.printf("  enregistrées    %8d%n", r.stored());
        out.printf("  doublons        %8d%n", r.duplicates());
        out.printf("  en conflit      %8d%n", r.conflictCount());
        out.printf("  évaluées        %8d%n", s.evaluated());
        Map<AlertLevel, Long> levels = publisher.byLevel();
        out.printf("  alertes         %s %d, %s %d, %s %d%n",
                AlertTexts.levelLabel(AlertLevel.WARNING), levels.getOrDefault(AlertLevel.WARNING, 0L),
                AlertTexts.levelLabel(AlertLevel.CRITICAL), levels.getOrDefault(AlertLevel.CRITICAL, 0L),
                AlertTexts.levelLabel(AlertLevel.RECOVERED), levels.getOrDefault(AlertLevel.RECOVERED, 0L));
        out.printf("  tensions nationales %4d événement(s)%n", publisher.disruptions().size());
        if (run.registryWasEmpty() && !s.facilities().isEmpty()) {
            out.println("  registre vide au départ : " + s.facilities().size() + " établissement(s) du fichier inscrit(s) ("
                    + String.join(", ", s.facilities()) + ")");
        }
        out.println("  alertes écrites dans " + run.alerts() + (sns ? " et publiées sur SNS" : ""));
        out.println("  résumé JSON écrit dans " + run.summary());
        if (r.rejectedCount() > 0) {
            out.println("Lignes rejetées (" + r.rejectedCount() + ") :");
            r.rejected().forEach(row -> out.println("  " + row));
            if (r.rejectedCount() > r.rejected().size()) {
                out.println("  … et " + (r.rejectedCount() - r.rejected().size()) + " autres (" + r.rejectedByCode() + ")");
            }
        }
        if (r.conflictCount() > 0) {
            out.println("Relevés en conflit, non enregistrés (" + r.conflictCount() + ") :");
            r.conflicts().forEach(c -> out.println("  " + c.message() + " [" + c.code() + "]"));
        }
        if (!s.evaluationFailures().isEmpty()) {
            out.println("Avertissement : " + s.evaluationFailures().size() + " relevé(s) enregistré(s) mais non évalué(s) :");
            s.evaluationFailures().forEach(f -> out.println("  " + f));
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", "replay_summary");
        line.put("feed", run.feed().toString());
        line.put("separator", String.valueOf(run.separator()));
        line.put("rowsRead", r.read());
        line.put("rejected", r.rejectedCount());
        line.put("stored", r.stored());
        line.put("duplicates", r.duplicates());
        line.put("conflicts", r.conflictCount());
        line.put("evaluated", s.evaluated());
        line.put("evaluationFailures", s.evaluationFailures().size());
        line.put("alerts", publisher.sent().size());
        line.put("disruptionEvents", publisher.disruptions().size());
        line.put("rejectedByCode", new TreeMap<>(r.rejectedByCode()));
        line.put("rejectedRows", r.rejected().stream().map(x -> Map.of("line", x.line(), "code", x.code().name(), "message", x.message())).toList());
        Files.writeString(run.summary(), Json.write(line) + "\n", StandardCharsets.UTF_8);
    }
}
