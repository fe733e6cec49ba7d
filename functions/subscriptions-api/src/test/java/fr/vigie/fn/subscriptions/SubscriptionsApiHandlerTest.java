package fr.vigie.fn.subscriptions;

import fr.vigie.adapter.aws.HttpCaller;
import fr.vigie.domain.Caller;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.feed.Json;
import fr.vigie.testkit.Fauxqs;
import fr.vigie.testkit.ProjectRoot;
import fr.vigie.testkit.TestLambdaContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The subscriptions API on the events/ samples, against the fauxqs SNS (a real SNS API, no mock). */
class SubscriptionsApiHandlerTest {

    static final TestLambdaContext CONTEXT = new TestLambdaContext("subscriptions-api");

    final SnsClient sns = Fauxqs.get().sns();
    String topic;
    SubscriptionsApiHandler handler;

    @BeforeEach
    void setUp() {
        topic = sns.createTopic(b -> b.name("subs-api-" + UUID.randomUUID())).topicArn();
        handler = new SubscriptionsApiHandler(sns, topic);
    }

    // ------------------------------------------------------------------ requests as API Gateway sends them

    static APIGatewayV2HTTPEvent sample(String file) {
        return EventLoader.loadApiGatewayHttpEvent(ProjectRoot.find().resolve("events/" + file).toString());
    }

    static APIGatewayV2HTTPEvent as(APIGatewayV2HTTPEvent e, Map<String, String> claims) {
        if (claims == null) {
            e.getRequestContext().setAuthorizer(null);
        } else {
            e.getRequestContext().getAuthorizer().getJwt().setClaims(new HashMap<>(claims));
        }
        return e;
    }

    static Map<String, String> hospital(String facility) {
        return Map.of("sub", "u-" + facility, "custom:facilityId", facility, "cognito:groups", "[hospitals]");
    }

    static final Map<String, String> OPERATOR = Map.of("sub", "u-ars", "cognito:groups", "[operators ars-idf]");

    static APIGatewayV2HTTPEvent post(Map<String, String> claims, String body) {
        APIGatewayV2HTTPEvent e = as(sample("subscriptions-http-post.json"), claims);
        e.setBody(body);
        return e;
    }

    static APIGatewayV2HTTPEvent get(Map<String, String> claims) {
        return as(sample("subscriptions-http-get.json"), claims);
    }

    static APIGatewayV2HTTPEvent delete(Map<String, String> claims, String id) {
        APIGatewayV2HTTPEvent e = as(sample("subscriptions-http-get.json"), claims);
        e.setRouteKey("DELETE /subscriptions/{id}");
        e.setPathParameters(Map.of("id", id));
        return e;
    }

    APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent e) {
        return handler.handleRequest(e, CONTEXT);
    }

    static JsonNode body(APIGatewayV2HTTPResponse r) throws Exception {
        return Json.MAPPER.readTree(r.getBody());
    }

    // ------------------------------------------------------------------ tests

    @Test
    void theHospitalSampleSubscribesItsOwnFacilityAndSeesItMasked() throws Exception {
        APIGatewayV2HTTPResponse created = call(sample("subscriptions-http-post.json"));

        assertEquals(201, created.getStatusCode(), created.getBody());
        JsonNode s = body(created);
        assertEquals("p***@chu-paris-nord.example.fr", s.get("endpoint").asText());
        assertEquals("CHU-IDF-01", s.get("facilityId").asText());
        assertEquals("/subscriptions/" + s.get("id").asText(), created.getHeaders().get("Location"));
        assertEquals(Json.MAPPER.readTree("{\"facilityId\":[\"CHU-IDF-01\"],\"delivery\":[\"SINGLE\",\"DIGEST\",\"REMINDER\"],"
                + "\"level\":[\"CRITICAL\",\"RECOVERED\",\"WARNING\"]}"), s.get("filterPolicy"));
        assertFalse(created.getBody().contains("pharmacie.dm"), "the address never comes back whole");
        // the SNS subscription holds the real address and the policy
        Map<String, String> attributes = sns.getSubscriptionAttributes(b -> b.subscriptionArn(topic + ":" + s.get("id").asText())).attributes();
        assertEquals("pharmacie.dm@chu-paris-nord.example.fr", attributes.get("Endpoint"));
        assertEquals("email", attributes.get("Protocol"));

        JsonNode mine = body(call(get(hospital("CHU-IDF-01"))));
        assertEquals(1, mine.size());
        assertEquals(s.get("id"), mine.get(0).get("id"));
        assertEquals(0, body(call(get(hospital("CH-HDF-03")))).size(), "another hospital does not see it");
        assertEquals(1, body(call(get(OPERATOR))).size(), "the operators see every subscription");
    }

    @Test
    void aHospitalCannotSubscribeForAnotherFacilityNorARegionNorNationalEvents() throws Exception {
        for (String request : List.of(
                "{\"channel\":\"sms\",\"endpoint\":\"+33612345678\",\"facilityId\":\"CH-HDF-03\"}",
                "{\"channel\":\"sms\",\"endpoint\":\"+33612345678\",\"region\":\"11\"}",
                "{\"channel\":\"sms\",\"endpoint\":\"+33612345678\",\"nationalEvents\":true}")) {
            APIGatewayV2HTTPResponse r = call(post(hospital("CHU-IDF-01"), request));
            assertEquals(403, r.getStatusCode(), request + " -> " + r.getBody());
            assertTrue(r.getHeaders().get("Content-Type").startsWith("application/problem+json"));
            assertEquals("Accès refusé", body(r).get("title").asText());
        }
        assertEquals(0, sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions().size(), "nothing was subscribed");
        APIGatewayV2HTTPResponse own = call(post(hospital("CHU-IDF-01"),
                "{\"channel\":\"sms\",\"endpoint\":\"+33612345678\",\"facilityId\":\"CHU-IDF-01\"}"));
        assertEquals(201, own.getStatusCode(), own.getBody());
        assertEquals("+336******78", body(own).get("endpoint").asText());
        // what SNS says: AWS confirms an SMS subscription at once, fauxqs leaves every one pending
        String pending = sns.getSubscriptionAttributes(b -> {
            try {
                b.subscriptionArn(topic + ":" + body(own).get("id").asText());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).attributes().get("PendingConfirmation");
        assertEquals("true".equals(pending) ? "PENDING_CONFIRMATION" : "ACTIVE", body(own).get("status").asText());
    }

    @Test
    void badAddressesNumbersRegionsAndFieldsAreEachNamedInFrench() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"channel\":\"email\",\"endpoint\":\"pharmacie.chu.fr\"}", "endpoint",
                "{\"channel\":\"sms\",\"endpoint\":\"06 12 34 56 78\"}", "endpoint",
                "{\"channel\":\"sms\",\"endpoint\":\"+0612345678\"}", "endpoint",
                "{\"channel\":\"sms\",\"endpoint\":\"+3361234567890123\"}", "endpoint",
                "{\"channel\":\"fax\",\"endpoint\":\"+33612345678\"}", "channel",
                "{\"channel\":\"email\",\"endpoint\":\"ars@ars.sante.fr\",\"region\":\"99\"}", "region",
                "{\"channel\":\"email\",\"endpoint\":\"ars@ars.sante.fr\",\"levels\":[\"NONE\"]}", "levels",
                "{\"channel\":\"email\",\"endpoint\":\"ars@ars.sante.fr\",\"epidemics\":[\"GRIPPE\"]}", "epidemics",
                "{\"channel\":\"email\",\"endpoint\":\"ars@ars.sante.fr\",\"regoin\":\"11\"}", "regoin");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            APIGatewayV2HTTPResponse r = call(post(OPERATOR, c.getKey()));
            assertEquals(400, r.getStatusCode(), c.getKey() + " -> " + r.getBody());
            JsonNode problem = body(r);
            assertEquals("Abonnement invalide", problem.get("title").asText());
            assertEquals(c.getValue(), problem.get("errors").get(0).get("field").asText(), r.getBody());
            assertFalse(problem.get("errors").get(0).get("detail").asText().isBlank());
        }
        APIGatewayV2HTTPResponse notJson = call(post(OPERATOR, "channel=email"));
        assertEquals(400, notJson.getStatusCode());
        assertEquals(400, call(post(OPERATOR, null)).getStatusCode(), "no body");
        APIGatewayV2HTTPEvent badBase64 = post(OPERATOR, "%%%");
        badBase64.setIsBase64Encoded(true);
        assertEquals(400, call(badBase64).getStatusCode());
        APIGatewayV2HTTPResponse huge = call(post(OPERATOR, "{\"channel\":\"email\",\"endpoint\":\"" + "a".repeat(5000) + "@x.fr\"}"));
        assertEquals(413, huge.getStatusCode());
        assertEquals(0, sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions().size());
    }

    @Test
    void anonymousCallsAreRefusedAndAnAccountWithoutFacilityOrGroupIsForbidden() throws Exception {
        APIGatewayV2HTTPResponse anonymous = call(get(null));
        assertEquals(401, anonymous.getStatusCode());
        assertEquals("Bearer", anonymous.getHeaders().get("WWW-Authenticate"));
        assertEquals(401, call(post(null, "{\"channel\":\"sms\",\"endpoint\":\"+33612345678\"}")).getStatusCode());
        assertEquals(403, call(get(Map.of("sub", "u-nobody", "cognito:groups", "[readers]"))).getStatusCode());
    }

    @Test
    void aHospitalRemovesOnlyItsOwnSubscriptions() throws Exception {
        String mine = body(call(post(hospital("CHU-IDF-01"), "{\"channel\":\"sms\",\"endpoint\":\"+33612345678\"}"))).get("id").asText();
        String theirs = body(call(post(hospital("CH-HDF-03"), "{\"channel\":\"sms\",\"endpoint\":\"+33698765432\"}"))).get("id").asText();

        assertEquals(404, call(delete(hospital("CHU-IDF-01"), theirs)).getStatusCode(), "another facility's is not found");
        assertEquals(404, call(delete(hospital("CHU-IDF-01"), "not-an-id")).getStatusCode());
        assertEquals(204, call(delete(hospital("CHU-IDF-01"), mine)).getStatusCode());
        assertEquals(404, call(delete(hospital("CHU-IDF-01"), mine)).getStatusCode(), "gone");
        assertEquals(List.of(theirs), ids(body(call(get(OPERATOR)))));
        assertEquals(204, call(delete(OPERATOR, theirs)).getStatusCode(), "an operator removes any");
    }

    @Test
    void operatorsSubscribeForARegionOrTheCountryAndTheSameAddressTwiceIsAConflict() throws Exception {
        JsonNode region = body(call(post(OPERATOR, "{\"channel\":\"email\",\"endpoint\":\"alerte@ars-idf.example.fr\","
                + "\"region\":\"11\",\"levels\":[\"CRITICAL\"],\"epidemics\":[\"BRONCHIOLITIS\"]}")));
        assertEquals("11", region.get("region").asText());
        assertEquals(Json.MAPPER.readTree("{\"$or\":[{\"region\":[\"11\"],\"delivery\":[\"SINGLE\",\"DIGEST\",\"REMINDER\"],"
                + "\"level\":[\"CRITICAL\"],\"epidemics\":[\"BRONCHIOLITIS\"]},{\"type\":[\"SUPPLY_DISRUPTION\",\"SUPPLY_NOTICE\"]}]}"), region.get("filterPolicy"));
        JsonNode national = body(call(post(OPERATOR, "{\"channel\":\"sms\",\"endpoint\":\"+33700000001\",\"nationalEvents\":false}")));
        assertEquals(Json.MAPPER.readTree("{\"delivery\":[\"SINGLE\",\"GROUPED\",\"REMINDER\"]}"), national.get("filterPolicy"));

        APIGatewayV2HTTPResponse again = call(post(OPERATOR, "{\"channel\":\"email\",\"endpoint\":\"alerte@ars-idf.example.fr\",\"region\":\"32\"}"));
        assertEquals(409, again.getStatusCode(), again.getBody());
        assertEquals(2, body(call(get(OPERATOR))).size());
    }

    @Test
    void queuesSubscribedByTheInfrastructureAreShownToOperatorsAsTheyAreAndNeverToHospitals() throws Exception {
        SqsClient sqs = Fauxqs.get().sqs();
        String queue = sqs.createQueue(b -> b.queueName("ars-idf-" + UUID.randomUUID())).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topic).protocol("sqs").endpoint(queueArn)
                .attributes(Map.of("FilterPolicy", "{\"facilityId\":[\"CHU-IDF-01\"]}")));

        JsonNode list = body(call(get(OPERATOR)));
        assertEquals(1, list.size());
        assertEquals(queueArn, list.get(0).get("endpoint").asText());
        assertEquals(0, body(call(get(hospital("CHU-IDF-01")))).size());
        assertEquals(403, call(delete(OPERATOR, list.get(0).get("id").asText())).getStatusCode());
    }

    @Test
    void aRequestWithoutClaimsIsAnonymous() {
        assertNull(HttpCaller.of(get(null)).orElse(null));
    }

    static List<String> ids(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get("id").asText()));
        return out;
    }
}
