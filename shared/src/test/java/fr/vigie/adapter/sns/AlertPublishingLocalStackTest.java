package fr.vigie.adapter.sns;

import fr.vigie.testkit.LocalStackEngines;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The same promises against LocalStack; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class AlertPublishingLocalStackTest extends AlertPublishingContract {

    @Container
    static final LocalStackContainer LOCALSTACK = LocalStackEngines.container();

    @Override
    SnsClient sns() {
        return LocalStackEngines.sns(LOCALSTACK);
    }

    @Override
    SqsClient sqs() {
        return LocalStackEngines.sqs(LOCALSTACK);
    }

    @Override
    boolean filtersOnStringArrays() {
        return true;
    }
}
