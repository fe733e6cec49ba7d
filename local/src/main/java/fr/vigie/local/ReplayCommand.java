package fr.vigie.local;

import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoRegistryEditor;
import fr.vigie.adapter.feed.DocumentKind;
import fr.vigie.adapter.feed.EpidemicCsv;
import fr.vigie.adapter.feed.FeedCsvReader;
import fr.vigie.adapter.feed.FeedFormatException;
import fr.vigie.adapter.feed.Json;
import fr.vigie.adapter.feed.JsonLinesChannels;
import fr.vigie.adapter.memory.MemoryWatchlist;
import fr.vigie.adapter.sns.SnsAlertChannels;
import fr.vigie.app.SeasonReplay;
import fr.vigie.app.NoticeIntake;
import fr.vigie.app.SnapshotIngestion;
import fr.vigie.adapter.feed.NoticeJson;
import fr.vigie.domain.Facility;
import fr.vigie.domain.FeedRow;
import fr.vigie.domain.Violation;
import fr.vigie.domain.notice.MatchedNotice;
import fr.vigie.domain.notice.NoticeBook;
import fr.vigie.domain.notice.NoticeDraft;
import fr.vigie.port.FacilityDirectory;
import fr.vigie.port.EpidemicSignals;
import fr.vigie.port.NoticeStore;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.AlertTexts;
import fr.vigie.domain.StaleDataEvent;
import fr.vigie.domain.StaleDataTexts;
import fr.vigie.port.AlertChannels;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code ./vigie replay --watchlist FILE --feed FILE.csv --alerts OUT.jsonl [--db DIR]}: a whole
 * feed through the functions' ingestion, storage, projection and alerting code, time taken from the
 * snapshots, the alert events written to OUT and the state kept in DIR for {@code ./vigie retex}.
 */
final class ReplayCommand {

    static final String USAGE = "./vigie replay --watchlist FICHIER --feed FICHIER.csv --alerts SORTIE.jsonl [--notices FICHIER.json] [--epidemic FICHIER.csv] [--db DOSSIER] [--summary FICHIER.json]";
    static final Set<String> OPTIONS = Set.of("--watchlist", "--feed", "--alerts", "--notices", "--epidemic", "--db", "--summary");

    /** How many rejected rows (or conflicts, failures) are printed before a count of the others. */
    static final int SHOWN = 20;

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
        Path watchlistPath = a.path("--watchlist");
        MemoryWatchlist watchlist = MemoryWatchlist.of(WatchlistFile.read(watchlistPath));
        Path feedPath = a.path("--feed");
        Path alertsPath = a.path("--alerts");
        Path dbPath = a.path("--db", ".vigie");
        Path summaryPath = a.path("--summary", summaryBeside(alertsPath).toString());
        Optional<Path> noticesPath = noticesFile(a, feedPath);
        List<NoticeDraft> noticeDrafts = noticesPath.isPresent() ? readNotices(noticesPath.get()) : List.of();
        Optional<Path> epidemicPath = Optional.ofNullable(a.optional("--epidemic", null)).map(Path::of);
        Optional<EpidemicCsv.Result> epidemic = epidemicPath.isPresent() ? Optional.of(readEpidemic(epidemicPath.get())) : Optional.empty();
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("le fichier de relevés (--feed)", feedPath);
        inputs.put("la liste surveillée (--watchlist)", watchlistPath);
        noticesPath.ifPresent(p -> inputs.put("le fichier d'avis (--notices)", p));
        epidemicPath.ifPresent(p -> inputs.put("le signal épidémique (--epidemic)", p));
        Map<String, Path> outputs = new LinkedHashMap<>();
        outputs.put("--alerts", alertsPath);
        outputs.put("--summary", summaryPath);
        LocalFiles.overwritesNothingRead(outputs, inputs);
        // the feed's header is read before the database starts: a wrong file is refused at once
        try (InputStream feed = open(feedPath)) {
            FeedCsvReader reader = reader(feed, feedPath, watchlist);
            // the inputs are good: the outputs' folders now, a path that cannot be written refused before the database starts
            LocalFiles.output(alertsPath, "--alerts");
            LocalFiles.output(summaryPath, "--summary");
            LocalFiles.folder(dbPath, "--db");
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
                Set<String> facilities = new HashSet<>();
                Instant[] feedStart = {null};
                NoticeIntake intake = new NoticeIntake(watchlist, vigie.notices, publisher, seen(facilities), vigie.snapshots);
                NoticeIntake.Outcome notices = intake.record(noticeDrafts,
                        new NoticeStore.Author("local:replay", "REPLAY", Instant.now()));
                // each week counts from its publication day: importing the whole file first changes nothing before that day
                int epidemicStored = epidemic.map(e -> vigie.epidemics.store(e.weeks(),
                        new EpidemicSignals.Author("local:replay", "REPLAY", Instant.now()))).orElse(0);
                SeasonReplay.Summary summary = new SeasonReplay(vigie.ingestion.admittingFacilitiesOf(directory), vigie.alerting, vigie.silence)
                        .run(noting(reader, facilities, feedStart), progress::show, announcing(intake, notices.stored()));
                // the RETEX enumerates series from the registry instead of scanning the snapshots, and judges each day
                // by the list in force then: the replayed list was in force from the feed's first row (its own clock)
                DynamoRegistryEditor registry = new DynamoRegistryEditor(db.client(), db.tables().registry());
                DynamoRegistryEditor.Author replay = new DynamoRegistryEditor.Author("local:replay", "REPLAY",
                        feedStart[0] == null ? Instant.now() : feedStart[0]);
                watchlist.entries().forEach(e -> registry.upsert(e, replay));
                directory.registerSeen(summary.facilities());
                printSummary(new Run(feedPath, reader.separator(), alertsPath, summaryPath, registryWasEmpty), summary, publisher, sns.isPresent());
                noticesPath.ifPresent(p -> printNotices(p, notices, publisher));
                epidemic.ifPresent(e -> printEpidemic(epidemicPath.get(), e, epidemicStored));
            }
        }
        Path truth = feedPath.toAbsolutePath().resolveSibling("truth.json");
        if (Files.isRegularFile(truth)) {
            try {
                printScore(SeasonScore.read(truth), feedPath, alertsPath, watchlist);
            } catch (IOException | UsageException | FeedFormatException | RuntimeException e) {
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

    /** {@code --notices FILE}, else {@code notices.json} beside the feed when there is one; {@code --notices none}: no notices. */
    private static Optional<Path> noticesFile(Arguments a, Path feed) {
        String given = a.optional("--notices", null);
        if (given != null) {
            return given.equals("none") ? Optional.empty() : Optional.of(Path.of(given));
        }
        Path beside = feed.toAbsolutePath().resolveSibling("notices.json");
        return Files.isRegularFile(beside) ? Optional.of(beside) : Optional.empty();
    }

    private static List<NoticeDraft> readNotices(Path path) throws UsageException {
        try {
            return NoticeJson.drafts(LocalFiles.readText(path, "fichier d'avis", Long.MAX_VALUE, DocumentKind.Expected.JSON));
        } catch (IllegalArgumentException e) {
            throw new UsageException(path + " : " + e.getMessage());
        }
    }

    /**
     * The signal file read by the one parser, as {@code POST /epidemic-signal} reads it: the same size cap, the
     * same refusal of a file without one valid row (the API's 400, exit 2 here, its first reasons quoted).
     */
    private static EpidemicCsv.Result readEpidemic(Path path) throws UsageException {
        EpidemicCsv.Result signal;
        try {
            signal = EpidemicCsv.read(LocalFiles.readText(path, "fichier de signal épidémique", EpidemicCsv.MAX_BYTES, DocumentKind.Expected.CSV),
                    LocalDate.now(ZoneOffset.UTC));
        } catch (FeedFormatException e) {
            throw new UsageException(path + " : " + e.getMessage());
        }
        if (signal.nothingValid()) {
            List<EpidemicCsv.Rejected> first = signal.rejected().subList(0, Math.min(3, signal.rejected().size()));
            throw new UsageException(path + " : " + EpidemicCsv.NOTHING_VALID
                    + (first.isEmpty() ? " (le fichier n'a que son en-tête)" : " (" + first.stream().map(Object::toString).collect(Collectors.joining(" ; "))
                    + (signal.rejected().size() > first.size() ? " ; … et " + (signal.rejected().size() - first.size()) + " autres" : "") + ")"));
        }
        return signal;
    }

    private void printEpidemic(Path path, EpidemicCsv.Result signal, int stored) {
        out.println("Signal épidémique (" + path.getFileName() + ")");
        out.printf("  lignes lues     %8d%n", signal.rows());
        out.printf("  semaines        %8d (une par région, épidémie, semaine et publication)%n", signal.weeks().size());
        out.printf("  enregistrées    %8d (nouvelles ou révisées)%n", stored);
        out.printf("  répétées        %8d (données une autre fois avec la même valeur)%n", signal.repeated());
        out.printf("  rejetées        %8d%n", signal.rejected().size());
        printCapped(signal.rejected(), signal.rejected().size(), "lignes refusées");
    }

    /**
     * The first {@value #SHOWN} of {@code items}, then how many more of {@code total} there are: a broken file of a
     * hundred thousand rows gives a screen, not a hundred thousand lines (the counts stay whole).
     */
    private void printCapped(List<?> items, long total, String what) {
        items.stream().limit(SHOWN).forEach(item -> out.println("  " + item));
        if (total > SHOWN) {
            out.println("  … et " + (total - Math.min(SHOWN, items.size())) + " autres " + what);
        }
    }

    /** Announces each notice record when the replay's time reaches the start of its publication day (UTC), never before. */
    private static Consumer<Instant> announcing(NoticeIntake intake, List<MatchedNotice> stored) {
        Deque<MatchedNotice> waiting = new ArrayDeque<>(new NoticeBook(stored).records());
        return until -> {
            while (!waiting.isEmpty() && !waiting.peekFirst().notice().publishedAt().atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(until)) {
                intake.announce(waiting.pollFirst());
            }
        };
    }

    /** The facilities seen in the feed, for the hospitals a notice is told to. */
    private static FacilityDirectory seen(Set<String> facilities) {
        return new FacilityDirectory() {
            @Override
            public Collection<Facility> facilities() {
                return facilities.stream().sorted().map(id -> new Facility(id, id, null, null)).toList();
            }

            @Override
            public Optional<Facility> facility(String facilityId) {
                return facilities.contains(facilityId) ? Optional.of(new Facility(facilityId, facilityId, null, null)) : Optional.empty();
            }
        };
    }

    private void printNotices(Path path, NoticeIntake.Outcome notices, FanOutChannels publisher) {
        out.println("Avis de rupture (" + path.getFileName() + ")");
        out.printf("  enregistrés     %8d%n", notices.stored().size());
        out.printf("  déjà connus     %8d%n", notices.repeated());
        out.printf("  révisés         %8d%n", notices.revised().size());
        out.printf("  rejetés         %8d%n", notices.rejected().stream().map(Violation::entry).distinct().count());
        out.printf("  annoncés        %8d (opérateurs), %d message(s) aux établissements%n",
                publisher.notices().size(), publisher.facilityNoticeMessages());
        printCapped(notices.revised(), notices.revised().size(), "révisions d'avis");
        printCapped(notices.rejected().stream().map(v -> "avis " + v).toList(), notices.rejected().size(), "refus d'avis");
    }

    /**
     * The reader's rows, each accepted row's facility added to {@code facilities} on the way (the
     * hospitals a notice is told to) and the earliest accepted row's time kept in {@code start[0]}.
     */
    private static SnapshotIngestion.RowSource noting(FeedCsvReader reader, Set<String> facilities, Instant[] start) {
        return () -> {
            FeedRow row = reader.next();
            if (row instanceof FeedRow.Accepted accepted) {
                facilities.add(accepted.snapshot().facilityId());
                Instant at = accepted.snapshot().timestamp();
                start[0] = start[0] == null || at.isBefore(start[0]) ? at : start[0];
            }
            return row;
        };
    }

    private static InputStream open(Path feed) throws UsageException, IOException {
        LocalFiles.notAFolder(feed, "fichier de relevés");
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
        out.println("Rejeu de " + run.feed().getFileName() + " (séparateur « " + FeedCsvReader.separatorName(run.separator()) + " »)");
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
        long silent = publisher.silences().stream().filter(e -> e.status() == StaleDataEvent.Status.OPEN).count();
        out.printf("  données interrompues %3d (établissement ou dispositif), %d retour(s) de données%n",
                silent, publisher.silences().size() - silent);
        publisher.silences().stream().filter(StaleDataEvent::facilityWide).forEach(e -> out.println("    "
                + e.facilityId() + (e.status() == StaleDataEvent.Status.OPEN ? " silencieux, " : " de retour le "
                + AlertTexts.day(e.at(), AlertTexts.zoneOf(e.facilityId())) + ", ")
                + StaleDataTexts.lastData(e.lastSeen(), AlertTexts.zoneOf(e.facilityId()))));
        if (run.registryWasEmpty() && !s.facilities().isEmpty()) {
            // a national feed names thousands: the first few say which, the count says how many
            out.println("  registre vide au départ : " + s.facilities().size() + " établissement(s) du fichier inscrit(s) ("
                    + String.join(", ", s.facilities().stream().limit(SHOWN).toList())
                    + (s.facilities().size() > SHOWN ? ", … et " + (s.facilities().size() - SHOWN) + " autres" : "") + ")");
        }
        out.println("  alertes écrites dans " + run.alerts() + (sns ? " et publiées sur SNS" : ""));
        out.println("  résumé JSON écrit dans " + run.summary());
        if (r.rejectedCount() > 0) {
            out.println("Lignes rejetées (" + r.rejectedCount() + (r.rejectedCount() > SHOWN ? ", par motif " + new TreeMap<>(r.rejectedByCode())
                    + ", les " + r.rejected().size() + " premières dans " + run.summary() : "") + ") :");
            printCapped(r.rejected(), r.rejectedCount(), "lignes refusées");
        }
        if (r.conflictCount() > 0) {
            out.println("Relevés en conflit, non enregistrés (" + r.conflictCount() + ") :");
            printCapped(r.conflicts().stream().map(c -> c.message() + " [" + c.code() + "]").toList(), r.conflictCount(), "relevés en conflit");
        }
        if (!s.evaluationFailures().isEmpty()) {
            out.println("Avertissement : " + s.evaluationFailures().size() + " relevé(s) enregistré(s) mais non évalué(s) :");
            printCapped(s.evaluationFailures(), s.evaluationFailures().size(), "relevés non évalués");
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
        line.put("staleDataEvents", publisher.silences().size());
        line.put("rejectedByCode", new TreeMap<>(r.rejectedByCode()));
        line.put("rejectedRows", r.rejected().stream().map(x -> Map.of("line", x.line(), "code", x.code().name(), "message", x.message())).toList());
        Files.writeString(run.summary(), Json.write(line) + "\n", StandardCharsets.UTF_8);
    }
}
