package fr.vigie.fn.report;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import fr.vigie.wiring.CloudNotices;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.feed.Json;
import fr.vigie.adapter.feed.NoticeJson;
import fr.vigie.app.NoticeIntake;
import fr.vigie.domain.notice.NoticeDraft;
import fr.vigie.port.NoticeStore;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;
import fr.vigie.adapter.aws.HandlerLogging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A notices file (spec section 5, a JSON array) dropped by operators in the reports bucket under
 * {@code notices/} (S3 ObjectCreated): the same intake as {@code POST /supply-notices}, the answer
 * (stored, repeated, every rejected record by index and field) written under
 * {@code reports/results/notices/<same name>.json}. A file read twice stores and announces nothing twice.
 * <p>
 * The messages the records make (the operators' SUPPLY_NOTICE event, the receiving facilities' messages)
 * are recorded pending in the alerts table's outbox, not published here: this function's jar leaves the
 * SNS client out (15 MB cap), and the outbox dispatcher (coverage-evaluator, hourly silence check) sends
 * them and retries them when SNS fails, as it does the alerts.
 */
public final class S3NoticeHandler implements RequestHandler<S3Event, List<Map<String, Object>>> {

    private static final Logger LOG = LoggerFactory.getLogger(S3NoticeHandler.class);

    /** Environment variables this handler reads; template.yaml sets each (a test checks it). */
    public static final List<String> ENV = CloudNotices.RECORDING_ENV;
    public static final String PREFIX = "notices/";
    public static final String RESULTS_PREFIX = S3ReportHandler.RESULTS_PREFIX + "notices/";

    private final ReportBucket s3;
    private final Supplier<NoticeIntake> intake;
    private final Clock clock;

    public S3NoticeHandler() {
        this(LambdaEnvironment.system());
    }

    private S3NoticeHandler(LambdaEnvironment env) {
        this(S3Client.builder().region(env.region()).httpClientBuilder(UrlConnectionHttpClient.builder()).build(),
                CloudNotices.recordings(env), Clock.systemUTC());
    }

    S3NoticeHandler(S3Client s3, Supplier<NoticeIntake> intake, Clock clock) {
        this.s3 = new ReportBucket(s3);
        this.intake = intake;
        this.clock = clock;
    }

    @Override
    public List<Map<String, Object>> handleRequest(S3Event event, Context context) {
        return HandlerLogging.handle(context, () -> handle(event, context));
    }

    private List<Map<String, Object>> handle(S3Event event, Context context) {
        NoticeIntake notices = intake.get();
        return event.getRecords().stream().map(r -> receive(notices, r, context)).toList();
    }

    private Map<String, Object> receive(NoticeIntake notices, S3EventNotification.S3EventNotificationRecord record, Context context) {
        String bucket = record.getS3().getBucket().getName();
        String key = URLDecoder.decode(record.getS3().getObject().getKey(), StandardCharsets.UTF_8);
        String source = "s3://" + bucket + "/" + key;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("source", source);
        if (!key.startsWith(PREFIX) || ReportBucket.isFolder(key)) {
            answer.put("skipped", true);
            return answer;
        }
        String body = s3.readUtf8(bucket, key);
        try {
            List<NoticeDraft> drafts = NoticeJson.drafts(body);
            NoticeIntake.Outcome outcome = notices.receive(drafts, new NoticeStore.Author(source, "S3 " + PREFIX, clock.instant()));
            answer.put("stored", outcome.stored().size());
            answer.put("repeated", outcome.repeated());
            answer.put("revised", outcome.revised().stream().map(Object::toString).toList());
            answer.put("errors", outcome.rejected().stream().map(v -> Map.of("index", v.entry(), "field", v.field(),
                    "message", v.message())).toList());
        } catch (IllegalArgumentException unreadable) {
            answer.put("error", unreadable.getMessage());
        }
        String resultKey = RESULTS_PREFIX + key.substring(PREFIX.length()) + ".json";
        s3.writeJson(bucket, resultKey, Json.write(answer));
        HandlerLogging.log(LOG, Level.INFO, "notices_received", Map.of("source", source, "result", resultKey));
        return answer;
    }
}
