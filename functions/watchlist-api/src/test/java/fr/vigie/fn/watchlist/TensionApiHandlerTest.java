package fr.vigie.fn.watchlist;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.dynamodb.DynamoAlertStore;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.adapter.dynamodb.DynamoReportingLog;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.AlertEvent;
import fr.vigie.domain.AlertLevel;
import fr.vigie.domain.Facility;
import fr.vigie.domain.silence.FacilityReporting;
import fr.vigie.domain.silence.SilencePolicy;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /tension on DynamoDB Local: the open alerts by region and device, for operators only. */
class TensionApiHandlerTest {

    @Test
    void operatorsSeeOpenAlertsByRegionAndDeviceOthersAreRefused() throws Exception {
        DynamoDbClient dynamo = DynamoDbLocalServer.get().client();
        Tables.Names names = freshTables(dynamo);
        new DynamoFacilityDirectory(dynamo, names.registry()).put(new Facility("CHU-IDF-01", "CHU Paris Nord", "11", null));
        DynamoAlertStore alerts = new DynamoAlertStore(dynamo, names.alerts());
        Instant at = Instant.parse("2025-12-01T05:00:00Z");
        for (String facility : List.of("CHU-IDF-01", "CH-BRE-08")) {
            alerts.recordTransition(new AlertEvent(AlertEvent.alertId(facility, "HFNC-PED", at), facility, "HFNC-PED",
                            AlertLevel.CRITICAL, null, at, 4.0, LocalDate.of(2025, 12, 5), 40, 10, List.of(Reason.COVERAGE_BELOW_CRITICAL)),
                    new AlertState(AlertLevel.CRITICAL, AlertLevel.NONE, 0, at));
        }
        new fr.vigie.adapter.dynamodb.DynamoNoticeStore(dynamo, names.registry()).store(new fr.vigie.domain.notice.MatchedNotice(
                new fr.vigie.domain.notice.SupplyNotice("DM-2025-0142", LocalDate.of(2025, 11, 28), fr.vigie.domain.notice.NoticeStatus.RISK,
                        fr.vigie.domain.DisruptionKind.DELAY, List.of(new fr.vigie.domain.SupplierReference("ACME", "OPT316", null)),
                        null, null, null, 14, null, null),
                new fr.vigie.domain.notice.NoticeMatch(List.of("HFNC-PED"), fr.vigie.domain.notice.MatchedBy.SUPPLIER_REF)),
                new fr.vigie.port.NoticeStore.Author("test", "TEST", at));
        TensionApiHandler handler = new TensionApiHandler(alerts::openAlerts, new DynamoFacilityDirectory(dynamo, names.registry()),
                new fr.vigie.app.NoticeLeads(new fr.vigie.adapter.dynamodb.DynamoNoticeStore(dynamo, names.registry()),
                        new fr.vigie.adapter.dynamodb.DynamoSeasonArchive(dynamo, names)),
                new DynamoReportingLog(dynamo, names.alerts()), java.time.Clock.fixed(Instant.parse("2025-12-02T08:00:00Z"), java.time.ZoneOffset.UTC));
        APIGatewayV2HTTPEvent operator = EventLoader.loadApiGatewayHttpEvent(ProjectRoot.find().resolve("events/tension-http-get.json").toString());

        JsonNode answer = Json.MAPPER.readTree(handler.handleRequest(operator, new TestLambdaContext("tension")).getBody());
        assertEquals(2, answer.get("openAlerts").asInt());
        assertEquals("2025-2026", answer.get("season").asText());
        JsonNode notice = answer.get("notices").get(0);
        assertEquals("DM-2025-0142", notice.get("noticeId").asText());
        assertEquals("2025-11-28", notice.get("firstPublished").asText());
        assertTrue(notice.get("leadDays").isNull(), "no facility saw an overdue or short delivery: " + notice);
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

    @Test
    void whoReportsEachFacilitysLastReportAndEachRegionsCompletenessForOperatorsAndTheHospitalItself() throws Exception {
        DynamoDbClient dynamo = DynamoDbLocalServer.get().client();
        Tables.Names names = freshTables(dynamo);
        DynamoFacilityDirectory directory = new DynamoFacilityDirectory(dynamo, names.registry());
        directory.put(new Facility("CHU-IDF-01", "CHU Paris Nord", "11", null));
        directory.put(new Facility("CH-BRE-08", "CH Brest", "53", null));
        directory.put(new Facility("CH-BRE-09", "CH Quimper", "53", null));
        DynamoReportingLog log = new DynamoReportingLog(dynamo, names.alerts());
        Instant last = Instant.parse("2025-12-01T05:00:00Z");
        for (String facility : List.of("CHU-IDF-01", "CH-BRE-08")) {
            FacilityReporting state = FacilityReporting.none(facility);
            for (int day = 4; day >= 0; day--) {
                state = state.observe("HFNC-PED", last.minus(java.time.Duration.ofDays(day + (facility.equals("CH-BRE-08") ? 5 : 0)))).state();
            }
            FacilityReporting.Step checked = state.check(last.plus(java.time.Duration.ofHours(1)), SilencePolicy.DEFAULT, d -> true);
            assertTrue(log.record(log.read(facility), checked.state(), checked.events()));
        }
        TensionApiHandler handler = new TensionApiHandler(List::of, directory,
                new fr.vigie.app.NoticeLeads(new fr.vigie.adapter.dynamodb.DynamoNoticeStore(dynamo, names.registry()),
                        new fr.vigie.adapter.dynamodb.DynamoSeasonArchive(dynamo, names)),
                log, java.time.Clock.fixed(Instant.parse("2025-12-02T08:00:00Z"), java.time.ZoneOffset.UTC));

        JsonNode all = Json.MAPPER.readTree(handler.handleRequest(reporting(Map.of("sub", "op-1", "cognito:groups", "[operators]")),
                new TestLambdaContext("reporting")).getBody());
        assertEquals("CH-BRE-09", all.get("facilities").get(0).get("facilityId").asText(), "never reported: first");
        JsonNode brest = all.get("facilities").get(1);
        assertEquals("CH-BRE-08", brest.get("facilityId").asText());
        assertTrue(brest.get("silent").asBoolean(), "silent for 5 days: " + brest);
        assertEquals("2025-11-26T05:00:00Z", brest.get("lastReport").asText());
        JsonNode paris = all.get("facilities").get(2);
        assertEquals("2025-12-01T05:00:00Z", paris.get("lastReport").asText());
        assertTrue(paris.get("current").asBoolean());
        assertEquals("11", all.get("regions").get(0).get("region").asText(), all.get("regions").toString());
        assertEquals(1.0, all.get("regions").get(0).get("completeness").asDouble());
        assertEquals("53", all.get("regions").get(1).get("region").asText());
        assertEquals(0.0, all.get("regions").get(1).get("completeness").asDouble());
        assertEquals(2, all.get("regions").get(1).get("facilities").asInt());

        JsonNode own = Json.MAPPER.readTree(handler.handleRequest(reporting(Map.of("sub", "h-1", "custom:facilityId", "CHU-IDF-01")),
                new TestLambdaContext("reporting")).getBody());
        assertEquals(1, own.get("facilities").size(), "a hospital sees its own facility only");
        assertEquals("CHU-IDF-01", own.get("facilities").get(0).get("facilityId").asText());
    }

    /** Tables of the test's own on DynamoDB Local. */
    private static Tables.Names freshTables(DynamoDbClient dynamo) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Tables.Names names = new Tables.Names("s-" + suffix, "a-" + suffix, "r-" + suffix);
        Tables.createMissing(dynamo, names);
        return names;
    }

    private static APIGatewayV2HTTPEvent reporting(Map<String, String> claims) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent(ProjectRoot.find().resolve("events/tension-http-get.json").toString());
        event.setRouteKey("GET /reporting");
        event.setRawPath("/reporting");
        event.getRequestContext().setRouteKey("GET /reporting");
        event.getRequestContext().getHttp().setPath("/reporting");
        event.getRequestContext().getAuthorizer().getJwt().setClaims(new HashMap<>(claims));
        return event;
    }
}
