package fr.vigie.wiring;

import fr.vigie.adapter.aws.LambdaEnvironment;

import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoNoticeStore;
import fr.vigie.adapter.dynamodb.DynamoSnapshotStore;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.sns.SnsAlertChannels;
import fr.vigie.app.NoticeIntake;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.util.List;
import java.util.function.Supplier;

/** The notice intake as the functions compose it (operators' POST, a file under {@code notices/}): DynamoDB and SNS. */
public final class CloudNotices {

    /** Environment variables the intake reads. */
    public static final List<String> ENV = List.of("REGISTRY_TABLE", "SNAPSHOTS_TABLE", "ALERT_TOPIC_ARN");

    private CloudNotices() {
    }

    /** A fresh intake: the watch-list is read now, so build one per invocation. */
    public static NoticeIntake intake(DynamoDbClient dynamo, SnsClient sns, String registryTable, String snapshotsTable,
                                      String topicArn) {
        DynamoFacilityDirectory facilities = new DynamoFacilityDirectory(dynamo, registryTable);
        return new NoticeIntake(DynamoWatchlist.load(dynamo, registryTable), new DynamoNoticeStore(dynamo, registryTable),
                new SnsAlertChannels(sns, topicArn, facilities::regionOf), facilities,
                new DynamoSnapshotStore(dynamo, snapshotsTable));
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
        String topicArn = env.require("ALERT_TOPIC_ARN");
        return () -> intake(dynamo, env.sns(), registryTable, snapshotsTable, topicArn);
    }
}
