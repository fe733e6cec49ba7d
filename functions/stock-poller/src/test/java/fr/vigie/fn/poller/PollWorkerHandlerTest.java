package fr.vigie.fn.poller;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.sun.net.httpserver.HttpServer;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.adapter.http.HttpStockSource;
import fr.vigie.domain.Epidemic;
import fr.vigie.domain.Facility;
import fr.vigie.domain.SeasonWindow;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.StockSourceConfig;
import fr.vigie.domain.Thresholds;
import fr.vigie.domain.WatchlistEntry;
import fr.vigie.testkit.DynamoDbLocalServer;
import fr.vigie.testkit.ProjectRoot;
import fr.vigie.testkit.TestLambdaContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The poll worker on the events/ SQS sample, against DynamoDB Local and real HTTP sources on the
 * loopback: three healthy sources, one that hangs past its timeout, one that answers HTTP 500 and
 * one that answers garbage.
 */
class PollWorkerHandlerTest {

    /** When the fixtures' reports (2025-11-02) are received: their time range is checked against it, not today. */
    static final java.time.Clock RECEIVED = java.time.Clock.fixed(java.time.Instant.parse("2025-11-02T06:00:00Z"), java.time.ZoneOffset.UTC);

    private static final Tables.Names NAMES = new Tables.Names("pollw-snapshots", "pollw-alerts", "pollw-registry");
    private static final Set<String> HEALTHY = Set.of("CHU-IDF-01", "CH-HDF-03", "CHU-ARA-04");
    private static final String SECRET_NAME = "vigie/test/chu-naq-06";
    private static DynamoDbClient dynamo;
    private static HttpServer server;
    private static ExecutorService serverThreads;

    @BeforeAll
    static void setUp() throws IOException {
        dynamo = DynamoDbLocalServer.get().client();
        Tables.createMissing(dynamo, NAMES);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/ok/", exchange -> {
            String facility = exchange.getRequestURI().getPath().substring("/ok/".length());
            answer(exchange, 200, report(facility));
        });
        server.createContext("/slow", late(3_000, "CH-OCC-05"));
        server.createContext("/guarded", exchange -> {
            boolean allowed = "Bearer s3cr3t".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            answer(exchange, allowed ? 200 : 401, allowed ? report("CHU-NAQ-06") : "{\"message\":\"Unauthorized\"}");
        });
        server.createContext("/hang", late(6_000, "CH-GES-07"));
        server.createContext("/future", exchange -> answer(exchange, 200, report("CH-NOR-09").replace("2025-11-02", "2025-11-09")));
        server.createContext("/error", exchange -> answer(exchange, 500, "{\"message\":\"Internal Server Error\"}"));
        server.createContext("/garbage", exchange -> answer(exchange, 200, "<html><body>Maintenance en cours</body>"));
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();

        DynamoFacilityDirectory directory = new DynamoFacilityDirectory(dynamo, NAMES.registry());
        for (String id : HEALTHY) {
            directory.put(facility(id, base + "/ok/" + id, 2_000));
        }
        directory.put(facility("CH-OCC-05", base + "/slow", 300));
        directory.put(new Facility("CHU-NAQ-06", "CHU Bordeaux", "75",
                new StockSourceConfig(StockSourceConfig.HTTP_JSON, base + "/guarded", 2_000, SECRET_NAME)));
        directory.put(facility("CH-BRE-08", base + "/error", 2_000));
        directory.put(facility("CH-GES-07", base + "/hang", 10_000));
        directory.put(facility("CH-NOR-09", base + "/future", 2_000));
        directory.put(facility("CH-PAC-02", base + "/garbage", 2_000));
        for (String device : List.of("HFNC-PED", "NEB-MASK-PED")) {
            DynamoWatchlist.put(dynamo, NAMES.registry(), new WatchlistEntry(device, "Dispositif " + device,
                    Set.of(Epidemic.BRONCHIOLITIS), "piece", null, List.of(),
                    new SeasonWindow(MonthDay.of(10, 1), MonthDay.of(3, 31)), new Thresholds(21, 10), true));
        }
    }

    @AfterAll
    static void tearDown() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @Test
    void brokenSourcesAreLoggedAndCountedAndEveryHealthyFacilityIsStored() {
        SQSEvent event = EventLoader.loadSQSEvent(ProjectRoot.find().resolve("events/poll-queue-sqs.json").toString());
        TestLambdaContext context = new TestLambdaContext("stock-poller-worker");

        SQSBatchResponse response = handler().handleRequest(event, context);

        assertTrue(response.getBatchItemFailures().isEmpty(), "a broken source does not fail its message");
        Map<String, Long> storedPerFacility = dynamo.scanPaginator(b -> b.tableName(NAMES.snapshots())).items().stream()
                .flatMap(i -> DynamoSnapshotStore.readings(i).stream())
                .collect(Collectors.groupingBy(Snapshot::facilityId, Collectors.counting()));
        assertEquals(Map.of("CHU-IDF-01", 2L, "CH-HDF-03", 2L, "CHU-ARA-04", 2L, "CHU-NAQ-06", 2L), storedPerFacility,
                "every healthy source is stored, the one behind credentials too");

        String logs = String.join("\n", context.logged());
        assertEquals(2, context.logged().stream().filter(l -> l.contains("\"poll_done\"")).count(), logs);
        assertTrue(logs.contains("\"failedSources\":1"), logs);
        assertTrue(logs.contains("\"failedSources\":2"), logs);
        for (String broken : List.of("CH-OCC-05", "CH-BRE-08", "CH-PAC-02")) {
            assertTrue(logs.contains("\"" + broken + "\":"), broken + " is named in the failures: " + logs);
        }
        assertTrue(logs.contains("HTTP 500"), logs);
        assertTrue(!logs.contains("s3cr3t"), "a credential never reaches the logs");
    }

    @Test
    void theDeadlineGivesUpAHangingSourceKeepsWhatAnsweredAndDefersTheMessagesNotBegun() {
        SQSEvent event = EventLoader.loadSQSEvent(ProjectRoot.find().resolve("events/poll-queue-sqs.json").toString());
        // a hanging source first: the facilities after it answer in time and must be stored all the same
        event.getRecords().get(0).setBody("{\"pollId\":\"2025-11-02T05:00:00Z\",\"facilityIds\":[\"CH-GES-07\",\"CHU-IDF-01\",\"CH-HDF-03\"]}");
        TestLambdaContext context = new TestLambdaContext("stock-poller-worker")
                .remaining((int) PollWorkerHandler.MARGIN.toMillis() + 2_000);

        SQSBatchResponse response = handler().handleRequest(event, context);

        assertEquals(List.of(event.getRecords().get(1).getMessageId()),
                response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList(),
                "the message not begun before the deadline comes back");
        Set<String> stored = dynamo.scanPaginator(b -> b.tableName(NAMES.snapshots())).items().stream()
                .flatMap(i -> DynamoSnapshotStore.readings(i).stream()).map(Snapshot::facilityId).collect(Collectors.toSet());
        assertTrue(stored.containsAll(Set.of("CHU-IDF-01", "CH-HDF-03")) && !stored.contains("CH-GES-07"), stored.toString());
        String logs = String.join("\n", context.logged());
        assertTrue(logs.contains("\"CH-GES-07\":\"no answer before the worker's deadline\""), logs);
        assertTrue(logs.contains("\"rowsRead\":4"), "the two facilities after the hanging one were read and stored: " + logs);
    }

    @Test
    void aFacilityWhoseRowsAreRefusedIsNamedWithTheReason() {
        SQSEvent event = EventLoader.loadSQSEvent(ProjectRoot.find().resolve("events/poll-queue-sqs.json").toString());
        event.getRecords().get(0).setBody("{\"pollId\":\"2025-11-02T05:00:00Z\",\"facilityIds\":[\"CH-NOR-09\"]}");
        event.setRecords(List.of(event.getRecords().get(0)));
        TestLambdaContext context = new TestLambdaContext("stock-poller-worker");

        handler().handleRequest(event, context);

        String logs = String.join("\n", context.logged());
        // a week in the future of the time received: every row refused, the source counted as failed, the reason logged
        assertTrue(logs.contains("\"failedSources\":1") && logs.contains("\"refused\":{\"CH-NOR-09\":\"2 refused {TIMESTAMP_OUT_OF_RANGE=2}"), logs);
    }

    @Test
    void anUnreadableMessageIsReportedAsThatMessageOnlyFailing() {
        SQSEvent event = EventLoader.loadSQSEvent(ProjectRoot.find().resolve("events/poll-queue-sqs.json").toString());
        event.getRecords().get(0).setBody("not a poll request");

        SQSBatchResponse response = handler().handleRequest(event, new TestLambdaContext("stock-poller-worker"));

        assertEquals(List.of(event.getRecords().get(0).getMessageId()),
                response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
    }

    private static PollWorkerHandler handler() {
        return new PollWorkerHandler(dynamo, NAMES.registry(), NAMES.snapshots(),
                new HttpStockSource(HttpClient.newHttpClient(), secret -> SECRET_NAME.equals(secret) ? "Bearer s3cr3t" : null), 4, fr.vigie.domain.SnapshotAdmission.Window.DEFAULT, RECEIVED);
    }

    private static Facility facility(String id, String url, int timeoutMillis) {
        return new Facility(id, "Hôpital " + id, "11", new StockSourceConfig(StockSourceConfig.HTTP_JSON, url, timeoutMillis, null));
    }

    private static String report(String facility) {
        return "{\"facilityId\":\"" + facility + "\",\"reportedAt\":\"2025-11-02T05:00:00Z\",\"items\":["
                + "{\"deviceId\":\"HFNC-PED\",\"onHand\":120,\"consumed\":31,\"received\":0,\"onOrder\":200,\"expectedDelivery\":\"2025-11-05\"},"
                + "{\"deviceId\":\"NEB-MASK-PED\",\"onHand\":340,\"consumed\":22}]}";
    }

    /** A source answering {@code facility}'s report after {@code millis}. */
    private static com.sun.net.httpserver.HttpHandler late(long millis, String facility) {
        return exchange -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, report(facility));
        };
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException clientGone) {
            // the poller gave up waiting (the timeout case)
        }
    }
}
