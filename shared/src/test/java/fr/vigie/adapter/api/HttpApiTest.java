package fr.vigie.adapter.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import fr.vigie.adapter.feed.Json;
import fr.vigie.domain.Refusal;
import fr.vigie.domain.Violation;
import fr.vigie.port.Unavailable;
import fr.vigie.testkit.TestLambdaContext;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTP kit: reading a request, the one problem format, the catch-all. */
class HttpApiTest {

    static APIGatewayV2HTTPEvent event(String body, boolean base64, Map<String, String> headers) {
        APIGatewayV2HTTPEvent e = new APIGatewayV2HTTPEvent();
        e.setRouteKey("POST /things");
        e.setBody(body);
        e.setIsBase64Encoded(base64);
        e.setHeaders(headers);
        e.setRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-1").build());
        return e;
    }

    static JsonNode problem(APIGatewayV2HTTPEvent e) throws Exception {
        TestLambdaContext context = new TestLambdaContext("kit");
        APIGatewayV2HTTPResponse r = HttpApi.serve(e, context, request -> HttpApi.json(200, request.jsonObject(20, "trop gros", "{}")));
        assertEquals("application/problem+json; charset=utf-8", r.getHeaders().get("Content-Type"));
        JsonNode p = Json.MAPPER.readTree(r.getBody());
        assertEquals(r.getStatusCode(), p.get("status").asInt());
        assertTrue(p.get("type").asText().startsWith("urn:vigie:problem:"));
        assertFalse(p.get("title").asText().isBlank());
        assertFalse(p.get("detail").asText().isBlank());
        assertEquals(List.of(), context.loggedErrors(), "a refused request is not a failure");
        return p;
    }

    @Test
    void headersAreFoundWhateverTheirCase() {
        HttpRequest r = new HttpRequest(event("", false, Map.of("Content-Type", "Text/CSV; charset=utf-8", "if-match", "\"3\"")));
        assertEquals("text/csv", r.mediaType());
        assertEquals("\"3\"", r.header("If-Match").orElseThrow());
        assertTrue(r.header("authorization").isEmpty());
    }

    @Test
    void badBase64EmptyUnreadableNotAnObjectAndTooLargeAreProblems() throws Exception {
        JsonNode base64 = problem(event("%%%", true, Map.of()));
        assertEquals(400, base64.get("status").asInt());
        assertEquals("(corps)", base64.at("/errors/0/field").asText());
        assertEquals("urn:vigie:problem:invalid-input", base64.get("type").asText());
        assertEquals(400, problem(event(null, false, Map.of())).get("status").asInt());
        assertEquals(400, problem(event("{\"a\":", false, Map.of())).get("status").asInt());
        assertEquals(400, problem(event("[1]", false, Map.of())).get("status").asInt());
        JsonNode twice = problem(event("{\"a\":1,\"a\":2}", false, Map.of()));
        assertEquals(400, twice.get("status").asInt(), "a key given twice: which one was meant?");
        assertTrue(twice.at("/errors/0/message").asText().contains("champ \"a\" en double"), twice.toString());
        JsonNode large = problem(event("{\"a\":\"" + "x".repeat(30) + "\"}", false, Map.of()));
        assertEquals("urn:vigie:problem:too-large", large.get("type").asText());
        assertEquals(413, problem(event(Base64.getEncoder().encodeToString(("{\"a\":\"" + "x".repeat(30) + "\"}")
                .getBytes(StandardCharsets.UTF_8)), true, Map.of())).get("status").asInt(), "the cap is on the decoded body");

        APIGatewayV2HTTPResponse ok = HttpApi.serve(event(Base64.getEncoder().encodeToString("{\"a\":1}".getBytes(StandardCharsets.UTF_8)), true,
                Map.of()), new TestLambdaContext("kit"), request -> HttpApi.json(200, request.jsonObject(20, "trop gros", "{}")));
        assertEquals("{\"a\":1}", ok.getBody());
    }

    @Test
    void anonymousRequestsAre401WithTheBearerChallenge() throws Exception {
        APIGatewayV2HTTPResponse r = HttpApi.serve(event("{}", false, Map.of()), new TestLambdaContext("kit"),
                request -> HttpApi.json(200, request.caller().describe()));
        assertEquals(401, r.getStatusCode());
        assertEquals("Bearer", r.getHeaders().get("WWW-Authenticate"));
        assertEquals("urn:vigie:problem:unauthenticated", Json.MAPPER.readTree(r.getBody()).get("type").asText());
    }

    @Test
    void refusalsAreProblemsWithTheirFieldsAndVersion() throws Exception {
        TestLambdaContext context = new TestLambdaContext("kit");
        APIGatewayV2HTTPResponse invalid = HttpApi.serve(event("{}", false, Map.of()), context, request -> {
            throw Refusal.invalid("deux champs", List.of(new Violation("E", "a", "manque"), new Violation("E", "b", "faux")));
        });
        JsonNode p = Json.MAPPER.readTree(invalid.getBody());
        assertEquals(400, invalid.getStatusCode());
        assertEquals("a", p.at("/errors/0/field").asText());
        assertEquals("faux", p.at("/errors/1/message").asText());
        APIGatewayV2HTTPResponse conflict = HttpApi.serve(event("{}", false, Map.of()), context, request -> {
            throw Refusal.conflict("périmé", 7);
        });
        assertEquals(409, conflict.getStatusCode());
        assertEquals(7, Json.MAPPER.readTree(conflict.getBody()).get("currentVersion").asInt());
        assertEquals("urn:vigie:problem:version-conflict", Json.MAPPER.readTree(conflict.getBody()).get("type").asText());
        assertEquals(List.of(), context.loggedErrors());
    }

    @Test
    void anUnexpectedFailureIsA500ProblemLoggedAtErrorAndAnUnavailableServiceA502() throws Exception {
        TestLambdaContext context = new TestLambdaContext("kit");
        APIGatewayV2HTTPResponse r = HttpApi.serve(event("{}", false, Map.of()), context, request -> {
            throw new IllegalStateException("boom");
        });
        assertEquals(500, r.getStatusCode());
        JsonNode p = Json.MAPPER.readTree(r.getBody());
        assertEquals("urn:vigie:problem:internal-error", p.get("type").asText());
        assertTrue(p.get("detail").asText().contains("req-1"), "the detail gives the request id to quote");
        assertFalse(r.getBody().contains("boom"), "the exception stays in the log");
        assertEquals(1, context.loggedErrors().size());
        JsonNode line = Json.MAPPER.readTree(context.loggedErrors().get(0));
        // the structured logger's own line: a real level, the event as message, the exception and the context as fields
        assertEquals("ERROR", line.get("level").asText());
        assertEquals("http_request_failed", line.get("message").asText());
        assertEquals("java.lang.IllegalStateException", line.get("error").get("name").asText());
        assertEquals("boom", line.get("error").get("message").asText());
        assertEquals(context.getAwsRequestId(), line.get("function_request_id").asText());
        assertTrue(line.has("cold_start"), line.toString());
        assertEquals("req-1", line.get("apiRequestId").asText());

        TestLambdaContext second = new TestLambdaContext("kit");
        APIGatewayV2HTTPResponse down = HttpApi.serve(event("{}", false, Map.of()), second, request -> {
            throw new Unavailable("SNS", new RuntimeException("timeout"));
        });
        assertEquals(502, down.getStatusCode());
        assertEquals(1, second.loggedErrors().size());
    }
}
