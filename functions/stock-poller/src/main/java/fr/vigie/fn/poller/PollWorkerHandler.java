package fr.vigie.fn.poller;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.feed.Json;
import fr.vigie.adapter.http.HttpStockSource;
import fr.vigie.app.SnapshotIngestion;
import fr.vigie.app.StockPolling;
import fr.vigie.domain.Facility;
import fr.vigie.domain.SnapshotAdmission;
import fr.vigie.port.StockSource;
import fr.vigie.port.Watchlist;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import fr.vigie.adapter.aws.HandlerLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The poll worker (SQS, partial batch responses): for each message, polls its facilities' stock
 * sources a few at a time and stores the new snapshots (the snapshots table's stream then starts the
 * coverage-evaluator). A source that hangs, fails or answers garbage is logged and counted and never
 * stops the others; each facility whose rows were refused is named with the reason. Only a message
 * that could not be handled at all (unreadable, DynamoDB down) is reported as failed, to be retried
 * and then dead-lettered. The function's deadline bounds the work: a message's poll gives up its
 * unanswered sources {@link #MARGIN} before it (what answered is stored), and a message not begun by
 * then is reported failed, to come back. A source behind credentials gets its Authorization header from
 * the Secrets Manager secret the registry names.
 */
public final class PollWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(PollWorkerHandler.class);

    /** Environment variables this handler reads; template.yaml sets each (a test checks it). */
    public static final List<String> ENV = List.of("REGISTRY_TABLE", "SNAPSHOTS_TABLE", "POLL_CONCURRENCY");

    /** Time kept before the function's deadline to store what was polled and answer the batch. */
    static final Duration MARGIN = Duration.ofSeconds(10);

    /** What one message's poll did, logged as one JSON line; {@code refused}: the facilities some rows of which were refused, and why. */
    record MessageSummary(String event, String messageId, String pollId, int facilities, int unknownFacilities,
                          int failedSources, Map<String, String> failures, long rowsRead, long stored,
                          long duplicates, long conflicts, long rejected, Map<String, String> refused) {
    }

    private final DynamoDbClient dynamo;
    private final String registryTable;
    /** Polled rows are checked as pushed ones (ids, time range against the time received). */
    private final SnapshotIngestion ingestion;
    private final StockSource source;
    private final int concurrency;

    public PollWorkerHandler() {
        this(LambdaEnvironment.system());
    }

    private PollWorkerHandler(LambdaEnvironment env) {
        this(env.dynamoDb(), env.require("REGISTRY_TABLE"), env.require("SNAPSHOTS_TABLE"),
                new HttpStockSource(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                        new SecretsManagerAuthorization(SecretsManagerClient.builder().region(env.region())
                                .httpClientBuilder(UrlConnectionHttpClient.builder()).build())),
                env.intOr("POLL_CONCURRENCY", 8), env.snapshotWindow(), Clock.systemUTC());
    }

    PollWorkerHandler(DynamoDbClient dynamo, String registryTable, String snapshotsTable, StockSource source, int concurrency) {
        this(dynamo, registryTable, snapshotsTable, source, concurrency, SnapshotAdmission.Window.DEFAULT, Clock.systemUTC());
    }

    PollWorkerHandler(DynamoDbClient dynamo, String registryTable, String snapshotsTable, StockSource source, int concurrency,
                      SnapshotAdmission.Window window,
                      Clock received) {
        this.dynamo = dynamo;
        this.registryTable = registryTable;
        this.ingestion = new SnapshotIngestion(new DynamoSnapshotStore(dynamo, snapshotsTable)).within(window, received);
        this.source = source;
        this.concurrency = concurrency;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return HandlerLogging.handle(context, () -> handle(event, context));
    }

    private SQSBatchResponse handle(SQSEvent event, Context context) {
        Watchlist watchlist = DynamoWatchlist.load(dynamo, registryTable);
        DynamoFacilityDirectory directory = new DynamoFacilityDirectory(dynamo, registryTable);
        StockPolling polling = new StockPolling(source, watchlist, ingestion, concurrency);
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Instant deadline = Instant.now().plusMillis(context.getRemainingTimeInMillis()).minus(MARGIN);
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            if (!Instant.now().isBefore(deadline)) {
                LOG.atWarn().addKeyValue("messageId", message.getMessageId()).log("poll_message_deferred");
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                continue;
            }
            try {
                HandlerLogging.logRecord(LOG, Level.INFO, "poll_done", pollOne(message, directory, polling, deadline));
            } catch (RuntimeException e) {
                HandlerLogging.failure(LOG, "poll_message_failed", Map.of("messageId", message.getMessageId()), e);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private MessageSummary pollOne(SQSEvent.SQSMessage message, DynamoFacilityDirectory directory, StockPolling polling, Instant deadline) {
        PollRequest request = Json.read(message.getBody(), PollRequest.class);
        List<Facility> facilities = new ArrayList<>();
        int unknown = 0;
        for (String id : request.facilityIds()) {
            Optional<Facility> f = directory.facility(id);
            if (f.isPresent() && f.get().source() != null) {
                facilities.add(f.get());
            } else {
                unknown++;
            }
        }
        StockPolling.PollReport report = polling.poll(facilities, s -> { }, deadline);
        return new MessageSummary("poll_done", message.getMessageId(), request.pollId(), facilities.size(), unknown,
                report.failures().size(), report.failures(), report.read(), report.stored(), report.duplicates(), report.conflicts(),
                report.rejected(), report.refused());
    }
}
