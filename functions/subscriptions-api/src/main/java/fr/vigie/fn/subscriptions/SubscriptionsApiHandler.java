package fr.vigie.fn.subscriptions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.adapter.aws.LambdaEnvironment;
import fr.vigie.adapter.feed.Json;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Subscription;

import java.util.List;
import java.util.Map;

/**
 * The subscriptions API, read side only for now: {@code GET /subscriptions} lists the alert topic's
 * subscriptions (protocol, endpoint masked — an address or a phone number is personal data —
 * and the filter policy that decides what each receives). Registering and removing subscriptions,
 * their validation and who may manage which facility are issue 4's.
 */
public final class SubscriptionsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Environment variables this handler reads; template.yaml sets each (a test checks it). */
    public static final List<String> ENV = List.of("ALERT_TOPIC_ARN");

    private final SnsClient sns;
    private final String topicArn;

    public SubscriptionsApiHandler() {
        this(LambdaEnvironment.system());
    }

    private SubscriptionsApiHandler(LambdaEnvironment env) {
        this(env.sns(), env.require("ALERT_TOPIC_ARN"));
    }

    SubscriptionsApiHandler(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent request, Context context) {
        if (!"GET /subscriptions".equals(request.getRouteKey())) {
            return response(405, "application/problem+json", Json.write(Map.of("type", "about:blank",
                    "title", "Méthode non prise en charge", "status", 405,
                    "detail", request.getRouteKey() + " : seule la lecture (GET) est disponible pour l'instant")));
        }
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (Subscription s : sns.listSubscriptionsByTopicPaginator(b -> b.topicArn(topicArn)).subscriptions()) {
            ObjectNode n = list.addObject();
            n.put("subscriptionArn", s.subscriptionArn());
            n.put("protocol", s.protocol());
            n.put("endpoint", mask(s.protocol(), s.endpoint()));
            boolean confirmed = s.subscriptionArn() != null && s.subscriptionArn().startsWith("arn:");
            n.put("confirmed", confirmed);
            if (confirmed) {
                String policy = sns.getSubscriptionAttributes(b -> b.subscriptionArn(s.subscriptionArn())).attributes().get("FilterPolicy");
                n.set("filterPolicy", policy == null ? null : readTree(policy));
            }
        }
        return response(200, "application/json", list.toString());
    }

    /** "jeanne.martin@chu.fr" as "j***@chu.fr", "+33612345678" as "+336******78"; queues and functions as they are. */
    static String mask(String protocol, String endpoint) {
        if (endpoint == null) {
            return null;
        }
        if (protocol.startsWith("email")) {
            int at = endpoint.indexOf('@');
            return at <= 0 ? "***" : endpoint.charAt(0) + "***" + endpoint.substring(at);
        }
        if (protocol.equals("sms")) {
            return endpoint.length() <= 6 ? "***" : endpoint.substring(0, 4) + "*".repeat(endpoint.length() - 6) + endpoint.substring(endpoint.length() - 2);
        }
        return endpoint;
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            return Json.MAPPER.getNodeFactory().textNode(json);
        }
    }

    private static APIGatewayV2HTTPResponse response(int status, String contentType, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", contentType + "; charset=utf-8")).withBody(body).build();
    }
}
