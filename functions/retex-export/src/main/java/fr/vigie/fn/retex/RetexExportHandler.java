package fr.vigie.fn.retex;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.dynamodb.DynamoFollowUps;
import fr.vigie.adapter.dynamodb.DynamoNoticeStore;
import fr.vigie.adapter.dynamodb.DynamoSeasonArchive;
import fr.vigie.port.SeasonNotices;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.adapter.retex.ReviewFiles;
import fr.vigie.app.RetexExport;
import fr.vigie.domain.Season;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import fr.vigie.adapter.aws.HandlerLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The yearly RETEX export (EventBridge schedule on 1 September): the season that has just ended,
 * written by the same use case as {@code ./vigie retex} under {@code retex/<season>/} in the
 * reports bucket (snapshots, alerts, summaries, report.html).
 */
public final class RetexExportHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(RetexExportHandler.class);

    /** Environment variables this handler reads; template.yaml sets each (a test checks it). */
    public static final List<String> ENV = List.of("SNAPSHOTS_TABLE", "ALERTS_TABLE", "REGISTRY_TABLE", "REPORTS_BUCKET");
    static final String PREFIX = "retex/";

    private final RetexExport export;
    private final S3Client s3;
    private final String bucket;

    public RetexExportHandler() {
        this(LambdaEnvironment.system());
    }

    private RetexExportHandler(LambdaEnvironment env) {
        this(env.dynamoDb(), S3Client.builder().region(env.region()).httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                new Tables.Names(env.require("SNAPSHOTS_TABLE"), env.require("ALERTS_TABLE"), env.require("REGISTRY_TABLE")),
                env.require("REPORTS_BUCKET"));
    }

    RetexExportHandler(DynamoDbClient dynamo, S3Client s3, Tables.Names tables, String bucket) {
        this.export = new RetexExport(new DynamoSeasonArchive(dynamo, tables),
                SeasonNotices.of(new DynamoNoticeStore(dynamo, tables.registry())), new DynamoFollowUps(dynamo, tables.alerts()));
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return HandlerLogging.handle(context, () -> handle(event, context));
    }

    private Map<String, Object> handle(ScheduledEvent event, Context context) {
        Instant at = event.getTime() == null ? Instant.now() : Instant.ofEpochMilli(event.getTime().getMillis());
        Season season = Season.endedBefore(at.atZone(ZoneOffset.UTC).toLocalDate());
        String prefix = PREFIX + season.label() + "/";
        try {
            RetexExport.Result result = export.export(season, new ReviewFiles(new S3ExportFiles(s3, bucket, prefix)),
                    (done, total) -> logProgress(context, season, done, total));
            Map<String, Object> answer = Map.of("season", season.label(), "prefix", prefix, "facilities", result.facilities(),
                    "devices", result.devices(), "snapshots", result.snapshots(), "alertEvents", result.alertEvents(),
                    "disruptionEvents", result.disruptionEvents());
            HandlerLogging.log(LOG, Level.INFO, "retex_exported", answer);
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every tenth of the series, a JSON line with the time left: the review and the what-if grid run
     * in one pass, so an operator sees from the log whether a larger registry would fit the function's
     * time limit (docs/retex.md says how to split it when it would not).
     */
    private static void logProgress(Context context, Season season, long done, long total) {
        if (done == total || done % Math.max(1, total / 10) == 0) {
            HandlerLogging.log(LOG, Level.INFO, "retex_progress", Map.of("season", season.label(), "series", done,
                    "total", total, "remainingMillis", context.getRemainingTimeInMillis()));
        }
    }
}
