package fr.vigie.fn.subscriptions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.feed.Json;
import fr.vigie.testkit.Fauxqs;
import fr.vigie.testkit.ProjectRoot;
import fr.vigie.testkit.TestLambdaContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** GET /subscriptions on the events/ sample, against the fauxqs SNS. */
class SubscriptionsApiHandlerTest {

    @Test
    void listsTheTopicsSubscriptionsWithTheirFilterPolicy() throws Exception {
        SnsClient sns = Fauxqs.get().sns();
        SqsClient sqs = Fauxqs.get().sqs();
        String topic = sns.createTopic(b -> b.name("subs-api-" + UUID.randomUUID())).topicArn();
        String queue = sqs.createQueue(b -> b.queueName("ars-idf-" + UUID.randomUUID())).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn)
                .attributes(Map.of("FilterPolicy", "{\"region\":[\"11\"],\"level\":[\"CRITICAL\"]}")));
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(ProjectRoot.find().resolve("events/subscriptions-http-get.json").toString());

        APIGatewayV2HTTPResponse response = new SubscriptionsApiHandler(sns, topic).handleRequest(event, new TestLambdaContext("subscriptions-api"));

        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode list = Json.MAPPER.readTree(response.getBody());
        assertEquals(1, list.size());
        assertEquals("sqs", list.get(0).get("protocol").asText());
        assertEquals(queueArn, list.get(0).get("endpoint").asText());
        assertEquals("11", list.get(0).get("filterPolicy").get("region").get(0).asText());
    }

    @Test
    void personalEndpointsAreMasked() {
        assertEquals("j***@chu-paris.fr", SubscriptionsApiHandler.mask("email", "jeanne.martin@chu-paris.fr"));
        assertEquals("+336******78", SubscriptionsApiHandler.mask("sms", "+33612345678"));
    }
}
