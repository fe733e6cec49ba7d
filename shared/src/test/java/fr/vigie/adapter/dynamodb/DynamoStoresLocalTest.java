package fr.vigie.adapter.dynamodb;

import fr.vigie.testkit.DynamoDbLocalServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The stores against Amazon DynamoDB Local in the test JVM. */
class DynamoStoresLocalTest extends DynamoStoresContract {

    private static final DynamoDbClient CLIENT = DynamoDbLocalServer.get().client();

    @Override
    DynamoDbClient client() {
        return CLIENT;
    }
}
