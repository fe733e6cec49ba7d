package fr.vigie.fn.template;

import fr.vigie.testkit.ProjectRoot;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static fr.vigie.fn.template.CloudFormationYaml.list;
import static fr.vigie.fn.template.CloudFormationYaml.map;
import static fr.vigie.fn.template.CloudFormationYaml.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stack keeps its data, gives each function only what it uses, loses nothing on its
 * asynchronous paths and cannot be starved (issue 17, "The stack"); and the template goes through
 * the real SAM transform and cfn-lint (functions/template-check/sam-check.py) without a finding.
 */
class StackHardeningTest {

    private static final String BUCKET = "vigie-${Stage}-${AWS::AccountId}-${AWS::Region}";

    private static Path root;
    private static Map<String, Map<String, Object>> resources;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws Exception {
        root = ProjectRoot.find();
        Map<String, Object> template = CloudFormationYaml.parse(Files.readString(root.resolve("template.yaml")));
        resources = new LinkedHashMap<>();
        ((Map<String, Object>) template.get("Resources")).forEach((id, r) -> resources.put(id, (Map<String, Object>) r));
    }

    @Test
    void theSamTransformAndCfnLintWithInformationalChecksFindNothing() throws Exception {
        Path out = root.resolve("functions/template-check/target/template-transformed.json");
        Files.createDirectories(out.getParent());
        Process p;
        try {
            p = new ProcessBuilder("python3", root.resolve("functions/template-check/sam-check.py").toString(),
                    root.resolve("template.yaml").toString(), out.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("python3 is not on this machine, the SAM transform and cfn-lint cannot run: " + e.getMessage());
            return;
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "sam-check.py did not finish");
        System.out.println(output);
        Assumptions.assumeFalse(p.exitValue() == 3, () -> "skipped: " + output.strip());
        assertEquals(0, p.exitValue(), "findings of the SAM transform or cfn-lint:\n" + output);
        assertTrue(Files.size(out) > 10_000, "the transformed template was written");
    }

    @Test
    void tablesAndBucketAreKeptWhenTheStackIsDeletedOrReplaced() {
        for (String id : List.of("SnapshotsTable", "AlertsTable", "RegistryTable", "ReportsBucket")) {
            assertEquals("Retain", resources.get(id).get("DeletionPolicy"), id);
            assertEquals("Retain", resources.get(id).get("UpdateReplacePolicy"), id);
        }
    }

    @Test
    void everyNamedResourceCarriesTheStageAndEveryQueueItsRetention() {
        int named = 0;
        for (Map.Entry<String, Map<String, Object>> r : resources.entrySet()) {
            for (String key : List.of("TableName", "TopicName", "QueueName", "BucketName", "LogGroupName")) {
                Object name = props(r.getValue()).get(key);
                if (name != null) {
                    named++;
                    assertTrue(String.valueOf(name).contains("${Stage}"), r.getKey() + " " + key + " " + name + " lacks the stage");
                }
            }
            if ("AWS::SQS::Queue".equals(r.getValue().get("Type"))) {
                assertNotNull(props(r.getValue()).get("MessageRetentionPeriod"), r.getKey() + " retention");
            }
        }
        assertTrue(named >= 10, "named resources: " + named);
        assertEquals("alias/aws/sns", props(resources.get("AlertTopic")).get("KmsMasterKeyId"), "the alert topic is encrypted");
        assertNotNull(props(resources.get("FunctionsLogGroup")).get("RetentionInDays"));
    }

    @Test
    void theBucketRefusesEveryRequestWithoutTls() {
        Map<String, Object> policy = props(resources.get("ReportsBucketPolicy"));
        assertEquals(Map.of("Ref", "ReportsBucket"), policy.get("Bucket"));
        Map<String, Object> deny = map(list(map(policy.get("PolicyDocument")).get("Statement")).get(0));
        assertEquals("Deny", deny.get("Effect"));
        assertEquals("s3:*", deny.get("Action"));
        assertEquals(Map.of("Bool", Map.of("aws:SecureTransport", "false")), deny.get("Condition"));
    }

    @Test
    void eachFunctionGetsOnlyTheCallsItMakes() {
        for (String id : List.of("StockPollWorkerFunction", "StockReportHttpFunction", "StockReportS3Function")) {
            String policies = String.valueOf(props(resources.get(id)).get("Policies"));
            assertFalse(policies.contains("DynamoDBCrudPolicy"), id + " has CRUD (Delete, Scan) on a table: " + policies);
            assertTrue(policies.contains("dynamodb:GetItem, dynamodb:PutItem, dynamodb:UpdateItem]") && policies.contains("SnapshotsTable"), id + ": " + policies);
        }
        String s3 = String.valueOf(props(resources.get("StockReportS3Function")).get("Policies"));
        assertFalse(s3.contains("S3ReadPolicy"), "the whole bucket readable: " + s3);
        assertTrue(s3.contains("[s3:GetObject], Resource={Fn::Sub=arn:${AWS::Partition}:s3:::" + BUCKET + "/reports/incoming/*}"), s3);
        String watchlist = String.valueOf(props(resources.get("WatchlistApiFunction")).get("Policies"));
        assertFalse(watchlist.contains("Delete") || watchlist.contains("Crud"), watchlist);
    }

    @Test
    void noAsynchronousFailureIsLost() {
        List<String> asyncFunctions = new ArrayList<>();
        resources.forEach((id, r) -> {
            if (!"AWS::Serverless::Function".equals(r.get("Type")) || props(r).get("Events") == null) {
                return;
            }
            for (Object e : map(props(r).get("Events")).values()) {
                String type = String.valueOf(map(e).get("Type"));
                if (type.equals("Schedule")) {
                    Map<String, Object> p = props(map(e));
                    assertNotNull(map(p.get("DeadLetterConfig")).get("Arn"), id + " schedule DLQ");
                    assertNotNull(map(p.get("RetryPolicy")).get("MaximumRetryAttempts"), id + " schedule retries");
                }
                if (type.equals("Schedule") || type.equals("S3")) {
                    asyncFunctions.add(id);
                    Map<String, Object> invoke = map(props(r).get("EventInvokeConfig"));
                    assertNotNull(invoke, id + " is invoked asynchronously and has no EventInvokeConfig");
                    assertEquals("SQS", map(map(invoke.get("DestinationConfig")).get("OnFailure")).get("Type"), id);
                    assertNotNull(invoke.get("MaximumRetryAttempts"), id);
                }
            }
        });
        assertEquals(List.of("StockPollerFunction", "StockReportS3Function", "SilenceCheckFunction", "SupplyNoticesS3Function",
                "RetexExportFunction", "EscalationFunction"), asyncFunctions);
    }

    @Test
    void loadOnTheApisCannotStarveTheEvaluator() {
        assertEquals(Map.of("Ref", "EvaluatorConcurrency"), props(resources.get("CoverageEvaluatorFunction")).get("ReservedConcurrentExecutions"));
        resources.forEach((id, r) -> {
            Object events = props(r).get("Events");
            boolean http = events != null && map(events).values().stream().anyMatch(e -> "HttpApi".equals(map(e).get("Type")));
            if (http) {
                assertEquals(Map.of("Ref", "ApiConcurrency"), props(r).get("ReservedConcurrentExecutions"), id + " is not capped");
            }
        });
        Map<String, Object> routes = map(props(resources.get("VigieApi")).get("DefaultRouteSettings"));
        assertEquals(Map.of("Ref", "ApiRateLimit"), routes.get("ThrottlingRateLimit"));
        assertEquals(Map.of("Ref", "ApiBurstLimit"), routes.get("ThrottlingBurstLimit"));
    }
}
