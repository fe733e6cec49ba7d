package fr.vigie.wiring;

import fr.vigie.adapter.aws.LambdaEnvironment;

import fr.vigie.adapter.dynamodb.DynamoAlertOutbox;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoNoticeMessages;
import fr.vigie.adapter.dynamodb.DynamoNoticeStore;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.sns.SnsAlertChannels;
import fr.vigie.app.AlertDispatch;
import fr.vigie.app.NoticeIntake;
import fr.vigie.domain.RetrySchedule;
import fr.vigie.port.Watchlist;
import fr.vigie.port.AlertChannels;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.util.List;
import java.util.function.Supplier;

/**
 * The notice intake as the functions compose it (operators' POST, a file under {@code notices/}): DynamoDB, and
 * the notices' messages through the alerts table's outbox — sent at once where SNS is at hand (the POST), by the
 * outbox dispatcher otherwise (the file drop).
 */
public final class CloudNotices {

    /** Environment variables of the intake that records its messages and sends them at once ({@link #intakes}). */
    public static final List<String> ENV = List.of("REGISTRY_TABLE", "SNAPSHOTS_TABLE", "ALERTS_TABLE", "ALERT_TOPIC_ARN");

    private CloudNotices() {
    }

    /** Environment variables of the intake that records its messages in the outbox ({@link #recording}): no SNS topic. */
    public static final List<String> RECORDING_ENV = List.of("REGISTRY_TABLE", "SNAPSHOTS_TABLE", "ALERTS_TABLE");

    /**
     * A fresh intake (the watch-list is read now, so build one per invocation) whose messages are
     * recorded pending in the outbox ({@link DynamoNoticeMessages}) and sent at once through the one
     * alert pipeline ({@link AlertDispatch#send}): a failed send stays pending for the dispatcher's retry.
     */
    public static NoticeIntake intake(DynamoDbClient dynamo, SnsClient sns, String registryTable, String snapshotsTable,
                                      String alertsTable, String topicArn) {
        DynamoFacilityDirectory facilities = new DynamoFacilityDirectory(dynamo, registryTable);
        Watchlist watchlist = DynamoWatchlist.load(dynamo, registryTable);
        AlertDispatch dispatch = new AlertDispatch(new DynamoAlertOutbox(dynamo, alertsTable),
                new SnsAlertChannels(sns, topicArn, facilities::regionOf), watchlist, RetrySchedule.DEFAULT);
        return intake(dynamo, watchlist, new DynamoNoticeMessages(dynamo, alertsTable, message -> dispatch.send(List.of(message))),
                facilities, registryTable, snapshotsTable);
    }

    /**
     * A fresh intake whose messages (the operators' event, the receiving facilities' messages) are recorded
     * pending in the alerts table's outbox ({@link DynamoNoticeMessages}) for the outbox dispatcher to send:
     * for a function without the SNS client (the notices file drop).
     */
    public static NoticeIntake recording(DynamoDbClient dynamo, String registryTable, String snapshotsTable, String alertsTable) {
        return intake(dynamo, DynamoWatchlist.load(dynamo, registryTable), new DynamoNoticeMessages(dynamo, alertsTable),
                new DynamoFacilityDirectory(dynamo, registryTable), registryTable, snapshotsTable);
    }

    /** {@link #recording} per invocation over the function's DynamoDB client, built now (in the function's init). */
    public static Supplier<NoticeIntake> recordings(LambdaEnvironment env) {
        DynamoDbClient dynamo = env.dynamoDb();
        String registryTable = env.require("REGISTRY_TABLE");
        String snapshotsTable = env.require("SNAPSHOTS_TABLE");
        String alertsTable = env.require("ALERTS_TABLE");
        return () -> recording(dynamo, registryTable, snapshotsTable, alertsTable);
    }

    private static NoticeIntake intake(DynamoDbClient dynamo, Watchlist watchlist, AlertChannels channels,
                                       DynamoFacilityDirectory facilities, String registryTable, String snapshotsTable) {
        return new NoticeIntake(watchlist, new DynamoNoticeStore(dynamo, registryTable),
                channels, facilities, new DynamoSnapshotStore(dynamo, snapshotsTable));
    }

    /**
     * A fresh intake per invocation over the function's clients: DynamoDB's built now, in the
     * function's init (so that SnapStart's priming, registered with it, runs before the snapshot),
     * SNS's on the first notice, both once per container.
     */
    public static Supplier<NoticeIntake> intakes(LambdaEnvironment env) {
        DynamoDbClient dynamo = env.dynamoDb();
        String registryTable = env.require("REGISTRY_TABLE");
        String snapshotsTable = env.require("SNAPSHOTS_TABLE");
        String alertsTable = env.require("ALERTS_TABLE");
        String topicArn = env.require("ALERT_TOPIC_ARN");
        return () -> intake(dynamo, env.sns(), registryTable, snapshotsTable, alertsTable, topicArn);
    }
}
