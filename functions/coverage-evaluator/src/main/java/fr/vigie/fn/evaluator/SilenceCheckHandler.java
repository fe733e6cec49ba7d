package fr.vigie.fn.evaluator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import fr.vigie.adapter.aws.HandlerLogging;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.dynamodb.DynamoAlertOutbox;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoReminderLog;
import fr.vigie.adapter.dynamodb.DynamoReportingLog;
import fr.vigie.adapter.sns.SnsAlertChannels;
import fr.vigie.app.AlertDispatch;
import fr.vigie.app.AlertReminders;
import fr.vigie.app.SilenceCheck;
import fr.vigie.app.SilenceWatch;
import fr.vigie.domain.Facility;
import fr.vigie.domain.ReminderRule;
import fr.vigie.domain.RetrySchedule;
import fr.vigie.domain.silence.SilencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The hourly silence check (EventBridge schedule, issue 22): every registered facility's reporting
 * state, kept by the coverage-evaluator, checked at the schedule's time ({@link SilenceCheck}); a
 * facility or device silent for longer than its rhythm allows gets one STALE_DATA event, recorded
 * pending in the alerts table and sent on the alert topic; the open alerts of silent series are
 * reminded when {@code REMINDER_EVERY_DAYS} says so, saying since when nothing came; then the pending
 * events earlier runs could not send are retried. The schedule's time, not the wall clock, is the check's: a retried run finds
 * the same silences already recorded (each keyed by its last snapshot, written under the state's
 * version) and sends nothing twice.
 */
public final class SilenceCheckHandler implements RequestHandler<ScheduledEvent, SilenceCheckHandler.Summary> {

    private static final Logger LOG = LoggerFactory.getLogger(SilenceCheckHandler.class);

    /** Environment variables this handler reads; template.yaml sets each (a test checks it). */
    public static final List<String> ENV = List.of("ALERTS_TABLE", "REGISTRY_TABLE", "ALERT_TOPIC_ARN",
            "REMINDER_EVERY_DAYS", "SILENT_AFTER_HOURLY_HOURS", "SILENT_AFTER_DAILY_HOURS");

    /** What a run did, logged as one JSON line. */
    public record Summary(String event, Instant checkedAt, int facilities, AlertDispatch.Report sent, int reminded,
                          AlertDispatch.Report retried) {
    }

    private final BatchWatchlist watchlist;
    private final DynamoFacilityDirectory directory;
    private final SilenceCheck check;
    private final AlertDispatch dispatch;
    private final Clock clock;

    public SilenceCheckHandler() {
        this(LambdaEnvironment.system());
    }

    private SilenceCheckHandler(LambdaEnvironment env) {
        this(env.dynamoDb(), env.sns(), env.require("ALERTS_TABLE"), env.require("REGISTRY_TABLE"), env.require("ALERT_TOPIC_ARN"),
                SilenceWatch.policy(System.getenv()), new ReminderRule(env.intOr("REMINDER_EVERY_DAYS", 0)), Clock.systemUTC());
    }

    /** @param reminders how often the open alerts of silent series are reminded (0: never), as the coverage-evaluator's */
    SilenceCheckHandler(DynamoDbClient dynamo, SnsClient sns, String alertsTable, String registryTable, String topicArn,
                        SilencePolicy policy, ReminderRule reminders, Clock clock) {
        this.watchlist = new BatchWatchlist(dynamo, registryTable);
        this.directory = new DynamoFacilityDirectory(dynamo, registryTable);
        SnsAlertChannels channels = new SnsAlertChannels(sns, topicArn, directory::regionOf);
        this.dispatch = new AlertDispatch(new DynamoAlertOutbox(dynamo, alertsTable), channels, watchlist, RetrySchedule.DEFAULT);
        this.check = new SilenceCheck(new SilenceWatch(new DynamoReportingLog(dynamo, alertsTable), watchlist, policy), dispatch,
                new AlertReminders(reminders, new DynamoReminderLog(dynamo, alertsTable), channels, watchlist));
        this.clock = clock;
    }

    @Override
    public Summary handleRequest(ScheduledEvent event, Context context) {
        watchlist.reload();
        // the scheduled time, not the wall clock: a retried run judges the same moment
        Instant at = event.getTime() == null ? clock.instant() : Instant.ofEpochMilli(event.getTime().getMillis());
        List<String> facilities = directory.facilities().stream().map(Facility::facilityId).toList();
        SilenceCheck.Report checked = check.run(at, facilities);
        AlertDispatch.Report retried = dispatch.retryPending(clock.instant());
        Summary summary = new Summary("silence_checked", at, facilities.size(), checked.sent(), checked.reminded(), retried);
        HandlerLogging.logRecord(LOG, Level.INFO, "silence_checked", summary);
        return summary;
    }
}
