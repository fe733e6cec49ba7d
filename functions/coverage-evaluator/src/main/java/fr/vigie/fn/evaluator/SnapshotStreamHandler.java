package fr.vigie.fn.evaluator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbAttributeValueTransformer;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import fr.vigie.adapter.aws.HandlerLogging;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.dynamodb.DynamoAlertOutbox;
import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.DynamoDisruptionStore;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoFollowUps;
import fr.vigie.adapter.dynamodb.DynamoRegistryEditor;
import fr.vigie.adapter.dynamodb.DynamoReminderLog;
import fr.vigie.adapter.dynamodb.DynamoReportingLog;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.sns.SnsAlertChannels;
import fr.vigie.app.AlertDispatch;
import fr.vigie.app.AlertHelp;
import fr.vigie.app.AlertReminders;
import fr.vigie.app.BatchEvaluation;
import fr.vigie.app.CoverageEvaluation;
import fr.vigie.app.SilenceWatch;
import fr.vigie.domain.ReminderRule;
import fr.vigie.domain.RetrySchedule;
import fr.vigie.domain.Snapshot;
import fr.vigie.domain.silence.SilencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The snapshots table's stream (NEW_AND_OLD_IMAGES; the template filters on INSERT and MODIFY of poll
 * items): each poll's new snapshots — all its devices for a new poll, the devices a second report at
 * the same facility and time added for a modified one — go
 * through {@link BatchEvaluation} — coverage projected, level moved, a change recorded pending in the
 * alerts table — and at the end of the batch the outbox dispatcher sends what the batch recorded
 * (alerts of one facility and level in one email digest, each still its own message for machines and
 * SMS) and retries, with backoff and a claim, what earlier batches could not send (SNS down). With
 * {@code REMINDER_EVERY_DAYS} above 0, an alert whose level holds is reminded at most that often; 0,
 * the default, never reminds. Each batch also feeds its facilities' reporting rhythms, and a facility
 * that reports again after a silence gets its closing STALE_DATA ({@link SilenceCheckHandler} opens
 * them). Records are taken in order; the first that fails is reported (partial
 * batch response) and the rest of the batch is left for the retry, which starts again from it: an
 * event already recorded is not sent twice. Collaborators are built once per container.
 */
public final class SnapshotStreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStreamHandler.class);

    /** Environment variables this handler reads; template.yaml sets each (a test checks it). */
    public static final List<String> ENV = List.of("SNAPSHOTS_TABLE", "ALERTS_TABLE", "REGISTRY_TABLE", "ALERT_TOPIC_ARN",
            "REMINDER_EVERY_DAYS", "CONSOLE_URL", "SILENT_AFTER_HOURLY_HOURS", "SILENT_AFTER_DAILY_HOURS");

    private final BatchWatchlist watchlist;
    private final BatchNotices notices;
    private final BatchEpidemics epidemics;
    private final BatchEvaluation alerting;
    private final Clock clock;

    public SnapshotStreamHandler() {
        this(LambdaEnvironment.system());
    }

    private SnapshotStreamHandler(LambdaEnvironment env) {
        this(env.dynamoDb(), env.sns(), env.require("SNAPSHOTS_TABLE"), env.require("ALERTS_TABLE"),
                env.require("REGISTRY_TABLE"), env.require("ALERT_TOPIC_ARN"), Clock.systemUTC(), RetrySchedule.DEFAULT,
                new ReminderRule(env.intOr("REMINDER_EVERY_DAYS", 0)), env.require("CONSOLE_URL"), SilenceWatch.policy(System.getenv()));
    }

    SnapshotStreamHandler(DynamoDbClient dynamo, SnsClient sns, String snapshotsTable, String alertsTable,
                          String registryTable, String topicArn, Clock clock, RetrySchedule retries, ReminderRule reminders) {
        this(dynamo, sns, snapshotsTable, alertsTable, registryTable, topicArn, clock, retries, reminders, null, SilencePolicy.DEFAULT);
    }

    /**
     * @param consoleUrl the console's address, for the acknowledgement link of the texts (null: none)
     * @param silence    the delays after which the facilities whose rhythm the batches feed are silent
     */
    SnapshotStreamHandler(DynamoDbClient dynamo, SnsClient sns, String snapshotsTable, String alertsTable,
                          String registryTable, String topicArn, Clock clock, RetrySchedule retries, ReminderRule reminders,
                          String consoleUrl, SilencePolicy silence) {
        this.clock = clock;
        this.watchlist = new BatchWatchlist(dynamo, registryTable);
        this.notices = new BatchNotices(dynamo, registryTable);
        this.epidemics = new BatchEpidemics(dynamo, registryTable);
        // the region is read when a message goes out: a facility registered after the container started still gets its own
        SnsAlertChannels channels = new SnsAlertChannels(sns, topicArn,
                id -> new DynamoFacilityDirectory(dynamo, registryTable).regionOf(id),
                new AlertHelp(new DynamoRegistryEditor(dynamo, registryTable), new DynamoSnapshotStore(dynamo, snapshotsTable), () -> watchlist,
                new DynamoFollowUps(dynamo, alertsTable), consoleUrl));
        this.alerting = new BatchEvaluation(
                new CoverageEvaluation(watchlist, new DynamoSnapshotStore(dynamo, snapshotsTable),
                        new DynamoAlertStore(dynamo, alertsTable), new DynamoDisruptionStore(dynamo, alertsTable), notices, epidemics),
                new AlertDispatch(new DynamoAlertOutbox(dynamo, alertsTable), channels, watchlist, retries),
                new AlertReminders(reminders, new DynamoReminderLog(dynamo, alertsTable), channels, watchlist))
                .watchingSilence(new SilenceWatch(new DynamoReportingLog(dynamo, alertsTable), watchlist, silence));
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return HandlerLogging.handle(context, () -> handle(event));
    }

    private StreamsEventResponse handle(DynamodbEvent event) {
        watchlist.reload();
        notices.reload();
        epidemics.reload();
        List<Snapshot> snapshots = new ArrayList<>();
        List<DynamodbEvent.DynamodbStreamRecord> taken = new ArrayList<>(); // the record of each snapshot, then the unreadable one
        RuntimeException unreadable = null;
        int ignored = 0;
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            var images = record.getDynamodb();
            if (!("INSERT".equals(record.getEventName()) || "MODIFY".equals(record.getEventName())) || images.getNewImage() == null) {
                ignored++;
                continue;
            }
            try {
                // the events library's images as the SDK items the adapter reads, by AWS's own transformer
                List<Snapshot> added = DynamoSnapshotStore.added(
                        DynamodbAttributeValueTransformer.toAttributeValueMapV2(images.getNewImage()),
                        images.getOldImage() == null ? null : DynamodbAttributeValueTransformer.toAttributeValueMapV2(images.getOldImage()));
                snapshots.addAll(added);
                added.forEach(s -> taken.add(record));
            } catch (RuntimeException e) {
                unreadable = e;
                taken.add(record);
                break;
            }
        }
        BatchEvaluation.Report report = alerting.run(snapshots, clock.instant());
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        RuntimeException failure = report.failure() != null ? report.failure() : unreadable;
        if (failure != null) {
            // the poll of the snapshot that failed, whether it could not be read or not be evaluated: the stream retries from it
            DynamodbEvent.DynamodbStreamRecord record = taken.get(report.evaluated());
            String sequence = record.getDynamodb().getSequenceNumber();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("sequenceNumber", sequence);
            fields.put("eventID", String.valueOf(record.getEventID()));
            if (report.evaluated() < snapshots.size()) {
                fields.put("facilityId", snapshots.get(report.evaluated()).facilityId());
                fields.put("deviceId", snapshots.get(report.evaluated()).deviceId());
            }
            HandlerLogging.failure(LOG, "evaluation_failed", fields, failure);
            failures.add(new StreamsEventResponse.BatchItemFailure(sequence));
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("records", event.getRecords().size());
        line.put("ignored", ignored);
        line.put("outcomes", report.outcomes());
        line.put("failed", failures.size());
        line.put("alerts", report.sent());
        line.put("retried", report.retried());
        line.put("reminded", report.reminded());
        HandlerLogging.log(LOG, Level.INFO, "stream_batch_evaluated", line);
        return new StreamsEventResponse(failures);
    }
}
