package fr.vigie.fn.watchlist;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.Facility;
import fr.vigie.domain.Reason;
import fr.vigie.domain.forecast.AlertState;
import fr.vigie.testkit.DynamoDbLocalServer;
import fr.vigie.testkit.ProjectRoot;
import fr.vigie.testkit.TestLambdaContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** GET /tension on DynamoDB Local: the open alerts by region and device, for operators only. */
class TensionApiHandlerTest {

    @Test
    void operatorsSeeOpenAlertsByRegionAndDeviceOthersAreRefused() throws Exception {
        DynamoDbClient dynamo = DynamoDbLocalServer.get().client();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Tables.Names names = new Tables.Names("s-" + suffix, "a-" + suffix, "r-" + suffix);
        Tables.createMissing(dynamo, names);
        new DynamoFacilityDirectory(dynamo, names.registry()).put(new Facility("CHU-IDF-01", "CHU Paris Nord", "11", null));
        DynamoAlertStore alerts = new DynamoAlertStore(dynamo, names.alerts());
        Instant at = Instant.parse("2025-12-01T05:00:00Z");
        for (String facility : List.of("CHU-IDF-01", "CH-BRE-08")) {
            alerts.recordTransition(new AlertEvent(AlertEvent.alertId(facility, "HFNC-PED", at), facility, "HFNC-PED",
                            AlertLevel.CRITICAL, null, at, 4.0, LocalDate.of(2025, 12, 5), 40, 10, List.of(Reason.COVERAGE_BELOW_CRITICAL)),
                    new AlertState(AlertLevel.CRITICAL, AlertLevel.NONE, 0, at));
        }
        TensionApiHandler handler = new TensionApiHandler(alerts::openAlerts, new DynamoFacilityDirectory(dynamo, names.registry()));
        APIGatewayV2HTTPEvent operator = EventLoader.loadApiGatewayHttpEvent(ProjectRoot.find().resolve("events/tension-http-get.json").toString());

        JsonNode answer = Json.MAPPER.readTree(handler.handleRequest(operator, new TestLambdaContext("tension")).getBody());
        assertEquals(2, answer.get("openAlerts").asInt());
        Map<String, JsonNode> byRegion = new HashMap<>();
        answer.get("rows").forEach(row -> byRegion.put(row.get("regionLabel").asText(), row));
        assertEquals(1, byRegion.get("Île-de-France").get("critical").asInt());
        assertEquals("CHU-IDF-01", byRegion.get("Île-de-France").get("facilities").get(0).asText());
        assertEquals("HFNC-PED", byRegion.get("Île-de-France").get("deviceId").asText());
        assertEquals("CH-BRE-08", byRegion.get("Région inconnue").get("facilities").get(0).asText(),
                "a facility not registered yet still counts");

        APIGatewayV2HTTPEvent hospital = EventLoader.loadApiGatewayHttpEvent(ProjectRoot.find().resolve("events/tension-http-get.json").toString());
        Map<String, String> claims = new HashMap<>(Map.of("sub", "h-1", "custom:facilityId", "CHU-IDF-01"));
        hospital.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
        assertEquals(403, handler.handleRequest(hospital, new TestLambdaContext("tension")).getStatusCode());
        hospital.getRequestContext().setAuthorizer(null);
        assertEquals(401, handler.handleRequest(hospital, new TestLambdaContext("tension")).getStatusCode());
    }
}
