package fr.vigie.app;

import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.testkit.DynamoDbLocalServer;
import fr.vigie.testkit.Fauxqs;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.util.UUID;

/** Tables of a test's own on DynamoDB Local and an alert topic of its own on fauxqs. */
record Engines(DynamoDbClient dynamo, SnsClient sns, Tables.Names names, String topic) {

    static Engines fresh(String topicPrefix) {
        DynamoDbClient dynamo = DynamoDbLocalServer.get().client();
        SnsClient sns = Fauxqs.get().sns();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Tables.Names names = new Tables.Names("s-" + suffix, "a-" + suffix, "r-" + suffix);
        Tables.createMissing(dynamo, names);
        return new Engines(dynamo, sns, names, sns.createTopic(b -> b.name(topicPrefix + "-" + suffix)).topicArn());
    }
}
