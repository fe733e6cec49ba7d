package fr.vigie.adapter.dynamodb;

import fr.vigie.testkit.LocalStackEngines;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The same promises against LocalStack; skipped, with Testcontainers' reason, where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class DynamoStoresLocalStackTest extends DynamoStoresContract {

    @Container
    static final LocalStackContainer LOCALSTACK = LocalStackEngines.container();

    @Override
    DynamoDbClient client() {
        return LocalStackEngines.dynamo(LOCALSTACK);
    }
}
