package fr.vigie.fn.template;

import fr.vigie.fn.watchlist.ConsoleApiHandler;
import fr.vigie.testkit.ProjectRoot;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static fr.vigie.fn.template.RegistryApiTemplateTest.map;
import static fr.vigie.fn.template.RegistryApiTemplateTest.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The deployed console in template.yaml: private bucket behind CloudFront's origin access control, PKCE sign-in, its API routes. */
class ConsoleTemplateTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resources() throws Exception {
        Map<String, Object> template = CloudFormationYaml.parse(Files.readString(ProjectRoot.find().resolve("template.yaml")));
        return (Map<String, Object>) template.get("Resources");
    }

    @Test
    void thePagesAreReadOnlyThroughCloudFrontWithOriginAccessControl() throws Exception {
        Map<String, Object> resources = resources();
        Map<String, Object> bucket = props(resources.get("ConsoleBucket"));
        assertEquals(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true),
                bucket.get("PublicAccessBlockConfiguration"));
        Map<String, Object> oac = map(props(resources.get("ConsoleOriginAccessControl")).get("OriginAccessControlConfig"));
        assertEquals("s3", oac.get("OriginAccessControlOriginType"));
        assertEquals("always", oac.get("SigningBehavior"));
        Map<String, Object> config = map(props(resources.get("ConsoleDistribution")).get("DistributionConfig"));
        Map<String, Object> origin = map(((List<?>) config.get("Origins")).get(0));
        assertEquals(Map.of("Fn::GetAtt", List.of("ConsoleOriginAccessControl", "Id")), origin.get("OriginAccessControlId"));
        assertEquals("redirect-to-https", map(config.get("DefaultCacheBehavior")).get("ViewerProtocolPolicy"));
        Map<String, Object> statement = map(((List<?>) map(props(resources.get("ConsoleBucketPolicy")).get("PolicyDocument"))
                .get("Statement")).get(0));
        assertEquals(Map.of("Service", "cloudfront.amazonaws.com"), statement.get("Principal"));
        assertEquals("s3:GetObject", statement.get("Action"));
        assertTrue(String.valueOf(statement.get("Condition")).contains("AWS:SourceArn"), "only this distribution reads the bucket");
    }

    @Test
    void theConsoleSignsInWithPkceAsAPublicClientAndItsTokenIsTheApisAudience() throws Exception {
        Map<String, Object> resources = resources();
        Map<String, Object> client = props(resources.get("ConsoleClient"));
        assertEquals(false, client.get("GenerateSecret"), "no secret in the page");
        assertEquals(List.of("code"), client.get("AllowedOAuthFlows"), "authorization code (with PKCE), never the implicit flow");
        assertEquals(List.of("email"), client.get("WriteAttributes"), "a user cannot set their own facility or region");
        Map<String, Object> jwt = map(map(map(map(props(resources.get("VigieApi")).get("Auth")).get("Authorizers")).get("VigieJwt"))
                .get("JwtConfiguration"));
        List<?> audience = (List<?>) map(((List<?>) jwt.get("audience")).get(0)).get("Fn::If");
        assertEquals(List.of("OwnUserPool", Map.of("Ref", "ConsoleClient"), Map.of("Ref", "JwtAudience")), audience);
        assertTrue(String.valueOf(map(jwt.get("issuer")).get("Fn::If")).contains("${UserPool}"), "the stack's own pool issues the tokens");
        List<?> origins = (List<?>) map(props(resources.get("VigieApi")).get("CorsConfiguration")).get("AllowOrigins");
        assertEquals(1, origins.size(), "the API answers the console's origin only: " + origins);
    }

    @Test
    void theConsoleRoutesAreWiredBehindTheJwtAuthorizer() throws Exception {
        Map<String, Object> function = props(resources().get("ConsoleApiFunction"));
        Set<String> wired = new HashSet<>();
        for (Object e : map(function.get("Events")).values()) {
            Map<String, Object> p = props(e);
            assertEquals(Map.of("Authorizer", "VigieJwt"), p.get("Auth"), p.get("Path") + " has the authorizer");
            assertTrue(wired.add(p.get("Method") + " " + p.get("Path")));
        }
        assertEquals(Set.copyOf(ConsoleApiHandler.ROUTES), wired);
        assertFalse(String.valueOf(function.get("Policies")).contains("Crud"), "the console's API only reads");
    }
}
