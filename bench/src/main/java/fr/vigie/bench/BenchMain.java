package fr.vigie.bench;

import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.adapter.feed.WatchlistJson;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.domain.WatchlistValidator;
import fr.vigie.local.Main;
import fr.vigie.testkit.DynamoDbLocalServer;
import fr.vigie.testkit.Fauxqs;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./vigie bench}: replay throughput (season and national day) against one-PutItem-at-a-time
 * writes, capacity units per snapshot and the monthly cost of France, cold starts against a bare
 * handler, peak heap of a 100,000-row replay; prints the figures and rewrites docs/benchmarks.md.
 * <p>
 * Options: {@code --quick} (small sizes, to try the bench itself; the doc is then not written),
 * {@code --no-doc}, {@code --rounds N} (cold-start rounds, default 5), {@code --scale} (the data model's figures
 * only: season-a and the hourly feed, bench/results.json updated, the doc not written), {@code --cold} (the cold starts
 * and jar sizes only: bench/results.json's coldStartRatioMax and jarMbMax updated, the doc not written).
 */
public final class BenchMain {

    static final int FACILITIES = 3_000;
    static final int DEVICES = 60;
    static final int MEMORY_COPIES = 8;
    static final int NATIONAL_REFERENCE_CAP = 40_000;
    /** Warm replays of season-a for {@code replayVsEngineRatio}, after the first (cold) one: a median of three. */
    static final int REPLAY_ROUNDS = 3;
    /** The hourly feed whose capacity units are France's: facilities, days (60 devices each, polled hourly). */
    static final int HOURLY_FACILITIES = 8;
    static final int HOURLY_DAYS = 3;

    private final PrintStream out = System.out;
    private final Path root;
    private final boolean quick;
    private final int rounds;
    private final boolean scaleOnly;
    private final StringBuilder log = new StringBuilder();
    /** The figures this run adds to bench/results.json. */
    private final Map<String, Object> figures = new java.util.LinkedHashMap<>();

    private BenchMain(Path root, boolean quick, int rounds, boolean scaleOnly) {
        this.root = root;
        this.quick = quick;
        this.rounds = rounds;
        this.scaleOnly = scaleOnly;
    }

    /** Options this command takes, those followed by a value second ({@code --root}: set by ./vigie, not a user's). */
    static final List<String> FLAGS = List.of("--quick", "--no-doc", "--scale", "--cold");
    static final List<String> VALUED = List.of("--rounds", "--root");

    /** The first argument that is not an option of {@link Main#BENCH_HELP} (nor an option's value), or null. */
    static String unknownOption(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (VALUED.contains(arg) && i + 1 < args.size()) {
                i++;
            } else if (!FLAGS.contains(arg)) {
                return arg;
            }
        }
        return null;
    }

    public static void main(String[] args) throws Exception {
        Logger.getLogger("").setLevel(Level.WARNING);
        // DynamoDB Local's warnings (a cancelled transaction is its WARN) go to a file, as ./vigie's do, not between the figures
        System.setProperty("vigie.logFile", Files.createTempDirectory("vigie-bench-").resolve("bench.log").toString());
        System.setProperty("log4j2.configurationFile", "vigie-local-log4j2.xml");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("log4j2.level", "WARN");
        List<String> a = Arrays.asList(args);
        if (a.contains("--help") || a.contains("-h")) {
            System.out.println(Main.BENCH_HELP);
            System.exit(0);
        }
        String unknown = unknownOption(a);
        if (unknown != null) {
            System.err.println("vigie bench : option inconnue « " + unknown + " » (vigie bench --help)");
            System.exit(2);
        }
        boolean quick = a.contains("--quick");
        int rounds = a.contains("--rounds") ? Integer.parseInt(a.get(a.indexOf("--rounds") + 1)) : (quick ? 1 : 5);
        Path root = a.contains("--root") ? Path.of(a.get(a.indexOf("--root") + 1)) : fr.vigie.testkit.ProjectRoot.find();
        BenchMain bench = new BenchMain(root.toAbsolutePath().normalize(), quick, rounds, a.contains("--scale"));
        if (a.contains("--cold")) {
            bench.coldOnly();
            System.exit(0);
        }
        String doc = bench.run();
        if (!quick && !a.contains("--no-doc") && !a.contains("--scale")) {
            Files.writeString(bench.root.resolve("docs/benchmarks.md"), doc, StandardCharsets.UTF_8);
            ResultsJson.merge(bench.root.resolve("bench/results.json"), bench.figures);
            System.out.println("\ndocs/benchmarks.md rewritten");
        }
        System.exit(0);
    }

    private String run() throws Exception {
        long benchStart = System.nanoTime();
        Machine machine = Machine.read();
        out.println("Vigie bench — " + machine.date + (quick ? " (quick: reduced sizes, doc not written)" : ""));
        out.println(machine.summary());

        Path samples = root.resolve("../shared/samples/season-a").normalize();
        String watchlistJson = Files.readString(samples.resolve("watchlist.json"));
        List<WatchlistEntry> seasonWatchlist = parseWatchlist(watchlistJson);
        byte[] seasonFeed = Files.readAllBytes(samples.resolve("feed.csv"));

        // 1. replay throughput and capacity units, season-a
        section("Replay, season-a (" + samples + ")");
        ReplayBench.Result seasonLocal = ReplayBench.run("season-a", seasonFeed, seasonWatchlist, ReplayBench.Composition.LOCAL,
                Integer.MAX_VALUE, true, 0);
        print(seasonLocal);
        ReplayBench.Rounds replayRounds = replayRounds(seasonLocal, seasonFeed, seasonWatchlist);
        ReplayBench.Result seasonFunctions = ReplayBench.run("season-a", seasonFeed, seasonWatchlist, ReplayBench.Composition.FUNCTIONS, 0);
        print(seasonFunctions);

        // 2. a national-size day
        int facilities = quick ? 300 : FACILITIES;
        String nationalWatchlistJson = Feeds.widenWatchlist(watchlistJson, DEVICES);
        List<WatchlistEntry> nationalWatchlist = parseWatchlist(nationalWatchlistJson);
        if (scaleOnly) {
            Feeds.Span span = Feeds.span(seasonFeed);
            Cost cost = Cost.of(hourly(nationalWatchlistJson, nationalWatchlist), seasonLocal, span.series(), span.months());
            section("Monthly cost of France at hourly polling (USD, see the doc for prices and assumptions)");
            out.print(cost.table());
            scaleFigures(cost, replayRounds, lastHourly);
            ResultsJson.merge(root.resolve("bench/results.json"), figures);
            out.println("bench/results.json updated");
            return "";
        }
        byte[] nationalFeed = Feeds.nationalDay(facilities, Feeds.deviceIds(nationalWatchlistJson),
                Instant.parse("2025-11-17T05:00:00Z"), 2025).getBytes(StandardCharsets.UTF_8);
        section("Replay, national day (" + facilities + " facilities x " + DEVICES + " devices, generated)");
        ReplayBench.Result national = ReplayBench.run("national day", nationalFeed, nationalWatchlist, ReplayBench.Composition.LOCAL,
                quick ? 5_000 : NATIONAL_REFERENCE_CAP);
        print(national);

        // 2b. hourly polling, the functions' composition: France's capacity units per snapshot
        ReplayBench.Result hourly = hourly(nationalWatchlistJson, nationalWatchlist);

        // 3. cold starts
        section("Cold starts (" + rounds + " round(s), median)");
        ColdStartResult cold = coldStarts(seasonWatchlist);

        // 4. memory
        section("Memory: ./vigie replay of season-a x " + MEMORY_COPIES + " under -Xmx256m");
        MemoryResult memory = memory(samples);

        // 5. cost
        Feeds.Span span = Feeds.span(seasonFeed);
        Cost cost = Cost.of(hourly, seasonLocal, span.series(), span.months());
        section("Monthly cost of France at hourly polling (USD, see the doc for prices and assumptions)");
        out.print(cost.table());

        double benchSeconds = (System.nanoTime() - benchStart) / 1e9;
        String loadEnd = loadAverage();
        out.printf(Locale.ROOT, "%nbench took %.0f s; load average at end %s%n", benchSeconds, loadEnd);
        scaleFigures(cost, replayRounds, hourly);
        return Report.markdown(machine, loadEnd, benchSeconds, seasonLocal, replayRounds, seasonFunctions, national, hourly, cold, memory, cost,
                facilities, span);
    }

    private ReplayBench.Result lastHourly;

    /** {@code --cold}: the cold starts and jar sizes only, printed, and their two figures merged into bench/results.json. */
    private void coldOnly() throws Exception {
        Machine machine = Machine.read();
        out.println("Vigie bench --cold — " + machine.date);
        out.println(machine.summary());
        Path samples = root.resolve("../shared/samples/season-a").normalize();
        section("Cold starts (" + rounds + " round(s), median)");
        coldStarts(parseWatchlist(Files.readString(samples.resolve("watchlist.json"))));
        out.println("load average at end: " + loadAverage());
        ResultsJson.merge(root.resolve("bench/results.json"), figures);
        out.println("bench/results.json updated (coldStartRatioMax, jarMbMax)");
    }

    /**
     * The data model's figures for bench/results.json (issue 18): {@code wcuPerSnapshot}, {@code rruPerSnapshotHourly}
     * (hourly feed, functions' composition), {@code franceMonthlyEur} (without SMS), {@code replayVsEngineRatio}
     * (season-a replayed into an on-disk database / the same items batch-written into memory, warm: {@link ReplayBench.Rounds}) and
     * {@code ingestVsPutItemRatio} (parsing and one PutItem per snapshot / this ingestion, hourly feed).
     */
    private void scaleFigures(Cost cost, ReplayBench.Rounds replay, ReplayBench.Result hourly) {
        figures.put("wcuPerSnapshot", round(cost.wcuPerSnapshot, 4));
        figures.put("rruPerSnapshotHourly", round(cost.rruPerSnapshot, 4));
        figures.put("franceMonthlyEur", round(cost.eur(), 2));
        figures.put("replayVsEngineRatio", round(replay.ratio(), 2));
        figures.put("ingestVsPutItemRatio", round(hourly.putPerSnapshotSeconds() / hourly.ingestSeconds(), 2));
    }

    private static double round(double v, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(v * scale) / scale;
    }

    /** The functions' composition on {@link Feeds#hourly}: France's capacity units per snapshot. */
    private ReplayBench.Result hourly(String watchlistJson, List<WatchlistEntry> watchlist) throws Exception {
        int hourlyFacilities = quick ? 2 : HOURLY_FACILITIES;
        byte[] hourlyFeed = Feeds.hourly(hourlyFacilities, Feeds.deviceIds(watchlistJson), HOURLY_DAYS,
                Instant.parse("2025-11-17T00:00:00Z"), 2025).getBytes(StandardCharsets.UTF_8);
        section("Hourly polling (" + hourlyFacilities + " facilities x " + DEVICES + " devices x " + HOURLY_DAYS + " days, generated)");
        lastHourly = ReplayBench.run("hourly", hourlyFeed, watchlist, ReplayBench.Composition.FUNCTIONS, 0, false, 20_000);
        print(lastHourly);
        return lastHourly;
    }

    /** {@link #REPLAY_ROUNDS} warm replays of season-a after the first, each with its reference; printed. */
    private ReplayBench.Rounds replayRounds(ReplayBench.Result first, byte[] feed, List<WatchlistEntry> watchlist) throws Exception {
        ReplayBench.Rounds r = ReplayBench.rounds(first, feed, watchlist, REPLAY_ROUNDS);
        for (int i = 0; i < r.replays().length; i++) {
            out.printf(Locale.ROOT, "  warm round %d: replay %.2f s, the same items batch-written into memory %.2f s%n",
                    i + 1, r.replays()[i], r.references()[i]);
        }
        out.printf(Locale.ROOT, "  replay / batch-write: %.2f warm (medians of %d rounds), %.2f for the first replay of the JVM (cold)%n",
                r.ratio(), REPLAY_ROUNDS, r.coldRatio());
        return r;
    }

    private static List<WatchlistEntry> parseWatchlist(String json) {
        WatchlistValidator.Result r = WatchlistJson.parseList(json);
        if (!r.valid()) {
            throw new IllegalStateException("invalid watch-list: " + r.violations());
        }
        return r.entries();
    }

    private void section(String title) {
        out.println();
        out.println("== " + title);
    }

    private void print(ReplayBench.Result r) {
        out.printf(Locale.ROOT, "  %-13s %-9s rows %,d stored %,d evaluated %,d alerts %,d in %.1f s = %,.0f snapshots/s%n",
                r.name(), r.composition(), r.rows(), r.stored(), r.evaluated(), r.alerts(), r.seconds(), r.perSecond());
        if (r.composition() == ReplayBench.Composition.LOCAL) {
            // the snapshots' BatchWriteItems run on the store's own thread, beside the evaluation: their time overlaps the rest
            out.printf(Locale.ROOT, "      %.1f s inside DynamoDB Local's calls, of which %.1f s the background writer's BatchWriteItems "
                    + "(overlapping the evaluation)%n", r.engineSeconds(), r.operations().containsKey("BatchWriteItem")
                    ? r.operations().get("BatchWriteItem").seconds() : 0.0);
        } else {
            out.printf(Locale.ROOT, "      %.1f s of it inside DynamoDB Local's calls, %.1f s in parsing, projection, alerting and the adapters%n",
                    r.engineSeconds(), r.seconds() - r.engineSeconds());
        }
        out.printf(Locale.ROOT, "      capacity: %.3f WCU and %.3f RCU per stored snapshot (%.0f WCU, %.0f RCU)%n",
                r.wcu() / r.stored(), r.rcu() / r.stored(), r.wcu(), r.rcu());
        r.operations().forEach((op, t) -> out.printf(Locale.ROOT, "        %-36s calls %,9d items %,10d RCU %,11.1f WCU %,11.1f %7.1f s%n",
                op, t.calls(), t.items(), t.rcu(), t.wcu(), t.seconds()));
        if (r.onDisk()) {
            out.printf(Locale.ROOT, "      on disk; the same %,d items batch-written 25 at a time into memory: %.2f s; replay / that = %.2f%n",
                    r.writesSeen(), r.batchWriteSeconds(), r.seconds() / r.batchWriteSeconds());
        }
        if (!Double.isNaN(r.putPerSnapshotSeconds())) {
            out.printf(Locale.ROOT, "      ingestion %.2f s; one PutItem per snapshot (before issue 18): %.2f s; ratio %.1f%n",
                    r.ingestSeconds(), r.putPerSnapshotSeconds(), r.putPerSnapshotSeconds() / r.ingestSeconds());
            out.printf(Locale.ROOT, "      billed: %.4f WCU and %.4f RRU per snapshot%n", r.wcu() / r.stored(),
                    Cost.billedRru(r.operations()) / r.stored());
        }
        if (r.reference() != null) {
            ReplayBench.Reference ref = r.reference();
            double refPerSecond = r.stored() / ref.secondsForAll();
            out.printf(Locale.ROOT, "      reference: %,d PutItem one at a time in %.1f s = %,.0f puts/s; all %,d writes -> %.1f s = %,.0f snapshots/s; ratio %.2f%n",
                    ref.timedPuts(), ref.timedSeconds(), ref.putsPerSecond(), ref.allPuts(), ref.secondsForAll(), refPerSecond,
                    r.perSecond() / refPerSecond);
        }
    }

    // ------------------------------------------------------------------ cold starts

    record ColdStartResult(List<Double> hello, List<ColdStart.Measured> functions, List<ColdStart.Measured> snapStart, String engines,
                           Path logs) {
        /** bench/results.json's {@code coldStartRatioMax}: the worst function's restored cold start over the bare handler's (estimate). */
        double coldStartRatioMax() {
            return snapStart.stream().mapToDouble(ColdStart.Measured::medianPairedRestoredRatio).max().orElse(Double.NaN);
        }

        /** bench/results.json's {@code jarMbMax}: the largest function jar, MB of 10^6 bytes. */
        double jarMbMax() {
            return functions.stream().mapToDouble(m -> m.function().jar().toFile().length() / 1e6).max().orElse(Double.NaN);
        }

        double helloMedian() {
            return ColdStart.median(hello.stream().mapToDouble(Double::doubleValue).toArray());
        }

        double helloCpuMedian() {
            return ColdStart.median(functions.stream().flatMap(m -> m.pairedHello().stream()).mapToDouble(ColdStart.Run::cpuMs).toArray());
        }
    }

    private ColdStartResult coldStarts(List<WatchlistEntry> watchlist) throws Exception {
        DynamoDbLocalServer dynamo = DynamoDbLocalServer.get();
        Tables.Names names = Tables.Names.defaults();
        try (DynamoDbClient client = dynamo.client()) {
            Tables.createMissing(client, names);
            watchlist.forEach(e -> DynamoWatchlist.put(client, names.registry(), e));
        }
        String others;
        String engines;
        try {
            others = Fauxqs.get().endpoint().toString();
            engines = "DynamoDB Local (server, in memory, in the bench JVM) and fauxqs (SNS/SQS/S3) on loopback";
            try {
                seedBuckets(java.net.URI.create(others), samplesFeed());
                engines += ", the S3 events' bucket and objects and the RETEX bucket created first";
            } catch (IOException | RuntimeException e) {
                engines += " (its buckets could not be created: " + e + ")";
            }
        } catch (RuntimeException e) {
            others = "http://127.0.0.1:9"; // nothing listens: SNS/SQS/S3 calls fail fast
            engines = "DynamoDB Local (server, in memory, in the bench JVM); no SNS/SQS/S3 emulator (" + e.getMessage()
                    + "): those calls fail fast";
        }
        out.println("  engines: " + engines);
        Map<String, String> env = new HashMap<>();
        env.put("AWS_REGION", "eu-west-3");
        env.put("AWS_DEFAULT_REGION", "eu-west-3");
        // DynamoDB Local keeps tables per access key and Region: the same as testkit's client, which created them
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_ENDPOINT_URL", others);
        env.put("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint().toString());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/vigie-bench");
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "bench");
        env.put("SNAPSHOTS_TABLE", names.snapshots());
        env.put("ALERTS_TABLE", names.alerts());
        env.put("REGISTRY_TABLE", names.registry());
        env.put("ALERT_TOPIC_ARN", "arn:aws:sns:eu-west-3:000000000000:vigie-alerts");
        env.put("CONSOLE_URL", "https://console.example");
        env.put("POLL_QUEUE_URL", others + "/000000000000/vigie-poll");
        env.put("POLL_CONCURRENCY", "8");
        env.put("REPORTS_BUCKET", REPORTS_BUCKET);
        String classpath = Files.readString(root.resolve("bench/target/runtime-classpath.txt")).strip();
        ColdStart cs = new ColdStart(root, classpath, root.resolve("bench/target/classes"), env);
        List<ColdStart.Function> functions = ColdStart.functions(root);
        List<Double> hello = new ArrayList<>();
        Map<ColdStart.Function, List<ColdStart.Run>> runs = new java.util.LinkedHashMap<>();
        Map<ColdStart.Function, List<ColdStart.Run>> paired = new HashMap<>();
        Map<ColdStart.Function, List<ColdStart.Run>> restored = new HashMap<>();
        functions.forEach(f -> {
            runs.put(f, new ArrayList<>());
            paired.put(f, new ArrayList<>());
            restored.put(f, new ArrayList<>());
        });
        for (int round = 0; round < rounds; round++) {
            out.printf(Locale.ROOT, "  round %d%n", round + 1);
            for (ColdStart.Function f : functions) {
                // the bare handler right before each function: the pair shares the machine's load of the moment
                ColdStart.Run h = cs.hello(round);
                hello.add(h.answerMs());
                paired.get(f).add(h);
                ColdStart.Run r = cs.function(f, round);
                runs.get(f).add(r);
                ColdStart.Run snap = cs.snapStart(f, round);
                restored.get(f).add(snap);
                out.printf(Locale.ROOT, "    %-24s init %5.0f ms, first answer %5.0f ms, CPU %5.0f ms (%s%s); bare handler %4.0f ms, CPU %4.0f ms%n",
                        f.simpleName(), r.initMs(), r.answerMs(), r.cpuMs(), r.kind(), r.detail().isEmpty() ? "" : ": " + r.detail(),
                        h.answerMs(), h.cpuMs());
                out.printf(Locale.ROOT, "    %-24s under SnapStart: first answer %5.0f ms after the restore (%s%s)%n", "",
                        snap.afterRestoreMs(), snap.kind(), snap.detail().isEmpty() ? "" : ": " + snap.detail());
            }
        }
        List<ColdStart.Measured> measured = new ArrayList<>();
        List<ColdStart.Measured> snapStart = new ArrayList<>();
        runs.forEach((f, r) -> measured.add(new ColdStart.Measured(f, r, paired.get(f))));
        runs.keySet().forEach(f -> snapStart.add(new ColdStart.Measured(f, restored.get(f), paired.get(f))));
        ColdStartResult result = new ColdStartResult(hello, measured, snapStart, engines, cs.logs());
        figures.put("coldStartRatioMax", result.coldStartRatioMax());
        figures.put("jarMbMax", result.jarMbMax());
        out.printf(Locale.ROOT, "  bare handler median %.0f ms over %d runs%n", result.helloMedian(), hello.size());
        for (ColdStart.Measured m : measured) {
            out.printf(Locale.ROOT, "  %-24s median %5.0f ms; median of paired ratios %.2fx (%.2fx the overall bare median); CPU %.2fx; jar %.1f MB%n",
                    m.function().simpleName(), m.medianAnswerMs(), m.medianPairedRatio(), m.medianAnswerMs() / result.helloMedian(),
                    m.medianPairedCpuRatio(), Files.size(m.function().jar()) / 1e6);
        }
        snapStart.forEach(m -> out.printf(Locale.ROOT, "  %-24s under SnapStart: %5.0f ms after the restore; estimate %.2fx the bare handler%n",
                m.function().simpleName(), m.medianAfterRestoreMs(), m.medianPairedRestoredRatio()));
        out.printf(Locale.ROOT, "  coldStartRatioMax %.2f, jarMbMax %.2f%n", result.coldStartRatioMax(), result.jarMbMax());
        out.println("  child logs: " + cs.logs());
        return result;
    }

    static final String REPORTS_BUCKET = "vigie-bench-reports";

    private Path samplesFeed() {
        return root.resolve("../shared/samples/season-a/feed.csv").normalize();
    }

    /**
     * The S3 events' bucket and objects (a day of one facility's rows from season-a; season-a's notices file under
     * notices/) and the RETEX bucket, in the emulator.
     */
    private void seedBuckets(java.net.URI endpoint, Path feed) throws IOException {
        com.fasterxml.jackson.databind.JsonNode s3 = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(root.resolve("events/stock-report-s3.json").toFile()).get("Records").get(0).get("s3");
        String bucket = s3.get("bucket").get("name").asText();
        String key = java.net.URLDecoder.decode(s3.get("object").get("key").asText(), StandardCharsets.UTF_8);
        List<String> lines = Files.readAllLines(feed);
        StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
        lines.stream().skip(1).filter(l -> l.startsWith("2025-11-02") && l.contains(",CH-BRE-08,")).forEach(l -> csv.append(l).append('\n'));
        try (software.amazon.awssdk.services.s3.S3Client client = software.amazon.awssdk.services.s3.S3Client.builder()
                .endpointOverride(endpoint).forcePathStyle(true).region(software.amazon.awssdk.regions.Region.EU_WEST_3)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.builder()).build()) {
            for (String b : List.of(bucket, REPORTS_BUCKET)) {
                try {
                    client.createBucket(r -> r.bucket(b));
                } catch (software.amazon.awssdk.services.s3.model.S3Exception exists) {
                    // already there
                }
            }
            client.putObject(r -> r.bucket(bucket).key(key), software.amazon.awssdk.core.sync.RequestBody.fromString(csv.toString()));
            // the notices file drop's event: season-a's notices file at its key
            com.fasterxml.jackson.databind.JsonNode notices = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(root.resolve("events/supply-notices-s3.json").toFile()).get("Records").get(0).get("s3");
            String noticesKey = java.net.URLDecoder.decode(notices.get("object").get("key").asText(), StandardCharsets.UTF_8);
            client.putObject(r -> r.bucket(notices.get("bucket").get("name").asText()).key(noticesKey),
                    software.amazon.awssdk.core.sync.RequestBody.fromFile(feed.resolveSibling("notices.json")));
        }
    }

    // ------------------------------------------------------------------ memory

    record MemoryResult(long rows, boolean completed, int exitCode, double seconds, long poolPeakBytes, long gcPeakBytes,
                        long maxHeapBytes, String summary) {
    }

    private MemoryResult memory(Path samples) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("vigie-bench-memory-");
        Path feed = dir.resolve("feed-x" + MEMORY_COPIES + ".csv");
        long rows = Feeds.multiply(samples.resolve("feed.csv"), quick ? 2 : MEMORY_COPIES, feed);
        Path gcLog = dir.resolve("gc.log");
        String classpath = root.resolve("bench/target/classes") + java.io.File.pathSeparator
                + Files.readString(root.resolve("bench/target/runtime-classpath.txt")).strip();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-Xshare:auto", "-Xlog:gc:file=" + gcLog, "-cp", classpath,
                PeakHeap.class.getName(), "replay", "--watchlist", samples.resolve("watchlist.json").toString(),
                "--feed", feed.toString(), "--alerts", dir.resolve("alerts.jsonl").toString(), "--db", dir.resolve("db").toString());
        Path childOut = dir.resolve("replay.out");
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(childOut.toFile()).directory(dir.toFile()).start();
        boolean done = p.waitFor(8, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String output = Files.readString(childOut);
        long poolPeak = 0;
        long max = 0;
        Matcher m = Pattern.compile("peak-heap used=(\\d+) max=(\\d+)").matcher(output);
        if (m.find()) {
            poolPeak = Long.parseLong(m.group(1));
            max = Long.parseLong(m.group(2));
        }
        long gcPeak = gcPeak(Files.exists(gcLog) ? Files.readString(gcLog) : "");
        int exit = done ? p.exitValue() : -1;
        String summary = output.lines().filter(l -> l.startsWith("  ") || l.startsWith("Rejeu")).reduce("", (a, b) -> a + b + "\n");
        MemoryResult r = new MemoryResult(rows, done && exit == 0, exit, seconds, poolPeak, gcPeak, max, summary);
        out.printf(Locale.ROOT, "  %,d rows, exit %d in %.1f s; peak used heap %.1f MB (GC log, before a collection), "
                        + "%.1f MB (sum of pool peaks); max heap %.0f MB%n",
                rows, exit, seconds, gcPeak / 1e6, poolPeak / 1e6, max / 1e6);
        out.print(summary.indent(2));
        out.println("  files: " + dir);
        return r;
    }

    /** The largest heap use a unified GC log shows, before any collection ({@code Pause Young (...) 70M->12M(247M)}). */
    static long gcPeak(String gcLog) {
        long peak = 0;
        Matcher m = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\(").matcher(gcLog);
        while (m.find()) {
            peak = Math.max(peak, bytes(m.group(1), m.group(2)));
            peak = Math.max(peak, bytes(m.group(3), m.group(4)));
        }
        return peak;
    }

    private static long bytes(String n, String unit) {
        long v = Long.parseLong(n);
        return switch (unit) {
            case "K" -> v << 10;
            case "M" -> v << 20;
            default -> v << 30;
        };
    }

    // ------------------------------------------------------------------ machine

    record Machine(String date, int cpus, String cpuModel, long memoryKb, String java, String loadAtStart) {

        static Machine read() throws IOException, InterruptedException {
            String date = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(Instant.now().atZone(ZoneOffset.UTC));
            String model = "?";
            long mem = 0;
            try {
                model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("?");
                mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                        .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0L);
            } catch (IOException ignored) {
                // not Linux: left unknown
            }
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                    .redirectErrorStream(true).start();
            String java = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip().replace("\n", "; ");
            p.waitFor();
            return new Machine(date, Runtime.getRuntime().availableProcessors(), model, mem, java, loadAverage());
        }

        String summary() {
            return String.format(Locale.ROOT, "machine: %d cores (%s), %.1f GiB, %s%nload average at start: %s",
                    cpus, cpuModel, memoryKb / 1048576.0, java, loadAtStart);
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
