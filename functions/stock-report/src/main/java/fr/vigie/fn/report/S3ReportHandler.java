package fr.vigie.fn.report;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.feed.Json;
import fr.vigie.app.SnapshotIngestion;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.domain.SnapshotAdmission;
import fr.vigie.port.Watchlist;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import fr.vigie.adapter.aws.HandlerLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A feed CSV dropped by a hospital under {@code reports/incoming/} (S3 ObjectCreated): streamed
 * through the one ingestion (a file of any size, bounded memory), and the answer written next to
 * it under {@code reports/results/<same name>.json} (what was stored, every refused line and why).
 * An S3 or DynamoDB failure fails the invocation, so Lambda retries it; a file read twice stores
 * nothing twice.
 */
public final class S3ReportHandler implements RequestHandler<S3Event, List<ReportIngestion.Outcome>> {

    private static final Logger LOG = LoggerFactory.getLogger(S3ReportHandler.class);

    /** Environment variables this handler reads; template.yaml sets each (a test checks it). */
    public static final List<String> ENV = List.of("SNAPSHOTS_TABLE", "REGISTRY_TABLE");
    public static final String INCOMING_PREFIX = "reports/incoming/";
    public static final String RESULTS_PREFIX = "reports/results/";

    private final DynamoDbClient dynamo;
    private final ReportBucket bucket;
    private final String registryTable;
    private final ReportIngestion ingestion;

    public S3ReportHandler() {
        this(LambdaEnvironment.system());
    }

    private S3ReportHandler(LambdaEnvironment env) {
        this(env.dynamoDb(), S3Client.builder().region(env.region()).httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                env.require("SNAPSHOTS_TABLE"), env.require("REGISTRY_TABLE"), env.snapshotWindow(), Clock.systemUTC());
    }

    S3ReportHandler(DynamoDbClient dynamo, S3Client s3, String snapshotsTable, String registryTable) {
        this(dynamo, s3, snapshotsTable, registryTable, SnapshotAdmission.Window.DEFAULT, Clock.systemUTC());
    }

    S3ReportHandler(DynamoDbClient dynamo, S3Client s3, String snapshotsTable, String registryTable, SnapshotAdmission.Window window, Clock received) {
        this.dynamo = dynamo;
        this.bucket = new ReportBucket(s3);
        this.registryTable = registryTable;
        this.ingestion = new ReportIngestion(new SnapshotIngestion(new DynamoSnapshotStore(dynamo, snapshotsTable))
                .within(window, received));
    }

    @Override
    public List<ReportIngestion.Outcome> handleRequest(S3Event event, Context context) {
        return HandlerLogging.handle(context, () -> handle(event, context));
    }

    private List<ReportIngestion.Outcome> handle(S3Event event, Context context) {
        Watchlist watchlist = DynamoWatchlist.load(dynamo, registryTable);
        ReportIngestion known = ingestion.admittingFacilitiesOf(new DynamoFacilityDirectory(dynamo, registryTable));
        List<ReportIngestion.Outcome> outcomes = new ArrayList<>();
        for (S3EventNotification.S3EventNotificationRecord record : event.getRecords()) {
            String bucket = record.getS3().getBucket().getName();
            // keys arrive URL-encoded, spaces as '+'
            String key = URLDecoder.decode(record.getS3().getObject().getKey(), StandardCharsets.UTF_8);
            if (!key.startsWith(INCOMING_PREFIX) || ReportBucket.isFolder(key)) {
                HandlerLogging.log(LOG, Level.INFO, "report_skipped", java.util.Map.of("bucket", bucket, "key", key,
                        "reason", ReportBucket.isFolder(key) ? "folder" : "outside_incoming"));
                continue;
            }
            ReportIngestion.Outcome outcome;
            try (InputStream in = this.bucket.open(bucket, key)) {
                outcome = known.csv("s3://" + bucket + "/" + key, in, watchlist, sender(key));
            } catch (IOException e) {
                throw new UncheckedIOException("reading s3://" + bucket + "/" + key, e);
            }
            String resultKey = RESULTS_PREFIX + key.substring(INCOMING_PREFIX.length()) + ".json";
            this.bucket.writeJson(bucket, resultKey, Json.write(outcome));
            HandlerLogging.log(LOG, Level.INFO, "report_ingested", java.util.Map.of("source", outcome.source(),
                    "result", resultKey, "read", outcome.read(), "stored", outcome.stored(),
                    "duplicates", outcome.duplicates(), "conflicts", outcome.conflictCount(), "rejected", outcome.rejectedCount()));
            outcomes.add(outcome);
        }
        return outcomes;
    }

    /**
     * A file under {@code reports/incoming/{facilityId}/} reports for that facility only (each
     * hospital's role may write under its own prefix); a file directly under the incoming folder
     * comes from the operators and may report for any facility.
     */
    static ReportIngestion.Sender sender(String key) {
        String rest = key.substring(INCOMING_PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            return ReportIngestion.Sender.ANY;
        }
        String facility = rest.substring(0, slash);
        return new ReportIngestion.Sender("le dossier de " + facility, facility::equals);
    }
}
