package fr.vigie.fn.retex;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.feed.Json;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The yearly RETEX export (EventBridge schedule on 1 September): writes the season that has just
 * ended to {@code retex/<season>/snapshots.csv} in the reports bucket. This is the minimal slice of
 * issue 8 — snapshots only, the spec's columns plus region; the alerts, summaries and the HTML report
 * are that issue's.
 */
public final class RetexExportHandler implements RequestHandler<ScheduledEvent, SnapshotsExport.Result> {

    /** Environment variables this handler reads; template.yaml sets each (a test checks it). */
    public static final List<String> ENV = List.of("SNAPSHOTS_TABLE", "REGISTRY_TABLE", "REPORTS_BUCKET");

    private final SnapshotsExport export;

    public RetexExportHandler() {
        this(LambdaEnvironment.system());
    }

    private RetexExportHandler(LambdaEnvironment env) {
        this(env.dynamoDb(), S3Client.builder().region(env.region()).httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                env.require("SNAPSHOTS_TABLE"), env.require("REGISTRY_TABLE"), env.require("REPORTS_BUCKET"));
    }

    RetexExportHandler(DynamoDbClient dynamo, S3Client s3, String snapshotsTable, String registryTable, String bucket) {
        this.export = new SnapshotsExport(new DynamoSnapshotStore(dynamo, snapshotsTable),
                new DynamoFacilityDirectory(dynamo, registryTable), () -> DynamoWatchlist.load(dynamo, registryTable), s3, bucket);
    }

    @Override
    public SnapshotsExport.Result handleRequest(ScheduledEvent event, Context context) {
        Instant at = event.getTime() == null ? Instant.now() : Instant.ofEpochMilli(event.getTime().getMillis());
        Season season = Season.endedBefore(at.atZone(ZoneOffset.UTC).toLocalDate());
        try {
            SnapshotsExport.Result result = export.run(season);
            context.getLogger().log(Json.write(result));
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
