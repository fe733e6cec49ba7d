package fr.vigie.fn.subscriptions;

import fr.vigie.adapter.aws.HttpCaller;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoSubscriptionRecords;
import fr.vigie.app.SubscriptionManagement;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.adapter.feed.Json;
import fr.vigie.adapter.sns.SnsSubscriptions;
import fr.vigie.domain.Facility;
import fr.vigie.testkit.DynamoDbLocalServer;
import fr.vigie.testkit.Fauxqs;
import fr.vigie.testkit.ProjectRoot;
import fr.vigie.testkit.SnsProbe;
import fr.vigie.testkit.TestLambdaContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        handler = handler(sns, topic, SubscriptionManagement.Limits.DEFAULT);
    }

    /**
     * The handler on the fauxqs topic and a fresh registry table of DynamoDB Local, with CHU-IDF-01
     * in Île-de-France (11) and CH-HDF-03 in Hauts-de-France (32).
     */
    static SubscriptionsApiHandler handler(SnsClient sns, String topic, SubscriptionManagement.Limits limits) {
        DynamoDbClient dynamo = DynamoDbLocalServer.get().client();
        String table = "subs-registry-" + UUID.randomUUID().toString().substring(0, 8);
        dynamo.createTable(Tables.registry(table));
        DynamoFacilityDirectory facilities = new DynamoFacilityDirectory(dynamo, table);
        facilities.put(new Facility("CHU-IDF-01", "CHU Paris Nord", "11", null));
        facilities.put(new Facility("CH-HDF-03", "CH Lens", "32", null));
        return new SubscriptionsApiHandler(new SnsSubscriptions(sns, topic), facilities, new DynamoSubscriptionRecords(dynamo, table),
                limits, Clock.systemUTC());
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

    /** A queue standing in for the phones: it receives every confirmation message of the topic (and nothing else). */
    static SnsProbe codes(SnsClient sns, SqsClient sqs, String topic) {
        return SnsProbe.subscribe(sns, sqs, topic, "{\"confirmation\":[{\"exists\":true}]}");
    }

    /** The code of the next confirmation message on {@code phone}. */
    static String code(SnsProbe phone) {
        List<Message> got = phone.receive(1, Duration.ofSeconds(5));
        assertEquals(1, got.size(), "one confirmation message");
        Matcher m = Pattern.compile("\\b(\\d{6})\\b").matcher(got.get(0).body());
        assertTrue(m.find(), got.get(0).body());
        assertTrue(got.get(0).body().startsWith("Vigie : code de confirmation") && got.get(0).body().length() <= 160, got.get(0).body());
        return m.group(1);
    }

    /** Posts back the code the number received. */
    static APIGatewayV2HTTPResponse confirm(SubscriptionsApiHandler api, SnsProbe phone, Map<String, String> claims, String id) {
        return api.handleRequest(confirmation(claims, id, code(phone)), CONTEXT);
    }

    static APIGatewayV2HTTPEvent confirmation(Map<String, String> claims, String id, String code) {
        APIGatewayV2HTTPEvent e = post(claims, "{\"code\":\"" + code + "\"}");
        e.setRouteKey("POST /subscriptions/{id}/confirm");
        e.setPathParameters(Map.of("id", id));
        return e;
    }

    String filterPolicy(String id) {
        return sns.getSubscriptionAttributes(b -> b.subscriptionArn(topic + ":" + id)).attributes().get("FilterPolicy");
    }

    // ------------------------------------------------------------------ tests

    @Test
    void anSmsSubscriptionReceivesOnlyItsCodeUntilTheCodeComesBack() throws Exception {
        SnsProbe phone = codes(sns, Fauxqs.get().sqs(), topic);
        APIGatewayV2HTTPResponse created = call(post(hospital("CHU-IDF-01"), "{\"channel\":\"sms\",\"endpoint\":\"+33612345678\"}"));
        assertEquals(201, created.getStatusCode(), created.getBody());
        String id = body(created).get("id").asText();
        assertEquals("PENDING_CODE", body(created).get("status").asText());
        String held = filterPolicy(id);
        assertTrue(held.contains("confirmation") && !held.contains("delivery"), "held: no alert matches " + held);

        // an alert of the facility does not reach the held number
        SnsProbe heldNumber = SnsProbe.subscribe(sns, Fauxqs.get().sqs(), topic, held);
        sns.publish(b -> b.topicArn(topic).message("alerte").messageAttributes(Map.of(
                "facilityId", software.amazon.awssdk.services.sns.model.MessageAttributeValue.builder().dataType("String").stringValue("CHU-IDF-01").build(),
                "delivery", software.amazon.awssdk.services.sns.model.MessageAttributeValue.builder().dataType("String").stringValue("SINGLE").build())));
        assertEquals(0, heldNumber.receive(1, Duration.ofMillis(1500)).size());

        String code = code(phone);
        String wrong = code.equals("000000") ? "111111" : "000000";
        APIGatewayV2HTTPResponse bad = call(confirmation(hospital("CHU-IDF-01"), id, wrong));
        assertEquals(400, bad.getStatusCode(), bad.getBody());
        assertEquals("code", body(bad).at("/errors/0/field").asText());
        assertTrue(body(bad).get("detail").asText().contains("4 essai(s) restant(s)"), bad.getBody());
        assertEquals(404, call(confirmation(hospital("CH-HDF-03"), id, code)).getStatusCode(), "another caller's code is unknown to it");

        APIGatewayV2HTTPResponse ok = call(confirmation(hospital("CHU-IDF-01"), id, code));
        assertEquals(200, ok.getStatusCode(), ok.getBody());
        assertFalse(body(ok).get("status").asText().equals("PENDING_CODE"), ok.getBody());
        assertEquals(Json.MAPPER.readTree("{\"facilityId\":[\"CHU-IDF-01\"],\"delivery\":[\"SINGLE\",\"GROUPED\",\"REMINDER\"],"
                        + "\"level\":[\"CRITICAL\",\"RECOVERED\"]}"),
                Json.MAPPER.readTree(filterPolicy(id)), "now it receives its facility's alerts, by default critical and recovered (issue 18)");
        assertEquals(404, call(confirmation(hospital("CHU-IDF-01"), id, code)).getStatusCode(), "a code serves once");
    }

    @Test
    void fiveWrongCodesOrAnExpiredCodeDropTheSubscription() throws Exception {
        String id = body(call(post(hospital("CHU-IDF-01"), "{\"channel\":\"sms\",\"endpoint\":\"+33612345678\"}"))).get("id").asText();
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertEquals(400, call(confirmation(hospital("CHU-IDF-01"), id, "12345" + attempt)).getStatusCode());
        }
        assertEquals(0, sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions().size(), "dropped after five wrong codes");
        assertEquals(404, call(confirmation(hospital("CHU-IDF-01"), id, "123456")).getStatusCode());

        SubscriptionsApiHandler instant = handler(sns, topic, new SubscriptionManagement.Limits(10, 10, 30, Duration.ZERO, 5));
        SnsProbe phone = codes(sns, Fauxqs.get().sqs(), topic);
        String late = body(instant.handleRequest(post(hospital("CHU-IDF-01"), "{\"channel\":\"sms\",\"endpoint\":\"+33612345678\"}"), CONTEXT))
                .get("id").asText();
        assertEquals(404, confirm(instant, phone, hospital("CHU-IDF-01"), late).getStatusCode(), "expired");
        assertEquals(0, sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions().stream()
                .filter(x -> "sms".equals(x.protocol())).count(), "an expired subscription is dropped");

        String forgotten = body(instant.handleRequest(post(hospital("CHU-IDF-01"), "{\"channel\":\"sms\",\"endpoint\":\"+33612345670\"}"), CONTEXT))
                .get("id").asText();
        assertEquals(List.of(), ids(body(instant.handleRequest(get(hospital("CHU-IDF-01")), CONTEXT))),
                "a number that never answered is not listed ...");
        assertEquals(0, sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions().stream()
                .filter(x -> x.subscriptionArn().endsWith(forgotten)).count(), "... and is removed from the topic");
    }

    @Test
    void subscriptionsAreCappedPerFacilityAndPerOperator() throws Exception {
        handler = handler(sns, topic, new SubscriptionManagement.Limits(2, 3, 100, Duration.ofMinutes(15), 5));
        assertEquals(201, call(post(hospital("CHU-IDF-01"), "{\"channel\":\"email\",\"endpoint\":\"a@chu.fr\"}")).getStatusCode());
        assertEquals(201, call(post(hospital("CHU-IDF-01"), "{\"channel\":\"sms\",\"endpoint\":\"+33612345671\"}")).getStatusCode());
        APIGatewayV2HTTPResponse third = call(post(hospital("CHU-IDF-01"), "{\"channel\":\"email\",\"endpoint\":\"c@chu.fr\"}"));
        assertEquals(409, third.getStatusCode(), third.getBody());
        assertEquals("urn:vigie:problem:quota-exceeded", body(third).get("type").asText());
        assertEquals(409, call(post(OPERATOR, "{\"channel\":\"email\",\"endpoint\":\"d@ars.fr\",\"facilityId\":\"CHU-IDF-01\"}")).getStatusCode(),
                "the facility's cap holds for operators too");

        for (String region : List.of("11", "32", "44")) {
            assertEquals(201, call(post(OPERATOR, "{\"channel\":\"email\",\"endpoint\":\"veille" + region + "@ars.fr\",\"region\":\"" + region + "\"}"))
                    .getStatusCode());
        }
        APIGatewayV2HTTPResponse fourth = call(post(OPERATOR, "{\"channel\":\"email\",\"endpoint\":\"veille52@ars.fr\",\"region\":\"52\"}"));
        assertEquals(409, fourth.getStatusCode(), fourth.getBody());
        JsonNode listed = body(call(get(OPERATOR)));
        String regional = null;
        for (JsonNode n : listed) {
            if (n.has("region")) {
                regional = n.get("id").asText();
            }
        }
        assertEquals(204, call(delete(OPERATOR, regional)).getStatusCode());
        assertEquals(201, call(post(OPERATOR, "{\"channel\":\"email\",\"endpoint\":\"veille52@ars.fr\",\"region\":\"52\"}")).getStatusCode(),
                "room again once one is removed");
    }

    @Test
    void subscriptionChangesAreRateLimitedPerCaller() throws Exception {
        handler = handler(sns, topic, new SubscriptionManagement.Limits(10, 10, 3, Duration.ofMinutes(15), 5));
        for (int i = 1; i <= 3; i++) {
            call(post(hospital("CHU-IDF-01"), "{\"channel\":\"email\",\"endpoint\":\"x" + i + "@chu.fr\"}"));
        }
        APIGatewayV2HTTPResponse limited = call(post(hospital("CHU-IDF-01"), "{\"channel\":\"email\",\"endpoint\":\"x4@chu.fr\"}"));
        assertEquals(429, limited.getStatusCode(), limited.getBody());
        assertEquals("urn:vigie:problem:too-many-requests", body(limited).get("type").asText());
        assertTrue(body(limited).get("detail").asText().contains("heure de Paris"));
        assertEquals(429, call(delete(hospital("CHU-IDF-01"), "00000000-0000-0000-0000-000000000000")).getStatusCode(), "removals count too");
        assertEquals(200, call(get(hospital("CHU-IDF-01"))).getStatusCode(), "reading does not");
        assertEquals(201, call(post(hospital("CH-HDF-03"), "{\"channel\":\"email\",\"endpoint\":\"y@ch.fr\"}")).getStatusCode(),
                "another caller has its own allowance");
    }

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
            assertEquals("urn:vigie:problem:forbidden", body(r).get("type").asText());
        }
        assertEquals(0, sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions().size(), "nothing was subscribed");
        APIGatewayV2HTTPResponse own = call(post(hospital("CHU-IDF-01"),
                "{\"channel\":\"sms\",\"endpoint\":\"+33612345678\",\"facilityId\":\"CHU-IDF-01\"}"));
        assertEquals(201, own.getStatusCode(), own.getBody());
        assertEquals("+336******78", body(own).get("endpoint").asText());
        assertEquals("PENDING_CODE", body(own).get("status").asText(), "an SMS subscription waits for the code sent to the number");
    }

    @Test
    void numbersAndAddressesAsPeopleTypeThemAreOneRecipient() throws Exception {
        // "06 12 34 56 78", "+33 06…" (the common mistake, a number that does not exist) and "0033…" are one phone
        Map<String, String> typed = Map.of("06 12 34 56 71", "+336******71", "+33 06 12 34 56 72", "+336******72",
                "0033 6 12 34 56 73", "+336******73", "06.12.34.56.74", "+336******74");
        for (Map.Entry<String, String> number : typed.entrySet()) {
            APIGatewayV2HTTPResponse r = call(post(hospital("CHU-IDF-01"), "{\"channel\":\"sms\",\"endpoint\":\"" + number.getKey() + "\"}"));
            assertEquals(201, r.getStatusCode(), number.getKey() + " -> " + r.getBody());
            assertEquals(number.getValue(), body(r).get("endpoint").asText(), number.getKey());
        }
        // a mailbox ignores case: one subscription, not two
        String first = body(call(post(hospital("CHU-IDF-01"), "{\"channel\":\"email\",\"endpoint\":\"Pharmacie@CHU-IDF.fr\"}"))).get("id").asText();
        String again = body(call(post(hospital("CHU-IDF-01"), "{\"channel\":\"email\",\"endpoint\":\"pharmacie@chu-idf.fr\"}"))).get("id").asText();
        assertEquals(first, again);
        // an accented domain is written as mail servers know it
        APIGatewayV2HTTPResponse accented = call(post(hospital("CHU-IDF-01"), "{\"channel\":\"email\",\"endpoint\":\"pharmacie@hôpital-nord.fr\"}"));
        assertEquals(201, accented.getStatusCode(), accented.getBody());
        assertEquals("p***@xn--hpital-nord-2eb.fr", body(accented).get("endpoint").asText());
        // its own id in lower case: named as a typo, not as another facility
        APIGatewayV2HTTPResponse lower = call(post(hospital("CHU-IDF-01"), "{\"channel\":\"email\",\"endpoint\":\"cadre@chu-idf.fr\",\"facilityId\":\"chu-idf-01\"}"));
        assertEquals(400, lower.getStatusCode(), lower.getBody());
        assertTrue(lower.getBody().contains("majuscules"), lower.getBody());
        // an overseas number in its national form is refused with the way to write it
        APIGatewayV2HTTPResponse reunion = call(post(hospital("CHU-IDF-01"), "{\"channel\":\"sms\",\"endpoint\":\"0692 12 34 56\"}"));
        assertEquals(400, reunion.getStatusCode());
        assertTrue(body(reunion).get("errors").get(0).get("message").asText().contains("+262"), reunion.getBody());
    }

    @Test
    void badAddressesNumbersRegionsAndFieldsAreEachNamedInFrench() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"channel\":\"email\",\"endpoint\":\"pharmacie.chu.fr\"}", "endpoint",
                "{\"channel\":\"sms\",\"endpoint\":\"0692 12 34 56\"}", "endpoint",
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
            assertEquals("urn:vigie:problem:invalid-input", problem.get("type").asText());
            assertEquals("Requête invalide", problem.get("title").asText());
            assertEquals(c.getValue(), problem.get("errors").get(0).get("field").asText(), r.getBody());
            assertFalse(problem.get("errors").get(0).get("message").asText().isBlank());
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
    void aFacilitySubscriptionThatCouldNeverMatchAnAlertIsRefusedNotSilentlyKept() throws Exception {
        // alerts carry the registry's id exactly: lower case or a typo would subscribe to nothing, silently
        for (String facility : List.of("chu-idf-01", "CHU-IDF-1", "CHU IDF 01")) {
            APIGatewayV2HTTPResponse r = call(post(OPERATOR, "{\"channel\":\"email\",\"endpoint\":\"veille@ars.sante.fr\",\"facilityId\":\""
                    + facility + "\"}"));
            assertEquals(400, r.getStatusCode(), facility + " -> " + r.getBody());
            assertEquals("facilityId", body(r).get("errors").get(0).get("field").asText(), r.getBody());
        }
        assertEquals(0, sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions().size());
        APIGatewayV2HTTPResponse registered = call(post(OPERATOR,
                "{\"channel\":\"email\",\"endpoint\":\"veille@ars.sante.fr\",\"facilityId\":\"CHU-IDF-01\"}"));
        assertEquals(201, registered.getStatusCode(), registered.getBody());
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
                + "\"level\":[\"CRITICAL\"],\"epidemics\":[\"BRONCHIOLITIS\"]},{\"region\":[\"11\"],\"delivery\":[\"ESCALATION\"],"
                + "\"level\":[\"CRITICAL\"],\"epidemics\":[\"BRONCHIOLITIS\"]},{\"type\":[\"SUPPLY_DISRUPTION\",\"SUPPLY_NOTICE\"]}]}"),
                region.get("filterPolicy"));
        SnsProbe phone = codes(sns, Fauxqs.get().sqs(), topic);
        JsonNode created = body(call(post(OPERATOR, "{\"channel\":\"sms\",\"endpoint\":\"+33700000001\",\"nationalEvents\":false}")));
        JsonNode national = body(confirm(handler, phone, OPERATOR, created.get("id").asText()));
        // an SMS that names no level: critical and recovered (issue 18), escalations of its criticals included
        assertEquals(Json.MAPPER.readTree("{\"$or\":[{\"delivery\":[\"SINGLE\",\"GROUPED\",\"REMINDER\"],\"level\":[\"CRITICAL\",\"RECOVERED\"]},"
                + "{\"delivery\":[\"ESCALATION\"],\"level\":[\"CRITICAL\",\"RECOVERED\"],\"escalated\":[\"NATIONAL\"]}]}"),
                national.get("filterPolicy"));

        APIGatewayV2HTTPResponse again = call(post(OPERATOR, "{\"channel\":\"email\",\"endpoint\":\"alerte@ars-idf.example.fr\",\"region\":\"32\"}"));
        assertEquals(409, again.getStatusCode(), again.getBody());
        List<String> people = new ArrayList<>();
        body(call(get(OPERATOR))).forEach(n -> people.add(n.get("channel").asText()));
        assertEquals(List.of("email", "sms"), people.stream().filter(c -> !c.equals("sqs")).sorted().toList(), "the queue is the test's phone");
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

    static Map<String, String> groups(String claim) {
        return Map.of("sub", "u-" + claim.hashCode(), "cognito:groups", claim);
    }

    static final Map<String, String> IDF = groups("[operators-11]");

    @Test
    void aRegionalOperatorSubscribesSeesAndRemovesItsRegionOnly() throws Exception {
        JsonNode region = body(call(post(IDF, "{\"channel\":\"email\",\"endpoint\":\"alerte@ars-idf.example.fr\",\"region\":\"11\"}")));
        assertEquals("11", region.get("region").asText(), region.toString());
        assertEquals(Json.MAPPER.readTree("{\"$or\":[{\"region\":[\"11\"],\"delivery\":[\"SINGLE\",\"DIGEST\",\"REMINDER\"]},"
                        + "{\"region\":[\"11\"],\"delivery\":[\"ESCALATION\"]}]}"), region.get("filterPolicy"),
                "no national events for a regional operator; its region's escalations (issue 22)");
        APIGatewayV2HTTPResponse facility = call(post(IDF, "{\"channel\":\"sms\",\"endpoint\":\"+33611111111\",\"facilityId\":\"CHU-IDF-01\"}"));
        assertEquals(201, facility.getStatusCode(), facility.getBody());
        for (String refused : List.of(
                "{\"channel\":\"sms\",\"endpoint\":\"+33622222222\",\"region\":\"32\"}",
                "{\"channel\":\"sms\",\"endpoint\":\"+33622222222\",\"facilityId\":\"CH-HDF-03\"}",
                "{\"channel\":\"sms\",\"endpoint\":\"+33622222222\",\"facilityId\":\"CH-UNKNOWN-09\"}",
                "{\"channel\":\"sms\",\"endpoint\":\"+33622222222\"}",
                "{\"channel\":\"sms\",\"endpoint\":\"+33622222222\",\"region\":\"11\",\"nationalEvents\":true}")) {
            APIGatewayV2HTTPResponse r = call(post(IDF, refused));
            assertEquals(403, r.getStatusCode(), refused + " -> " + r.getBody());
        }
        String hdf = body(call(post(OPERATOR, "{\"channel\":\"sms\",\"endpoint\":\"+33633333333\",\"region\":\"32\"}"))).get("id").asText();
        String lens = body(call(post(hospital("CH-HDF-03"), "{\"channel\":\"sms\",\"endpoint\":\"+33644444444\"}"))).get("id").asText();
        String national = body(call(post(OPERATOR, "{\"channel\":\"sms\",\"endpoint\":\"+33655555555\"}"))).get("id").asText();

        List<String> seen = ids(body(call(get(IDF))));
        assertEquals(List.of(region.get("id").asText(), body(facility).get("id").asText()).stream().sorted().toList(), seen.stream().sorted().toList());
        for (String other : List.of(hdf, lens, national)) {
            assertEquals(404, call(delete(IDF, other)).getStatusCode(), "another region's is unknown: " + other);
        }
        APIGatewayV2HTTPResponse removed = call(delete(IDF, body(facility).get("id").asText()));
        assertEquals(204, removed.getStatusCode(), removed.getBody());
        assertEquals(4, body(call(get(OPERATOR))).size(), "the national operator sees every one left");
    }

    @Test
    void groupNamesThatOnlyLookLikeAnOperatorRoleGiveNone() {
        for (String claim : List.of("[\"operators \"]", "[operators-]", "[Operators]", "[operators-99]", "[\"operators,\"]", "[opеrators]",
                "[\"operators-11 \"]", "[operators-１１]")) {
            assertEquals(403, call(get(groups(claim))).getStatusCode(), claim);
            assertEquals(403, call(post(groups(claim), "{\"channel\":\"sms\",\"endpoint\":\"+33612345678\",\"region\":\"11\"}"))
                    .getStatusCode(), claim);
        }
        assertEquals(0, sns.listSubscriptionsByTopic(b -> b.topicArn(topic)).subscriptions().size());
    }

    @Test
    void snsNotAnsweringIsA502ProblemLoggedAtError() throws Exception {
        SubscriptionsApiHandler lost = handler(sns, topic + "-deleted", SubscriptionManagement.Limits.DEFAULT);
        TestLambdaContext context = new TestLambdaContext("subscriptions-api");
        APIGatewayV2HTTPResponse r = lost.handleRequest(post(OPERATOR, "{\"channel\":\"email\",\"endpoint\":\"a@ars.fr\"}"), context);
        assertEquals(502, r.getStatusCode(), r.getBody());
        assertEquals("urn:vigie:problem:upstream-unavailable", body(r).get("type").asText());
        assertEquals(1, context.loggedErrors().size(), String.join("\n", context.logged()));
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
