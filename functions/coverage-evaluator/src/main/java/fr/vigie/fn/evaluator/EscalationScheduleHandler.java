package fr.vigie.fn.evaluator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import fr.vigie.adapter.aws.HandlerLogging;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.dynamodb.DynamoAlertLog;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoFollowUps;
import fr.vigie.adapter.dynamodb.DynamoRegistryEditor;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.sns.SnsAlertChannels;
import fr.vigie.app.AlertEscalation;
import fr.vigie.app.AlertHelp;
import fr.vigie.domain.followup.EscalationRule;
import fr.vigie.port.Watchlist;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduled escalation of unacknowledged CRITICALs (EventBridge, every 15 minutes; issue 22):
 * reads the watch-list, runs {@link AlertEscalation} at the wall clock and logs what it did. The
 * delays are {@code ESCALATION_REGIONAL_HOURS} (12 by default; a watch-list entry's
 * {@code escalationHours} wins) and {@code ESCALATION_NATIONAL_HOURS} (24), in hours. Safe under
 * retries and overlapping runs: each tier is claimed by a conditional write before it is sent.
 */
public final class EscalationScheduleHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private static final Logger LOG = LoggerFactory.getLogger(EscalationScheduleHandler.class);

    /** Environment variables this handler reads; template.yaml sets each (a test checks it). */
    public static final List<String> ENV = List.of("SNAPSHOTS_TABLE", "ALERTS_TABLE", "REGISTRY_TABLE", "ALERT_TOPIC_ARN",
            "CONSOLE_URL", "ESCALATION_REGIONAL_HOURS", "ESCALATION_NATIONAL_HOURS");

    private final DynamoDbClient dynamo;
    private final SnsClient sns;
    private final String snapshotsTable;
    private final String alertsTable;
    private final String registryTable;
    private final String topicArn;
    private final String consoleUrl;
    private final EscalationRule rule;
    private final Clock clock;

    public EscalationScheduleHandler() {
        this(LambdaEnvironment.system());
    }

    private EscalationScheduleHandler(LambdaEnvironment env) {
        this(env.dynamoDb(), env.sns(), env.require("SNAPSHOTS_TABLE"), env.require("ALERTS_TABLE"), env.require("REGISTRY_TABLE"),
                env.require("ALERT_TOPIC_ARN"), env.require("CONSOLE_URL"),
                new EscalationRule(Duration.ofHours(env.intOr("ESCALATION_REGIONAL_HOURS", 12)),
                        Duration.ofHours(env.intOr("ESCALATION_NATIONAL_HOURS", 24))), Clock.systemUTC());
    }

    EscalationScheduleHandler(DynamoDbClient dynamo, SnsClient sns, String snapshotsTable, String alertsTable, String registryTable,
                              String topicArn, String consoleUrl, EscalationRule rule, Clock clock) {
        this.dynamo = dynamo;
        this.sns = sns;
        this.snapshotsTable = snapshotsTable;
        this.alertsTable = alertsTable;
        this.registryTable = registryTable;
        this.topicArn = topicArn;
        this.consoleUrl = consoleUrl;
        this.rule = rule;
        this.clock = clock;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        return HandlerLogging.handle(context, () -> handle());
    }

    private Map<String, Object> handle() {
        // the watch-list as of this run: an operator's change of delay counts from the next run
        Watchlist watchlist = DynamoWatchlist.load(dynamo, registryTable);
        DynamoFollowUps followUps = new DynamoFollowUps(dynamo, alertsTable);
        SnsAlertChannels channel = new SnsAlertChannels(sns, topicArn, id -> new DynamoFacilityDirectory(dynamo, registryTable).regionOf(id),
                new AlertHelp(new DynamoRegistryEditor(dynamo, registryTable), new DynamoSnapshotStore(dynamo, snapshotsTable), () -> watchlist,
                new DynamoFollowUps(dynamo, alertsTable), consoleUrl));
        AlertEscalation.Report report = new AlertEscalation(new DynamoAlertLog(dynamo, alertsTable, clock), followUps, followUps,
                channel, watchlist, rule).run(clock.instant());
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("critical", report.critical());
        line.put("escalated", report.escalated());
        line.put("alreadyClaimed", report.alreadyClaimed());
        line.put("failed", report.failed());
        HandlerLogging.log(LOG, Level.INFO, "escalation_run", line);
        if (report.failed() > 0) {
            // the claims were released: the schedule's retry (or the next run) sends them
            throw new IllegalStateException(report.failed() + " escalation(s) could not be sent");
        }
        return line;
    }
}
