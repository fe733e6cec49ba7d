package fr.vigie.adapter.sns;

import fr.vigie.testkit.Fauxqs;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Publishing against the fauxqs SNS/SQS emulator started by the test. */
class AlertPublishingFauxqsTest extends AlertPublishingContract {

    private static final SnsClient SNS = Fauxqs.get().sns();
    private static final SqsClient SQS = Fauxqs.get().sqs();

    @Override
    SnsClient sns() {
        return SNS;
    }

    @Override
    SqsClient sqs() {
        return SQS;
    }

    @Override
    boolean filtersOnStringArrays() {
        return false;
    }
}
