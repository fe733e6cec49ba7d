package fr.vigie.fn.watchlist;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.Reason;
import fr.vigie.domain.forecast.AlertState;
import fr.vigie.testkit.TestLambdaContext;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static fr.vigie.fn.watchlist.ApiCalls.as;
import static fr.vigie.fn.watchlist.ApiCalls.body;
import static fr.vigie.fn.watchlist.ApiCalls.sample;
import static fr.vigie.fn.watchlist.ApiCalls.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Regional operators (group operators-NN) on the registry and tension routes, on DynamoDB Local:
 * their region's facilities only, the watch-list read-only, the tension map of their region; group
 * names that only look like a role give none.
 */
class RegionalOperatorsTest {

    private final ApiCalls api = new ApiCalls();

    static Map<String, String> groups(String claim) {
        return Map.of("sub", UUID.nameUUIDFromBytes(claim.getBytes()).toString(), "cognito:username", "ars", "cognito:groups", claim);
    }

    static final Map<String, String> IDF = groups("[operators-11]");

    private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent e, Map<String, String> claims) {
        return api.call(as(e, claims));
    }

    private APIGatewayV2HTTPEvent facility(String route, String id, String json, String ifMatch) {
        return with(sample("facilities-http-post.json"), route, id == null ? null : Map.of("facilityId", id), json, ifMatch);
    }

    private static String json(String id, String region) {
        return "{\"facilityId\": \"" + id + "\", \"name\": \"CH " + id + "\", \"region\": \"" + region + "\"}";
    }

    @Test
    void aRegionalOperatorManagesItsRegionsFacilitiesOnly() {
        assertEquals(201, call(facility("POST /facilities", null, json("CH-IDF-20", "11"), null), ApiCalls.operator("national")).getStatusCode());
        assertEquals(201, call(facility("POST /facilities", null, json("CH-HDF-20", "32"), null), ApiCalls.operator("national")).getStatusCode());

        APIGatewayV2HTTPResponse created = call(facility("POST /facilities", null, json("CH-IDF-21", "Île-de-France"), null), IDF);
        assertEquals(201, created.getStatusCode(), created.getBody());
        APIGatewayV2HTTPResponse elsewhere = call(facility("POST /facilities", null, json("CH-HDF-21", "32"), null), IDF);
        assertEquals(403, elsewhere.getStatusCode(), elsewhere.getBody());
        assertEquals("urn:vigie:problem:forbidden", body(elsewhere).get("type").asText());

        List<String> listed = new ArrayList<>();
        body(call(facility("GET /facilities", null, null, null), IDF)).forEach(f -> listed.add(f.get("facilityId").asText()));
        assertEquals(List.of("CH-IDF-20", "CH-IDF-21"), listed);

        assertEquals(200, call(facility("GET /facilities/{facilityId}", "CH-IDF-20", null, null), IDF).getStatusCode());
        assertEquals(403, call(facility("GET /facilities/{facilityId}", "CH-HDF-20", null, null), IDF).getStatusCode());
        assertEquals(403, call(facility("GET /facilities/{facilityId}/audit", "CH-HDF-20", null, null), IDF).getStatusCode());
        assertEquals(200, call(facility("GET /facilities/{facilityId}/audit", "CH-IDF-20", null, null), IDF).getStatusCode());

        APIGatewayV2HTTPResponse renamed = call(facility("PUT /facilities/{facilityId}", "CH-IDF-20",
                "{\"facilityId\": \"CH-IDF-20\", \"name\": \"CH renommé\", \"region\": \"11\"}", "\"1\""), IDF);
        assertEquals(200, renamed.getStatusCode(), renamed.getBody());
        assertEquals(403, call(facility("PUT /facilities/{facilityId}", "CH-IDF-20", json("CH-IDF-20", "32"), "\"2\""), IDF).getStatusCode(),
                "a facility is not given away to another region");
        assertEquals(403, call(facility("PUT /facilities/{facilityId}", "CH-HDF-20", json("CH-HDF-20", "11"), "\"1\""), IDF).getStatusCode(),
                "nor taken from one");
        assertEquals("32", new DynamoFacilityDirectory(api.dynamo, api.names.registry()).regionOf("CH-HDF-20").orElseThrow());
    }

    @Test
    void aRegionalOperatorReadsTheWatchlistAndChangesNothingInIt() {
        assertEquals(201, call(sample("watchlist-http-post.json"), ApiCalls.operator("national")).getStatusCode());
        assertEquals(200, call(sample("watchlist-http-get.json"), IDF).getStatusCode());
        assertEquals(403, call(sample("watchlist-http-put.json"), IDF).getStatusCode());
        assertEquals(403, call(sample("watchlist-http-deactivate.json"), IDF).getStatusCode());
        assertEquals(403, call(sample("watchlist-http-audit.json"), IDF).getStatusCode());
        APIGatewayV2HTTPEvent create = sample("watchlist-http-post.json");
        create.setBody(create.getBody().replace("HFNC-PED", "HFNC-NEW"));
        assertEquals(403, call(create, IDF).getStatusCode());
    }

    @Test
    void groupNamesThatOnlyLookLikeARoleGiveNone() {
        assertEquals(201, call(facility("POST /facilities", null, json("CH-IDF-30", "11"), null), ApiCalls.operator("national")).getStatusCode());
        for (String claim : List.of("[\"operators \"]", "[operators-]", "[Operators]", "[operators-99]", "[operators-1]", "[operators-011]",
                "[\"operators,\"]", "[operators,]", "[\"operators-11 \"]", "[opеrators]", "[operators_11]", "[operators-１１]")) {
            Map<String, String> claims = groups(claim);
            assertEquals(403, call(facility("GET /facilities", null, null, null), claims).getStatusCode(), claim);
            assertEquals(403, call(facility("GET /facilities/{facilityId}", "CH-IDF-30", null, null), claims).getStatusCode(), claim);
            assertEquals(403, call(facility("POST /facilities", null, json("CH-IDF-31", "11"), null), claims).getStatusCode(), claim);
            assertEquals(403, call(sample("watchlist-http-get.json"), claims).getStatusCode(), claim);
        }
    }

    @Test
    void theTensionMapOfARegionalOperatorIsItsRegions() throws Exception {
        Tables.createMissing(api.dynamo, api.names);
        DynamoFacilityDirectory facilities = new DynamoFacilityDirectory(api.dynamo, api.names.registry());
        facilities.put(new fr.vigie.domain.Facility("CHU-IDF-01", "CHU Paris Nord", "11", null));
        facilities.put(new fr.vigie.domain.Facility("CH-HDF-03", "CH Lens", "32", null));
        DynamoAlertStore alerts = new DynamoAlertStore(api.dynamo, api.names.alerts());
        Instant at = Instant.parse("2025-12-01T05:00:00Z");
        for (String facility : List.of("CHU-IDF-01", "CH-HDF-03")) {
            alerts.recordTransition(new AlertEvent(AlertEvent.alertId(facility, "HFNC-PED", at), facility, "HFNC-PED",
                            AlertLevel.CRITICAL, null, at, 4.0, LocalDate.of(2025, 12, 5), 40, 10, List.of(Reason.COVERAGE_BELOW_CRITICAL)),
                    new AlertState(AlertLevel.CRITICAL, AlertLevel.NONE, 0, at));
        }
        TensionApiHandler handler = new TensionApiHandler(alerts::openAlerts, facilities,
                new fr.vigie.app.NoticeLeads(new fr.vigie.adapter.dynamodb.DynamoNoticeStore(api.dynamo, api.names.registry()),
                        new fr.vigie.adapter.dynamodb.DynamoSeasonArchive(api.dynamo, api.names)),
                new fr.vigie.adapter.dynamodb.DynamoReportingLog(api.dynamo, api.names.alerts()), java.time.Clock.fixed(at, java.time.ZoneOffset.UTC));
        JsonNode national = body(handler.handleRequest(as(sample("tension-http-get.json"), ApiCalls.operator("national")), new TestLambdaContext("t")));
        assertEquals(2, national.get("openAlerts").asInt());
        JsonNode idf = body(handler.handleRequest(as(sample("tension-http-get.json"), IDF), new TestLambdaContext("t")));
        assertEquals(1, idf.get("openAlerts").asInt());
        assertEquals("11", idf.at("/rows/0/region").asText());
        assertEquals(1, idf.get("rows").size());
        assertEquals(403, handler.handleRequest(as(sample("tension-http-get.json"), groups("[operators-99]")), new TestLambdaContext("t"))
                .getStatusCode());
    }
}
