package fr.vigie.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An SQS queue subscribed to an SNS topic, standing in for an email or SMS endpoint (emulators
 * deliver neither): tests publish, then read what this subscriber would have received.
 */
public final class SnsProbe {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SqsClient sqs;
    private final String queueUrl;

    private SnsProbe(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Subscribes a new queue to the topic, with a filter policy on message attributes (or none), raw delivery. */
    public static SnsProbe subscribe(SnsClient sns, SqsClient sqs, String topicArn, String filterPolicy) {
        return subscribe(sns, sqs, topicArn, filterPolicy, true);
    }

    /**
     * Subscribes a new queue that receives SNS's JSON envelope (no raw delivery): {@code Subject},
     * {@code Message} and {@code MessageAttributes} as an HTTP or SQS endpoint gets them.
     */
    public static SnsProbe subscribeEnveloped(SnsClient sns, SqsClient sqs, String topicArn) {
        return subscribe(sns, sqs, topicArn, null, false);
    }

    private static SnsProbe subscribe(SnsClient sns, SqsClient sqs, String topicArn, String filterPolicy, boolean raw) {
        String name = "probe-" + UUID.randomUUID();
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        Map<String, String> attributes = new java.util.HashMap<>(Map.of("RawMessageDelivery", Boolean.toString(raw)));
        if (filterPolicy != null) {
            attributes.put("FilterPolicy", filterPolicy);
        }
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(arn).attributes(attributes));
        return new SnsProbe(sqs, url);
    }

    /**
     * The text a subscriber of {@code protocol} ("sqs", "email", "sms") receives from a message
     * published with {@code MessageStructure=json}: SNS picks the protocol's key, else "default".
     * fauxqs does not apply MessageStructure and delivers the whole structure, so the choice is
     * made here; LocalStack and AWS have already made it, and their body is passed through.
     */
    public static String bodyFor(Message message, String protocol) {
        String body = message.body();
        try {
            JsonNode tree = MAPPER.readTree(body);
            if (tree != null && tree.isObject() && tree.has("default") && tree.get("default").isTextual()) {
                return tree.path(protocol).isTextual() ? tree.get(protocol).asText() : tree.get("default").asText();
            }
        } catch (JsonProcessingException notJson) {
            // a plain-text body is delivered as is
        }
        return body;
    }

    /** Reads messages until {@code expected} arrived or {@code wait} passed; returns what arrived. */
    public List<Message> receive(int expected, Duration wait) {
        List<Message> got = new ArrayList<>();
        Instant deadline = Instant.now().plus(wait);
        while (got.size() < expected && Instant.now().isBefore(deadline)) {
            got.addAll(sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages());
        }
        return got;
    }
}
