package fr.vigie.fn.evaluator;

import fr.vigie.port.Watchlist;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.dynamodb.DynamoAlertOutbox;
import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.DynamoDisruptionStore;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoNoticeStore;
import fr.vigie.adapter.memory.MemoryNoticeStore;
import fr.vigie.adapter.dynamodb.DynamoReminderLog;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.feed.Json;
import fr.vigie.adapter.sns.SnsAlertChannels;
import fr.vigie.adapter.sns.SnsAlertPublisher;
import fr.vigie.app.AlertDispatch;
import fr.vigie.app.AlertReminders;
import fr.vigie.app.CoverageEvaluation;
import fr.vigie.domain.ReminderRule;
import fr.vigie.domain.RetrySchedule;
import fr.vigie.domain.Snapshot;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The snapshots table's stream (NEW_IMAGE; the template filters on INSERT): each new snapshot goes
 * through {@link CoverageEvaluation} — coverage projected, level moved, a change recorded in the
 * alerts table and published on the alert topic. Records are taken in order; the first that fails
 * is reported (partial batch response) and the rest of the batch is left for the retry, which
 * starts again from it: an event already recorded is not sent twice.
 *
 * <p>Alerts go out at the end of the batch through {@link AlertDispatch}: those of one facility and
 * level in one email digest, each still its own message for machines and SMS; then the events that
 * earlier batches could not send (SNS down) are retried with backoff, each claimed before it is sent.
 * With {@code REMINDER_EVERY_DAYS} above 0, an alert whose level holds is reminded at most that often
 * ({@link AlertReminders}); 0, the default, never reminds.
 */
public final class SnapshotStreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    /** Environment variables this handler reads; template.yaml sets each (a test checks it). */
    public static final List<String> ENV = List.of("SNAPSHOTS_TABLE", "ALERTS_TABLE", "REGISTRY_TABLE", "ALERT_TOPIC_ARN",
            "REMINDER_EVERY_DAYS");

    private final DynamoDbClient dynamo;
    private final SnsClient sns;
    private final String registryTable;
    private final String topicArn;
    private final DynamoSnapshotStore snapshots;
    private final DynamoAlertStore alerts;
    private final DynamoDisruptionStore disruptions;
    private final DynamoAlertOutbox outbox;
    private final Clock clock;
    private final RetrySchedule retries;
    private final ReminderRule reminderRule;
    private final DynamoReminderLog reminderLog;

    public SnapshotStreamHandler() {
        this(LambdaEnvironment.system());
    }

    private SnapshotStreamHandler(LambdaEnvironment env) {
        this(env.dynamoDb(), env.sns(), env.require("SNAPSHOTS_TABLE"), env.require("ALERTS_TABLE"),
                env.require("REGISTRY_TABLE"), env.require("ALERT_TOPIC_ARN"), Clock.systemUTC(), RetrySchedule.DEFAULT,
                new ReminderRule(env.intOr("REMINDER_EVERY_DAYS", 0)));
    }

    SnapshotStreamHandler(DynamoDbClient dynamo, SnsClient sns, String snapshotsTable, String alertsTable,
                          String registryTable, String topicArn) {
        this(dynamo, sns, snapshotsTable, alertsTable, registryTable, topicArn, Clock.systemUTC(), RetrySchedule.DEFAULT,
                new ReminderRule(0));
    }

    SnapshotStreamHandler(DynamoDbClient dynamo, SnsClient sns, String snapshotsTable, String alertsTable,
                          String registryTable, String topicArn, Clock clock, RetrySchedule retries, ReminderRule reminders) {
        this.clock = clock;
        this.reminderRule = reminders;
        this.reminderLog = new DynamoReminderLog(dynamo, alertsTable);
        this.retries = retries;
        this.outbox = new DynamoAlertOutbox(dynamo, alertsTable);
        this.dynamo = dynamo;
        this.sns = sns;
        this.registryTable = registryTable;
        this.topicArn = topicArn;
        this.snapshots = new DynamoSnapshotStore(dynamo, snapshotsTable);
        this.alerts = new DynamoAlertStore(dynamo, alertsTable);
        this.disruptions = new DynamoDisruptionStore(dynamo, alertsTable);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        DynamoFacilityDirectory facilities = new DynamoFacilityDirectory(dynamo, registryTable);
        Watchlist watchlist = DynamoWatchlist.load(dynamo, registryTable);
        SnsAlertPublisher publisher = new SnsAlertPublisher(sns, topicArn, facilities::regionOf);
        SnsAlertChannels channels = new SnsAlertChannels(publisher);
        AlertDispatch dispatch = new AlertDispatch(outbox, channels, watchlist, retries, clock);
        AlertReminders reminders = new AlertReminders(reminderRule, reminderLog, channels, watchlist);
        // the manufacturers' notices are read once a batch: a few hundred records a year
        CoverageEvaluation evaluation = new CoverageEvaluation(watchlist, snapshots, dispatch.deferringMarks(alerts), disruptions,
                dispatch.collector(publisher), new MemoryNoticeStore(new DynamoNoticeStore(dynamo, registryTable)));
        Map<CoverageEvaluation.Outcome, Integer> outcomes = new EnumMap<>(CoverageEvaluation.Outcome.class);
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        int ignored = 0;
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            if (!"INSERT".equals(record.getEventName()) || record.getDynamodb().getNewImage() == null) {
                ignored++;
                continue;
            }
            try {
                Snapshot snapshot = DynamoSnapshotStore.fromItem(StreamImages.toSdk(record.getDynamodb().getNewImage()));
                CoverageEvaluation.Outcome outcome = evaluation.evaluate(snapshot);
                outcomes.merge(outcome, 1, Integer::sum);
                if (outcome == CoverageEvaluation.Outcome.HELD && reminders.enabled()) {
                    remind(reminders, snapshot, context);
                }
            } catch (RuntimeException e) {
                String sequence = record.getDynamodb().getSequenceNumber();
                context.getLogger().log(Json.write(Map.of("event", "evaluation_failed", "sequenceNumber", sequence,
                        "eventID", String.valueOf(record.getEventID()), "cause", e.toString())));
                failures.add(new StreamsEventResponse.BatchItemFailure(sequence));
                break;
            }
        }
        // the events are recorded (pending) before this: a failure here leaves them for the next batch's retry
        AlertDispatch.Report sent = dispatch(dispatch::send, "alerts_send_failed", context);
        AlertDispatch.Report retried = dispatch(dispatch::retryPending, "alerts_retry_failed", context);
        context.getLogger().log(Json.write(Map.of("event", "stream_batch_evaluated", "records", event.getRecords().size(),
                "ignored", ignored, "outcomes", outcomes, "failed", failures.size(), "alerts", sent, "retried", retried)));
        return new StreamsEventResponse(failures);
    }

    /** A reminder is best effort: its failure is logged and retried by the next snapshot, never the record's failure. */
    private static void remind(AlertReminders reminders, Snapshot snapshot, Context context) {
        try {
            reminders.consider(snapshot);
        } catch (RuntimeException e) {
            context.getLogger().log(Json.write(Map.of("event", "alert_reminder_failed", "facilityId", snapshot.facilityId(),
                    "deviceId", snapshot.deviceId(), "cause", e.toString())));
        }
    }

    private static AlertDispatch.Report dispatch(java.util.function.Supplier<AlertDispatch.Report> step, String failure, Context context) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            context.getLogger().log(Json.write(Map.of("event", failure, "cause", e.toString())));
            return new AlertDispatch.Report(0, 0, 0, 0);
        }
    }
}
