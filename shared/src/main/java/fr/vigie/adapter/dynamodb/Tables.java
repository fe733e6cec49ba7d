package fr.vigie.adapter.dynamodb;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

import java.util.List;

/**
 * The three tables, their keys and indexes: the one definition that local runs and tests create
 * and that {@code template.yaml} must match (a test compares them). Every table is keyed by
 * {@code pk} (partition) and {@code sk} (sort), both strings; the item layouts are in each store.
 */
public final class Tables {

    public static final String PK = "pk";
    public static final String SK = "sk";
    /** Sparse index of alert events not yet published: only pending events carry these attributes. */
    public static final String PENDING_INDEX = "PendingIndex";
    public static final String PENDING_PK = "pendingPk";
    public static final String PENDING_SK = "pendingSk";
    /** Sparse index of the series whose alert is open: only open states carry these attributes. */
    public static final String OPEN_INDEX = "OpenIndex";
    public static final String OPEN_PK = "openPk";
    public static final String OPEN_SK = "openSk";
    /**
     * Index of the alert history (the console's {@code GET /alerts}): every alert event carries
     * {@code logPk = LOG#{yyyy-MM of at, UTC}} and {@code logSk = {at}#{facilityId}#{deviceId}}, so a
     * month's events, newest first, are one Query without a scan.
     */
    public static final String LOG_INDEX = "LogIndex";
    public static final String LOG_PK = "logPk";
    public static final String LOG_SK = "logSk";

    /** Names of the tables in one deployment (environment variables in the functions). */
    public record Names(String snapshots, String alerts, String registry) {
        public static Names defaults() {
            return new Names("vigie-snapshots", "vigie-alerts", "vigie-registry");
        }

        public List<String> all() {
            return List.of(snapshots, alerts, registry);
        }
    }

    private Tables() {
    }

    /** Snapshots: one item per facility poll or report (all its devices' readings); its stream feeds the coverage-evaluator. */
    public static CreateTableRequest snapshots(String name) {
        return base(name)
                .streamSpecification(StreamSpecification.builder().streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build())
                .build();
    }

    /** Alerts: alert state and events per facility/device, disruption state and events per device. */
    public static CreateTableRequest alerts(String name) {
        return base(name)
                .attributeDefinitions(attr(PK), attr(SK), attr(PENDING_PK), attr(PENDING_SK), attr(OPEN_PK), attr(OPEN_SK), attr(LOG_PK), attr(LOG_SK))
                .globalSecondaryIndexes(
                        GlobalSecondaryIndex.builder().indexName(PENDING_INDEX)
                                .keySchema(key(PENDING_PK, KeyType.HASH), key(PENDING_SK, KeyType.RANGE))
                                .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build(),
                        GlobalSecondaryIndex.builder().indexName(OPEN_INDEX)
                                .keySchema(key(OPEN_PK, KeyType.HASH), key(OPEN_SK, KeyType.RANGE))
                                .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build(),
                        GlobalSecondaryIndex.builder().indexName(LOG_INDEX)
                                .keySchema(key(LOG_PK, KeyType.HASH), key(LOG_SK, KeyType.RANGE))
                                .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())
                .build();
    }

    /** Registry: the watch-list, its audit trail and the facilities. */
    public static CreateTableRequest registry(String name) {
        return base(name).build();
    }

    public static List<CreateTableRequest> all(Names names) {
        return List.of(snapshots(names.snapshots()), alerts(names.alerts()), registry(names.registry()));
    }

    /** Creates the tables that do not exist yet (local runs and tests; the cloud has template.yaml). */
    public static void createMissing(DynamoDbClient client, Names names) {
        create(client, all(names));
    }

    /**
     * As {@link #createMissing}, the snapshots table without its stream: {@code ./vigie} evaluates what it
     * stores itself, and DynamoDB Local would write a stream record beside every item (issue 18).
     */
    public static void createMissingLocally(DynamoDbClient client, Names names) {
        create(client, List.of(snapshots(names.snapshots()).toBuilder().streamSpecification((StreamSpecification) null).build(),
                alerts(names.alerts()), registry(names.registry())));
    }

    private static void create(DynamoDbClient client, List<CreateTableRequest> requests) {
        List<String> existing = client.listTablesPaginator().tableNames().stream().toList();
        for (CreateTableRequest request : requests) {
            if (!existing.contains(request.tableName())) {
                try {
                    client.createTable(request);
                } catch (ResourceInUseException raced) {
                    // another process created it meanwhile: what we wanted
                }
            }
        }
    }

    private static CreateTableRequest.Builder base(String name) {
        return CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attr(PK), attr(SK))
                .keySchema(key(PK, KeyType.HASH), key(SK, KeyType.RANGE));
    }

    private static AttributeDefinition attr(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
