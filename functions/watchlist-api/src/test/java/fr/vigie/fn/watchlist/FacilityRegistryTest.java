package fr.vigie.fn.watchlist;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.dynamodb.DynamoFacilityDirectory;
import fr.vigie.domain.Facility;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static fr.vigie.fn.watchlist.ApiCalls.as;
import static fr.vigie.fn.watchlist.ApiCalls.body;
import static fr.vigie.fn.watchlist.ApiCalls.sample;
import static fr.vigie.fn.watchlist.ApiCalls.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The facility registry through the handler on DynamoDB Local: region normalised to its INSEE
 * code, source URL and timeout checked, secrets refused and never stored nor logged, hospitals
 * limited to their own record, versions and audit as for the watch-list.
 */
class FacilityRegistryTest {

    private static final String SECRET_VALUE = "Bearer s3cr3t-t0ken-AbCdEf0123456789";

    private final ApiCalls api = new ApiCalls();

    @Test
    void aFacilityIsRegisteredWithItsRegionAsInseeCodeAndThePollerReadsIt() {
        APIGatewayV2HTTPResponse created = api.call(sample("facilities-http-post.json"));
        assertEquals(201, created.getStatusCode(), created.getBody());
        JsonNode f = body(created);
        assertEquals("75", f.get("region").asText(), "Nouvelle-Aquitaine is stored as its INSEE code");
        assertEquals("Nouvelle-Aquitaine", f.get("regionName").asText());
        assertEquals(1, f.get("version").asLong());
        assertEquals("vigie/prod/CH-NAQ-07", f.at("/source/secretRef").asText());

        // what the poller and the evaluator see, through their own adapter
        Facility polled = new DynamoFacilityDirectory(api.dynamo, api.names.registry()).facility("CH-NAQ-07").orElseThrow();
        assertEquals("75", polled.region());
        assertEquals("https://stocks.ch-dordogne-vezere.example/vigie/stock", polled.source().url());
        assertEquals(5000, polled.source().timeoutMillis());
        assertEquals("vigie/prod/CH-NAQ-07", polled.source().credentialsSecret());
    }

    @Test
    void regionsByCodeOrNameAnyAccentsOrCase() {
        for (Map.Entry<String, String> c : Map.of("11", "11", "ile-de-france", "11", "PROVENCE ALPES COTE D'AZUR", "93",
                "PACA", "93", "La Réunion", "04", "corse", "94", "Auvergne-Rhône-Alpes", "84").entrySet()) {
            String id = "CH-R" + Math.abs(c.getKey().hashCode() % 10000);
            APIGatewayV2HTTPResponse r = api.call(facility("{\"facilityId\": \"" + id + "\", \"name\": \"CH\", \"region\": \"" + c.getKey() + "\"}"));
            assertEquals(201, r.getStatusCode(), c.getKey() + " " + r.getBody());
            assertEquals(c.getValue(), body(r).get("region").asText(), c.getKey());
        }
        APIGatewayV2HTTPResponse unknown = api.call(facility("{\"facilityId\": \"CH-X\", \"name\": \"CH\", \"region\": \"Rhône-Alpes\"}"));
        assertEquals(400, unknown.getStatusCode());
        assertEquals("region", body(unknown).at("/errors/0/field").asText(), "the pre-2016 region is refused");
        assertEquals(400, api.call(facility("{\"facilityId\": \"CH-Y\", \"name\": \"CH\", \"region\": \"05\"}")).getStatusCode());
    }

    @Test
    void everyInvalidFieldOfAFacilityIsListed() {
        APIGatewayV2HTTPResponse r = api.call(facility("""
                {"facilityId": "ch idf", "region": "Atlantis", "contact": {"email": "not-an-address", "phone": "call me"},
                 "source": {"type": "FTP", "url": "http://stocks.example/feed?token=abc", "timeoutMillis": 120000}}"""));
        assertEquals(400, r.getStatusCode());
        Set<String> fields = fields(body(r));
        assertEquals(Set.of("facilityId", "name", "region", "contact.email", "contact.phone", "source.type", "source.url",
                "source.timeoutMillis"), fields);
        assertTrue(body(r).toString().contains("https"), body(r).toString());

        APIGatewayV2HTTPResponse noUrl = api.call(facility("""
                {"facilityId": "CH-Z", "name": "CH", "region": "53", "source": {"timeoutMillis": "soon"}}"""));
        assertEquals(Set.of("source.url", "source.timeoutMillis"), fields(body(noUrl)));
        APIGatewayV2HTTPResponse userInfo = api.call(facility("""
                {"facilityId": "CH-Z", "name": "CH", "region": "53", "source": {"url": "https://user:pw@stocks.example/", "timeoutMillis": 50}}"""));
        assertEquals(Set.of("source.url", "source.timeoutMillis"), fields(body(userInfo)));
        assertTrue(scan().isEmpty());
    }

    @Test
    void aNameOverItsLimitIsRefusedNamingTheFieldAndTheLimit() {
        APIGatewayV2HTTPResponse r = api.call(facility("{\"facilityId\": \"CH-Z\", \"name\": \"" + "C".repeat(5000)
                + "\", \"region\": \"53\", \"contact\": {\"name\": \"" + "P".repeat(101) + "\"}}"));
        assertEquals(400, r.getStatusCode(), r.getBody());
        assertEquals(Set.of("name", "contact.name"), fields(body(r)));
        assertTrue(body(r).toString().contains("100 au plus"), r.getBody());
        assertTrue(scan().isEmpty());
    }

    @Test
    void aSecretValueIsRefusedNeverStoredNeverEchoedNeverLogged() {
        List<String> attempts = List.of(
                // the value pasted where its reference goes
                "{\"facilityId\": \"CH-S1\", \"name\": \"CH\", \"region\": \"53\", \"source\": {\"url\": \"https://s.example/\", "
                        + "\"timeoutMillis\": 5000, \"secretRef\": \"" + SECRET_VALUE + "\"}}",
                // a credential field, in the source or at the top
                "{\"facilityId\": \"CH-S2\", \"name\": \"CH\", \"region\": \"53\", \"source\": {\"url\": \"https://s.example/\", "
                        + "\"timeoutMillis\": 5000, \"password\": \"" + SECRET_VALUE + "\"}}",
                "{\"facilityId\": \"CH-S3\", \"name\": \"CH\", \"region\": \"53\", \"apiKey\": \"" + SECRET_VALUE + "\"}",
                "{\"facilityId\": \"CH-S4\", \"name\": \"CH\", \"region\": \"53\", \"source\": {\"url\": \"https://s.example/\", "
                        + "\"timeoutMillis\": 5000, \"authorization\": \"" + SECRET_VALUE + "\"}}");
        for (String attempt : attempts) {
            APIGatewayV2HTTPResponse r = api.call(facility(attempt));
            assertEquals(400, r.getStatusCode(), attempt);
            assertFalse(r.getBody().contains("s3cr3t"), "the problem document does not repeat the secret: " + r.getBody());
        }
        assertTrue(scan().isEmpty(), "nothing stored");
        assertTrue(api.context.logged().stream().noneMatch(l -> l.contains("s3cr3t")), "nothing logged");

        // an ARN is a reference too
        APIGatewayV2HTTPResponse arn = api.call(facility("{\"facilityId\": \"CH-S5\", \"name\": \"CH\", \"region\": \"53\", \"source\": "
                + "{\"url\": \"https://s.example/\", \"timeoutMillis\": 5000, "
                + "\"secretRef\": \"arn:aws:secretsmanager:eu-west-3:123456789012:secret:vigie/prod/CH-S5-AbCdEf\"}}"));
        assertEquals(201, arn.getStatusCode(), arn.getBody());
    }

    @Test
    void replaceWithVersionStaleIs409AndTheAuditKeepsBeforeAndAfter() {
        assertEquals(201, api.call(sample("facilities-http-post.json")).getStatusCode());
        String changed = sample("facilities-http-post.json").getBody().replace("\"timeoutMillis\": 5000", "\"timeoutMillis\": 8000");
        APIGatewayV2HTTPResponse replaced = api.call(with(sample("facilities-http-post.json"), "PUT /facilities/{facilityId}",
                Map.of("facilityId", "CH-NAQ-07"), changed, "\"1\""));
        assertEquals(200, replaced.getStatusCode(), replaced.getBody());
        assertEquals(2, body(replaced).get("version").asLong());
        APIGatewayV2HTTPResponse stale = api.call(with(sample("facilities-http-post.json"), "PUT /facilities/{facilityId}",
                Map.of("facilityId", "CH-NAQ-07"), changed.replace("8000", "9000"), "\"1\""));
        assertEquals(409, stale.getStatusCode());
        assertEquals(428, api.call(with(sample("facilities-http-post.json"), "PUT /facilities/{facilityId}",
                Map.of("facilityId", "CH-NAQ-07"), changed, null)).getStatusCode());
        assertEquals(404, api.call(with(sample("facilities-http-post.json"), "PUT /facilities/{facilityId}",
                Map.of("facilityId", "CH-NONE"), changed.replace("CH-NAQ-07", "CH-NONE"), "\"1\"")).getStatusCode());

        APIGatewayV2HTTPResponse audit = api.call(with(sample("facilities-http-post.json"), "GET /facilities/{facilityId}/audit",
                Map.of("facilityId", "CH-NAQ-07"), null, null));
        assertEquals(200, audit.getStatusCode());
        JsonNode changes = body(audit).get("changes");
        assertEquals(2, changes.size());
        assertEquals(5000, changes.get(1).at("/before/source/timeoutMillis").asInt());
        assertEquals(8000, changes.get(1).at("/after/source/timeoutMillis").asInt());
        assertEquals("c.martin", changes.get(1).get("by").asText());
    }

    @Test
    void aHospitalReadsItsOwnRecordOnlyAndChangesNothing() {
        assertEquals(201, api.call(facility("{\"facilityId\": \"CHU-IDF-01\", \"name\": \"CHU Paris-Nord\", \"region\": \"11\"}")).getStatusCode());
        assertEquals(201, api.call(facility("{\"facilityId\": \"CHU-ARA-02\", \"name\": \"CHU Lyon-Est\", \"region\": \"84\"}")).getStatusCode());

        APIGatewayV2HTTPResponse own = api.call(sample("facilities-http-get-hospital.json"));
        assertEquals(200, own.getStatusCode(), own.getBody());
        assertEquals("CHU-IDF-01", body(own).get("facilityId").asText());

        APIGatewayV2HTTPEvent other = sample("facilities-http-get-hospital.json");
        other.setPathParameters(Map.of("facilityId", "CHU-ARA-02"));
        assertEquals(403, api.call(other).getStatusCode());
        assertEquals(403, api.call(with(sample("facilities-http-get-hospital.json"), "GET /facilities", null, null, null)).getStatusCode());
        assertEquals(403, api.call(as(sample("facilities-http-post.json"), ApiCalls.hospital("CHU-IDF-01"))).getStatusCode());
        APIGatewayV2HTTPEvent ownChange = with(sample("facilities-http-get-hospital.json"), "PUT /facilities/{facilityId}",
                Map.of("facilityId", "CHU-IDF-01"), "{\"facilityId\": \"CHU-IDF-01\", \"name\": \"Renamed\", \"region\": \"11\"}", "\"1\"");
        assertEquals(403, api.call(ownChange).getStatusCode(), "not even its own record");
        assertEquals(401, api.call(as(sample("facilities-http-get-hospital.json"), null)).getStatusCode());

        APIGatewayV2HTTPResponse list = api.call(with(sample("watchlist-http-get.json"), "GET /facilities", null, null, null));
        assertEquals(200, list.getStatusCode());
        assertEquals(2, body(list).size());
        APIGatewayV2HTTPEvent missing = with(sample("watchlist-http-get.json"), "GET /facilities/{facilityId}", Map.of("facilityId", "CH-NONE"), null, null);
        assertEquals(404, api.call(missing).getStatusCode());
    }

    private static APIGatewayV2HTTPEvent facility(String json) {
        APIGatewayV2HTTPEvent e = sample("facilities-http-post.json");
        e.setBody(json);
        return e;
    }

    private static Set<String> fields(JsonNode problem) {
        Set<String> out = new HashSet<>();
        problem.get("errors").forEach(e -> out.add(e.get("field").asText()));
        return out;
    }

    private List<Map<String, AttributeValue>> scan() {
        return api.dynamo.scan(b -> b.tableName(api.names.registry())).items();
    }
}
