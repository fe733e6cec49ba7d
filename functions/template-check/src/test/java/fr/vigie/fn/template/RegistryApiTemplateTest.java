package fr.vigie.fn.template;

import fr.vigie.fn.watchlist.WatchlistApiHandler;
import fr.vigie.testkit.ProjectRoot;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry API in template.yaml: the HTTP API has a JWT authorizer whose issuer and audience
 * are parameters, every route the handler serves is wired to it (and no other route to that
 * function), and the function may write the registry table (its changes are transactions), never delete from it.
 */
class RegistryApiTemplateTest {

    @Test
    @SuppressWarnings("unchecked")
    void everyRegistryRouteIsBehindTheJwtAuthorizer() throws Exception {
        Map<String, Object> template = CloudFormationYaml.parse(Files.readString(ProjectRoot.find().resolve("template.yaml")));
        Map<String, Object> parameters = (Map<String, Object>) template.get("Parameters");
        assertTrue(parameters.containsKey("JwtIssuer") && parameters.containsKey("JwtAudience"), parameters.keySet().toString());
        Map<String, Object> resources = (Map<String, Object>) template.get("Resources");

        Map<String, Object> api = props(resources.get("VigieApi"));
        Map<String, Object> authorizer = map(map(map(api.get("Auth")).get("Authorizers")).get("VigieJwt"));
        assertEquals("$request.header.Authorization", authorizer.get("IdentitySource"));
        Map<String, Object> jwt = map(authorizer.get("JwtConfiguration"));
        assertEquals(Map.of("Ref", "JwtIssuer"), jwt.get("issuer"));
        assertEquals(List.of(Map.of("Ref", "JwtAudience")), jwt.get("audience"));

        Map<String, Object> function = props(resources.get("WatchlistApiFunction"));
        Set<String> wired = new HashSet<>();
        for (Object e : map(function.get("Events")).values()) {
            Map<String, Object> event = map(e);
            assertEquals("HttpApi", event.get("Type"));
            Map<String, Object> p = props(event);
            assertEquals(Map.of("Ref", "VigieApi"), p.get("ApiId"));
            assertEquals(Map.of("Authorizer", "VigieJwt"), p.get("Auth"), p.get("Method") + " " + p.get("Path") + " has the authorizer");
            assertTrue(wired.add(p.get("Method") + " " + p.get("Path")), "route wired twice: " + p);
        }
        assertEquals(Set.copyOf(WatchlistApiHandler.ROUTES), wired);

        String policies = String.valueOf(function.get("Policies"));
        assertTrue(policies.contains("dynamodb:PutItem") && policies.contains("RegistryTable"), policies);
        assertFalse(policies.contains("DeleteItem") || policies.contains("DynamoDBCrudPolicy"), "no delete on the registry: " + policies);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyHttpRouteOfEveryFunctionIsBehindTheJwtAuthorizer() throws Exception {
        Map<String, Object> template = CloudFormationYaml.parse(Files.readString(ProjectRoot.find().resolve("template.yaml")));
        Set<String> open = new HashSet<>();
        int routes = 0;
        for (Map.Entry<String, Object> resource : ((Map<String, Object>) template.get("Resources")).entrySet()) {
            Map<String, Object> events = props(resource.getValue()) == null ? null : map(props(resource.getValue()).get("Events"));
            for (Object e : events == null ? List.of() : events.values()) {
                if ("HttpApi".equals(map(e).get("Type"))) {
                    routes++;
                    if (!Map.of("Authorizer", "VigieJwt").equals(props(e).get("Auth"))) {
                        open.add(resource.getKey() + " " + props(e).get("Method") + " " + props(e).get("Path"));
                    }
                }
            }
        }
        assertTrue(routes >= 15, "routes found: " + routes);
        assertEquals(Set.of(), open, "routes reachable without a verified token");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> props(Object resource) {
        return (Map<String, Object>) ((Map<String, Object>) resource).get("Properties");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
