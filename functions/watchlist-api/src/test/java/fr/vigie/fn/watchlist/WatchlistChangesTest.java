package fr.vigie.fn.watchlist;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.adapter.dynamodb.Tables;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static fr.vigie.fn.watchlist.ApiCalls.as;
import static fr.vigie.fn.watchlist.ApiCalls.body;
import static fr.vigie.fn.watchlist.ApiCalls.sample;
import static fr.vigie.fn.watchlist.ApiCalls.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Creating, replacing and deactivating watch-list entries through the handler on DynamoDB Local:
 * optimistic locking (409 on a stale version, 428 without one), the audit trail written in the same
 * transaction, 400 problem documents naming every invalid field, 401/403 by role, 404.
 */
class WatchlistChangesTest {

    private final ApiCalls api = new ApiCalls();

    private static final String ID = "O2-CANNULA-PED";
    private static final Map<String, String> PATH = Map.of("deviceId", ID);

    @Test
    void createGetReplaceStaleReplaceDeactivateAndTheAuditTrail() {
        APIGatewayV2HTTPResponse created = api.call(sample("watchlist-http-post.json"));
        assertEquals(201, created.getStatusCode(), created.getBody());
        assertEquals("\"1\"", created.getHeaders().get("ETag"));
        assertEquals("/watchlist/" + ID, created.getHeaders().get("Location"));
        assertEquals(1, body(created).get("version").asLong());
        assertEquals("c.martin", body(created).get("updatedBy").asText());

        APIGatewayV2HTTPResponse read = api.call(with(sample("watchlist-http-get.json"), "GET /watchlist/{deviceId}", PATH, null, null));
        assertEquals(200, read.getStatusCode());
        assertEquals(21, body(read).at("/thresholds/warningDays").asInt());

        APIGatewayV2HTTPResponse replaced = api.call(sample("watchlist-http-put.json"));     // If-Match "1"
        assertEquals(200, replaced.getStatusCode(), replaced.getBody());
        assertEquals("\"2\"", replaced.getHeaders().get("ETag"));
        assertEquals(28, body(replaced).at("/thresholds/warningDays").asInt());

        // a second operator still holding version 1: refused, and what is stored is untouched
        APIGatewayV2HTTPEvent stale = as(sample("watchlist-http-put.json"), ApiCalls.operator("a.durand"));
        stale.setBody(stale.getBody().replace("\"warningDays\": 28", "\"warningDays\": 35"));
        APIGatewayV2HTTPResponse conflict = api.call(stale);
        assertEquals(409, conflict.getStatusCode());
        assertTrue(conflict.getHeaders().get("Content-Type").startsWith("application/problem+json"));
        assertEquals(2, body(conflict).get("currentVersion").asLong());
        assertEquals(28, storedEntry().at("/thresholds/warningDays").asInt(), "a stale version never overwrites");

        APIGatewayV2HTTPResponse deactivated = api.call(sample("watchlist-http-deactivate.json"));   // If-Match "2"
        assertEquals(200, deactivated.getStatusCode(), deactivated.getBody());
        assertFalse(body(deactivated).get("active").asBoolean());
        assertEquals(3, body(deactivated).get("version").asLong());
        assertTrue(DynamoWatchlist.load(api.dynamo, api.names.registry()).entry(ID).isPresent(), "the entry is kept");
        assertFalse(DynamoWatchlist.load(api.dynamo, api.names.registry()).entry(ID).orElseThrow().active());

        APIGatewayV2HTTPResponse audit = api.call(sample("watchlist-http-audit.json"));
        assertEquals(200, audit.getStatusCode(), audit.getBody());
        JsonNode changes = body(audit).get("changes");
        assertEquals(3, changes.size(), changes.toString());
        List<String> actions = new ArrayList<>();
        changes.forEach(c -> actions.add(c.get("action").asText()));
        assertEquals(List.of("CREATE", "REPLACE", "DEACTIVATE"), actions);
        JsonNode first = changes.get(0);
        assertEquals(1, first.get("version").asLong());
        assertEquals("c.martin", first.get("by").asText());
        assertEquals("6b1f3c2e-91a4-4f0d-8d0e-3c5a7e2b9f10", first.get("subject").asText(), "the JWT's sub, stable when a username changes");
        assertEquals("2025-11-02T05:02:11.000Z", first.get("at").asText());
        assertEquals("2025-2026", first.get("season").asText());
        assertTrue(first.get("before").isNull(), "a creation has no before");
        assertEquals(21, first.at("/after/thresholds/warningDays").asInt());
        JsonNode second = changes.get(1);
        assertEquals(21, second.at("/before/thresholds/warningDays").asInt());
        assertEquals(28, second.at("/after/thresholds/warningDays").asInt());
        JsonNode third = changes.get(2);
        assertTrue(third.at("/before/active").asBoolean());
        assertFalse(third.at("/after/active").asBoolean());
    }

    @Test
    void creatingAnExistingIdIs409AndReplacingAnUnknownOneIs404() {
        assertEquals(201, api.call(sample("watchlist-http-post.json")).getStatusCode());
        APIGatewayV2HTTPResponse again = api.call(sample("watchlist-http-post.json"));
        assertEquals(409, again.getStatusCode());
        assertEquals("urn:vigie:problem:already-exists", body(again).get("type").asText());

        APIGatewayV2HTTPEvent unknown = sample("watchlist-http-put.json");
        unknown.setPathParameters(Map.of("deviceId", "NOT-THERE"));
        unknown.setBody(unknown.getBody().replace(ID, "NOT-THERE"));
        assertEquals(404, api.call(unknown).getStatusCode());
        APIGatewayV2HTTPEvent deactivateUnknown = sample("watchlist-http-deactivate.json");
        deactivateUnknown.setPathParameters(Map.of("deviceId", "NOT-THERE"));
        assertEquals(404, api.call(deactivateUnknown).getStatusCode());
        APIGatewayV2HTTPEvent auditUnknown = sample("watchlist-http-audit.json");
        auditUnknown.setPathParameters(Map.of("deviceId", "NOT-THERE"));
        assertEquals(404, api.call(auditUnknown).getStatusCode());
    }

    @Test
    void aChangeWithoutAVersionIs428AndTheVersionMayComeInTheBody() {
        assertEquals(201, api.call(sample("watchlist-http-post.json")).getStatusCode());
        APIGatewayV2HTTPEvent noVersion = with(sample("watchlist-http-put.json"), "PUT /watchlist/{deviceId}", PATH,
                sample("watchlist-http-put.json").getBody(), null);
        APIGatewayV2HTTPResponse refused = api.call(noVersion);
        assertEquals(428, refused.getStatusCode());
        assertEquals(1, version());

        String withVersion = noVersion.getBody().replaceFirst("^\\{", "{\"version\": 1, ");
        APIGatewayV2HTTPResponse accepted = api.call(with(noVersion, "PUT /watchlist/{deviceId}", PATH, withVersion, null));
        assertEquals(200, accepted.getStatusCode(), accepted.getBody());
        assertEquals(2, version());

        APIGatewayV2HTTPResponse disagree = api.call(with(noVersion, "PUT /watchlist/{deviceId}", PATH,
                withVersion.replace("\"version\": 1", "\"version\": 2"), "\"1\""));
        assertEquals(400, disagree.getStatusCode());
        assertEquals("version", body(disagree).at("/errors/0/field").asText());
    }

    @Test
    void replacingWithTheSameContentWritesNothing() {
        assertEquals(201, api.call(sample("watchlist-http-post.json")).getStatusCode());
        APIGatewayV2HTTPEvent same = sample("watchlist-http-post.json");
        with(same, "PUT /watchlist/{deviceId}", PATH, same.getBody(), "\"1\"");
        APIGatewayV2HTTPResponse response = api.call(same);
        assertEquals(200, response.getStatusCode());
        assertEquals(1, body(response).get("version").asLong());
        assertEquals(1, body(api.call(sample("watchlist-http-audit.json"))).get("changes").size());
    }

    @Test
    void everyInvalidFieldIsListedInAProblemDocumentAndNothingIsWritten() {
        APIGatewayV2HTTPEvent bad = sample("watchlist-http-post.json");
        bad.setBody("""
                {"deviceId": "o2 cannula", "name": " ", "epidemics": ["FLU", "MEASLES"], "emdn": "oxygen",
                 "season": {"start": "13-01", "end": "02-30"}, "thresholds": {"warningDays": 7, "criticalDays": 14}}""");
        APIGatewayV2HTTPResponse response = api.call(bad);

        assertEquals(400, response.getStatusCode());
        assertEquals("application/problem+json; charset=utf-8", response.getHeaders().get("Content-Type"));
        JsonNode problem = body(response);
        assertEquals("urn:vigie:problem:invalid-input", problem.get("type").asText());
        assertEquals(400, problem.get("status").asInt());
        assertTrue(problem.hasNonNull("title") && problem.hasNonNull("detail"));
        Set<String> fields = new HashSet<>();
        problem.get("errors").forEach(e -> {
            fields.add(e.get("field").asText());
            assertFalse(e.get("message").asText().isBlank());
        });
        assertEquals(Set.of("deviceId", "name", "unit", "epidemics", "emdn", "season.start", "season.end", "thresholds.criticalDays"), fields);
        assertTrue(problem.toString().contains("MEASLES"), "the message says which value is wrong");
        assertTrue(registryItems().isEmpty(), "nothing written");
    }

    @Test
    void aSeasonEndingOnItsFirstDayIsRefusedNamingSeasonEnd() {
        APIGatewayV2HTTPEvent bad = sample("watchlist-http-post.json");
        bad.setBody("""
                {"deviceId": "O2-CANNULA-PED", "name": "Canule", "epidemics": ["FLU"], "unit": "piece",
                 "season": {"start": "10-01", "end": "10-01"}, "thresholds": {"warningDays": 21, "criticalDays": 10}}""");
        APIGatewayV2HTTPResponse response = api.call(bad);

        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("season.end", body(response).at("/errors/0/field").asText());
        assertTrue(registryItems().isEmpty(), "nothing written");
    }

    @Test
    void aNameOverItsLimitIsRefusedNamingTheFieldAndTheLimit() {
        APIGatewayV2HTTPEvent bad = sample("watchlist-http-post.json");
        bad.setBody("{\"deviceId\": \"O2-CANNULA-PED\", \"name\": \"" + "x".repeat(5000) + "\", \"epidemics\": [\"FLU\"], "
                + "\"unit\": \"piece\", \"season\": {\"start\": \"10-01\", \"end\": \"03-31\"}, "
                + "\"thresholds\": {\"warningDays\": 21, \"criticalDays\": 10}}");
        APIGatewayV2HTTPResponse response = api.call(bad);

        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("name", body(response).at("/errors/0/field").asText());
        assertEquals("trop long : 5000 caractères, 100 au plus", body(response).at("/errors/0/message").asText());
        assertTrue(registryItems().isEmpty(), "nothing written");
    }

    @Test
    void malformedBodiesAreCleanRejections() {
        for (String body : List.of("", "not json", "[1,2]", "{\"epidemics\": \"FLU\", \"season\": 3, \"thresholds\": []}")) {
            APIGatewayV2HTTPEvent bad = sample("watchlist-http-post.json");
            bad.setBody(body);
            APIGatewayV2HTTPResponse response = api.call(bad);
            assertEquals(400, response.getStatusCode(), body);
            assertTrue(body(response).get("errors").size() > 0, body);
        }
        APIGatewayV2HTTPEvent huge = sample("watchlist-http-post.json");
        huge.setBody("{\"name\": \"" + "x".repeat(RegistryApi.MAX_BODY_BYTES) + "\"}");
        assertEquals(413, api.call(huge).getStatusCode());
        assertTrue(registryItems().isEmpty());
    }

    @Test
    void anonymousIs401AndWrongRolesAre403OnEveryChange() {
        List<String> writes = List.of("watchlist-http-post.json", "watchlist-http-put.json", "watchlist-http-deactivate.json",
                "watchlist-http-audit.json");
        for (String file : writes) {
            APIGatewayV2HTTPResponse anonymous = api.call(as(sample(file), null));
            assertEquals(401, anonymous.getStatusCode(), file);
            assertEquals("urn:vigie:problem:unauthenticated", body(anonymous).get("type").asText());
            assertEquals(403, api.call(as(sample(file), ApiCalls.hospital("CHU-IDF-01"))).getStatusCode(), file);
            assertEquals(403, api.call(as(sample(file), ApiCalls.nobodyInParticular())).getStatusCode(), file);
        }
        assertEquals(401, api.call(as(sample("watchlist-http-get.json"), null)).getStatusCode());
        assertEquals(403, api.call(as(sample("watchlist-http-get.json"), ApiCalls.nobodyInParticular())).getStatusCode());
        assertEquals(200, api.call(as(sample("watchlist-http-get.json"), ApiCalls.hospital("CHU-IDF-01"))).getStatusCode());
        assertTrue(registryItems().isEmpty(), "nothing written by a refused call");
    }

    @Test
    void twoOperatorsReplacingTheSameVersionAtOnceOneWinsOneGets409() throws Exception {
        assertEquals(201, api.call(sample("watchlist-http-post.json")).getStatusCode());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> racers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int days = 30 + i;
                racers.add(() -> {
                    APIGatewayV2HTTPEvent e = as(sample("watchlist-http-put.json"), ApiCalls.operator("op" + days));
                    e.setBody(e.getBody().replace("\"warningDays\": 28", "\"warningDays\": " + days));
                    return api.call(e).getStatusCode();
                });
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(racers)) {
                codes.add(f.get());
            }
            assertEquals(1, codes.stream().filter(c -> c == 200).count(), codes.toString());
            assertEquals(3, codes.stream().filter(c -> c == 409).count(), codes.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, version());
        assertEquals(2, body(api.call(sample("watchlist-http-audit.json"))).get("changes").size(), "one audit item per change, no more");
    }

    @Test
    void twoOperatorsCreatingTheSameIdAtOnceOneGets201TheOther409() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Callable<Integer>> racers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String who = "op" + i;
                racers.add(() -> api.call(as(sample("watchlist-http-post.json"), ApiCalls.operator(who))).getStatusCode());
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(racers)) {
                codes.add(f.get());
            }
            assertEquals(List.of(201, 409, 409), codes.stream().sorted().toList());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, body(api.call(sample("watchlist-http-audit.json"))).get("changes").size());
    }

    @Test
    void anEntryWrittenBeforeVersionsExistedIsVersion0AndItsFirstChangeIsAudited() {
        var entry = fr.vigie.adapter.feed.WatchlistJson.parseList("[" + sample("watchlist-http-post.json").getBody() + "]").entries().get(0);
        DynamoWatchlist.put(api.dynamo, api.names.registry(), entry);
        assertEquals(0, version());
        assertEquals(409, api.call(sample("watchlist-http-put.json")).getStatusCode(), "If-Match \"1\" is stale against version 0");
        APIGatewayV2HTTPEvent put = sample("watchlist-http-put.json");
        with(put, "PUT /watchlist/{deviceId}", PATH, put.getBody(), "\"0\"");
        APIGatewayV2HTTPResponse response = api.call(put);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(1, version());
        JsonNode changes = body(api.call(sample("watchlist-http-audit.json"))).get("changes");
        assertEquals(1, changes.size());
        assertEquals(21, changes.get(0).at("/before/thresholds/warningDays").asInt());
    }

    @Test
    void theEntryAndItsAuditAreOneTransactionNothingIsHalfWritten() {
        assertEquals(201, api.call(sample("watchlist-http-post.json")).getStatusCode());
        // an audit item already sits where version 2's would go: the audit put fails, so must the entry's
        api.dynamo.putItem(b -> b.tableName(api.names.registry()).item(Map.of(
                Tables.PK, AttributeValue.fromS("AUDIT#DEV#" + ID), Tables.SK, AttributeValue.fromS("V#0000000002"),
                "by", AttributeValue.fromS("someone else"))));
        APIGatewayV2HTTPResponse response = api.call(sample("watchlist-http-put.json"));
        assertEquals(409, response.getStatusCode(), response.getBody());
        assertEquals(1, version(), "the entry was not changed without its audit");
        assertEquals(21, storedEntry().at("/thresholds/warningDays").asInt());
    }

    @Test
    void auditItemsStayOutOfTheWatchlistThatTheFunctionsLoad() {
        assertEquals(201, api.call(sample("watchlist-http-post.json")).getStatusCode());
        assertEquals(200, api.call(sample("watchlist-http-put.json")).getStatusCode());
        assertEquals(1, DynamoWatchlist.load(api.dynamo, api.names.registry()).entries().size());
        assertNull(registryItems().stream().filter(i -> i.get("pk").s().equals("WATCHLIST") && i.containsKey("before")).findAny().orElse(null));
    }

    private long version() {
        return body(api.call(with(sample("watchlist-http-get.json"), "GET /watchlist/{deviceId}", PATH, null, null))).get("version").asLong();
    }

    private JsonNode storedEntry() {
        return body(api.call(with(sample("watchlist-http-get.json"), "GET /watchlist/{deviceId}", PATH, null, null)));
    }

    private List<Map<String, AttributeValue>> registryItems() {
        return api.dynamo.scan(b -> b.tableName(api.names.registry())).items();
    }
}
