package fr.vigie.fn.template;

import com.amazonaws.services.lambda.runtime.Context;
import fr.vigie.adapter.aws.HandlerLogging;
import fr.vigie.adapter.dynamodb.Tables;
import fr.vigie.testkit.ProjectRoot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static fr.vigie.fn.template.CloudFormationYaml.list;
import static fr.vigie.fn.template.CloudFormationYaml.map;
import static fr.vigie.fn.template.CloudFormationYaml.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * template.yaml against the code: handlers, jars, environment variables, grants, tables.
 * Checks per function are dynamic tests named after the function's logical id.
 */
class TemplateTest {

    private static final Pattern SUB_REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9]+)(?:\\.[A-Za-z]+)?}");
    private static final Map<String, String> TABLE_OF_RESOURCE = Map.of(
            "SnapshotsTable", "snapshots", "AlertsTable", "alerts", "RegistryTable", "registry");

    private static Path root;
    private static Map<String, Object> template;
    private static Map<String, Map<String, Object>> resources;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws Exception {
        root = ProjectRoot.find();
        template = CloudFormationYaml.parse(Files.readString(root.resolve("template.yaml")));
        resources = new LinkedHashMap<>();
        ((Map<String, Object>) template.get("Resources")).forEach((id, r) -> resources.put(id, (Map<String, Object>) r));
    }

    @TestFactory
    Stream<DynamicTest> everyFunction() {
        List<DynamicTest> tests = new ArrayList<>();
        functions().forEach((id, props) -> {
            tests.add(DynamicTest.dynamicTest(id + ": handler class and method exist", () -> handlerMethod(props)));
            tests.add(DynamicTest.dynamicTest(id + ": CodeUri is the shaded jar of the module holding the handler", () -> codeUri(id, props)));
            tests.add(DynamicTest.dynamicTest(id + ": every variable the handler reads is set", () -> environment(id, props)));
            tests.add(DynamicTest.dynamicTest(id + ": every table, topic, queue and bucket it is given is granted", () -> grants(id, props)));
            tests.add(DynamicTest.dynamicTest(id + ": no wildcard action on a wildcard resource", () -> noWildcards(id, props)));
        });
        assertEquals(15, tests.size() / 5, "fifteen functions in the template: " + functions().keySet());
        return tests.stream();
    }

    @Test
    void tablesMatchTheirDefinitionInShared() {
        Tables.Names names = new Tables.Names("snapshots", "alerts", "registry");
        Map<String, CreateTableRequest> byName = new HashMap<>();
        Tables.all(names).forEach(t -> byName.put(t.tableName(), t));
        Set<String> seen = new HashSet<>();
        resources.forEach((id, r) -> {
            if (!"AWS::DynamoDB::Table".equals(r.get("Type"))) {
                return;
            }
            String which = TABLE_OF_RESOURCE.get(id);
            assertNotNull(which, "unexpected table " + id);
            seen.add(which);
            CreateTableRequest expected = byName.get(which);
            Map<String, Object> p = props(r);
            assertEquals("PAY_PER_REQUEST", p.get("BillingMode"), id);
            assertEquals(Map.of("PointInTimeRecoveryEnabled", true), p.get("PointInTimeRecoverySpecification"), id);
            assertEquals(attributes(expected.attributeDefinitions()), Set.copyOf(list(p.get("AttributeDefinitions"))), id + " attributes");
            assertEquals(keys(expected.keySchema()), list(p.get("KeySchema")), id + " key schema");
            List<Object> indexes = p.containsKey("GlobalSecondaryIndexes") ? list(p.get("GlobalSecondaryIndexes")) : List.of();
            assertEquals(expected.globalSecondaryIndexes().size(), indexes.size(), id + " indexes");
            for (GlobalSecondaryIndex gsi : expected.globalSecondaryIndexes()) {
                Map<String, Object> declared = indexes.stream().map(CloudFormationYaml::map)
                        .filter(i -> gsi.indexName().equals(i.get("IndexName"))).findFirst()
                        .orElseThrow(() -> new AssertionError(id + " lacks index " + gsi.indexName()));
                assertEquals(keys(gsi.keySchema()), list(declared.get("KeySchema")), gsi.indexName());
                assertEquals(gsi.projection().projectionTypeAsString(), map(declared.get("Projection")).get("ProjectionType"));
            }
            if (expected.streamSpecification() == null) {
                assertFalse(p.containsKey("StreamSpecification"), id + " has a stream Tables does not define");
            } else {
                assertEquals(expected.streamSpecification().streamViewTypeAsString(),
                        map(p.get("StreamSpecification")).get("StreamViewType"), id + " stream");
            }
        });
        assertEquals(Set.of("snapshots", "alerts", "registry"), seen);
    }

    @Test
    void eventSourcesReportPartialFailuresAndTheStreamTakesOnlyInserts() {
        int queues = 0;
        int streams = 0;
        for (Map<String, Object> f : functions().values()) {
            Map<String, Object> events = f.containsKey("Events") ? map(f.get("Events")) : Map.of();
            for (Object e : events.values()) {
                Map<String, Object> event = map(e);
                Map<String, Object> p = props(event);
                if ("SQS".equals(event.get("Type")) || "DynamoDB".equals(event.get("Type"))) {
                    assertEquals(List.of("ReportBatchItemFailures"), p.get("FunctionResponseTypes"), event.toString());
                }
                if ("SQS".equals(event.get("Type"))) {
                    queues++;
                }
                if ("DynamoDB".equals(event.get("Type"))) {
                    streams++;
                    assertEquals(true, p.get("BisectBatchOnFunctionError"));
                    assertNotNull(map(map(p.get("DestinationConfig")).get("OnFailure")).get("Destination"));
                    String pattern = String.valueOf(map(list(map(p.get("FilterCriteria")).get("Filters")).get(0)).get("Pattern"));
                    assertTrue(pattern.contains("\"eventName\": [\"INSERT\", \"MODIFY\"]"), pattern);
                }
            }
        }
        assertEquals(1, queues);
        assertEquals(1, streams);
        Map<String, Object> poll = props(resources.get("PollQueue"));
        assertNotNull(map(poll.get("RedrivePolicy")).get("deadLetterTargetArn"), "the poll queue has a dead-letter queue");
    }

    @Test
    void parametersAndOutputs() {
        Map<String, Object> parameters = map(template.get("Parameters"));
        assertTrue(parameters.keySet().containsAll(Set.of("Stage", "PollSchedule", "EvaluatorConcurrency", "ApiConcurrency",
                "LogRetentionDays")), parameters.keySet().toString());
        assertEquals("rate(1 hour)", map(parameters.get("PollSchedule")).get("Default"));
        assertTrue(map(template.get("Outputs")).keySet().containsAll(Set.of("ApiUrl", "AlertTopicArn", "ReportsBucketName")));
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        assertEquals(Map.of("ApplyOn", "PublishedVersions"), globals.get("SnapStart"));
        assertEquals(List.of("arm64"), globals.get("Architectures"));
        assertEquals(Map.of("LogFormat", "JSON", "LogGroup", Map.of("Ref", "FunctionsLogGroup")), globals.get("LoggingConfig"));
        assertNotNull(globals.get("AutoPublishAlias"));
    }

    // ------------------------------------------------------------------ per-function checks

    private static Method handlerMethod(Map<String, Object> props) throws Exception {
        String[] handler = String.valueOf(props.get("Handler")).split("::");
        assertEquals(2, handler.length, "Handler is class::method: " + props.get("Handler"));
        Class<?> type = Class.forName(handler[0]);
        assertTrue(Modifier.isPublic(type.getModifiers()), type + " is public");
        type.getConstructor(); // Lambda builds it with its public no-arg constructor
        for (Method m : type.getMethods()) {
            if (m.getName().equals(handler[1]) && m.getParameterCount() == 2 && m.getParameterTypes()[1] == Context.class
                    && !m.isBridge()) {
                return m;
            }
        }
        return fail(handler[0] + " has no public " + handler[1] + "(event, Context)");
    }

    private static void codeUri(String id, Map<String, Object> props) throws Exception {
        String codeUri = String.valueOf(props.get("CodeUri"));
        Matcher m = Pattern.compile("functions/([a-z0-9-]+)/target/function\\.jar").matcher(codeUri);
        assertTrue(m.matches(), id + " CodeUri " + codeUri);
        Path module = root.resolve("functions").resolve(m.group(1));
        assertTrue(Files.isRegularFile(module.resolve("pom.xml")), codeUri + " is not a module");
        String pom = Files.readString(root.resolve("pom.xml"));
        assertTrue(pom.contains("<module>functions/" + m.group(1) + "</module>"), "the root pom builds " + m.group(1));
        String handlerClass = String.valueOf(props.get("Handler")).split("::")[0];
        assertTrue(Files.isRegularFile(module.resolve("src/main/java/" + handlerClass.replace('.', '/') + ".java")),
                handlerClass + " is not in " + module);
    }

    @SuppressWarnings("unchecked")
    private static void environment(String id, Map<String, Object> props) throws Exception {
        Class<?> type = Class.forName(String.valueOf(props.get("Handler")).split("::")[0]);
        List<String> reads = new ArrayList<>((List<String>) type.getField("ENV").get(null));
        reads.addAll(HandlerLogging.ENV);
        Map<String, Object> set = variables(props);
        for (String name : reads) {
            assertTrue(set.containsKey(name), id + " does not set " + name + " that " + type.getSimpleName() + " reads");
        }
        for (String name : set.keySet()) {
            assertTrue(reads.contains(name), id + " sets " + name + " that " + type.getSimpleName() + ".ENV does not list");
        }
    }

    private static void grants(String id, Map<String, Object> props) {
        Object policies = props.get("Policies");
        Set<String> granted = new HashSet<>();
        references(policies, granted);
        String policyText = String.valueOf(policies);
        variables(props).forEach((name, value) -> {
            Set<String> refs = new HashSet<>();
            references(value, refs);
            for (String ref : refs) {
                String type = String.valueOf(resources.getOrDefault(ref, Map.of()).get("Type"));
                if (type.startsWith("AWS::DynamoDB") || type.startsWith("AWS::SNS") || type.startsWith("AWS::SQS") || type.startsWith("AWS::S3")) {
                    assertTrue(granted.contains(ref), id + ": " + name + " names " + ref + " but no policy grants it");
                }
            }
            if (value instanceof Map<?, ?> v && v.containsKey("Fn::Sub") && v.get("Fn::Sub") instanceof String sub
                    && sub.equals("vigie-${Stage}-${AWS::AccountId}-${AWS::Region}")) {
                assertTrue(policyText.contains(sub), id + ": " + name + " names the bucket but no policy grants it");
            }
        });
        // a function fed by an event source may use that source; an S3-notified one must read its bucket by name
        Map<String, Object> events = props.containsKey("Events") ? map(props.get("Events")) : Map.of();
        for (Object e : events.values()) {
            if ("S3".equals(map(e).get("Type"))) {
                assertTrue(policyText.contains("vigie-${Stage}-${AWS::AccountId}-${AWS::Region}"), id + " reads the bucket it is notified of");
                assertFalse(granted.contains("ReportsBucket"), id + ": a !Ref of the notifying bucket in a policy is a circular dependency");
            }
        }
    }

    private static void noWildcards(String id, Map<String, Object> props) {
        Object policies = props.get("Policies");
        if (policies == null) {
            return;
        }
        for (Object p : list(policies)) {
            if (p instanceof Map<?, ?> policy && policy.containsKey("Statement")) {
                for (Object s : list(policy.get("Statement"))) {
                    Map<String, Object> st = map(s);
                    boolean anyAction = asList(st.get("Action")).stream().anyMatch(a -> a.equals("*") || a.endsWith(":*"));
                    boolean anyResource = asList(st.get("Resource")).contains("*");
                    assertFalse(anyAction && anyResource, id + " grants " + st.get("Action") + " on *");
                    assertFalse(anyResource && st.get("Action") != null, id + " grants " + st.get("Action") + " on every resource");
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, Map<String, Object>> functions() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        resources.forEach((id, r) -> {
            if ("AWS::Serverless::Function".equals(r.get("Type"))) {
                out.put(id, props(r));
            }
        });
        return out;
    }

    private static Map<String, Object> variables(Map<String, Object> props) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> globals = map(map(template.getOrDefault("Globals", Map.of())).getOrDefault("Function", Map.of()));
        for (Map<String, Object> source : List.of(globals, props)) {
            Object env = source.get("Environment");
            if (env != null) {
                out.putAll(map(map(env).getOrDefault("Variables", Map.of())));
            }
        }
        return out;
    }

    /** Logical ids referenced anywhere below {@code node}: Ref, Fn::GetAtt and ${Id} inside Fn::Sub. */
    private static void references(Object node, Set<String> out) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if ("Ref".equals(k) && v instanceof String s) {
                    out.add(s);
                } else if ("Fn::GetAtt".equals(k) && v instanceof List<?> l && !l.isEmpty()) {
                    out.add(String.valueOf(l.get(0)));
                } else if ("Fn::Sub".equals(k) && v instanceof String s) {
                    Matcher matcher = SUB_REFERENCE.matcher(s);
                    while (matcher.find()) {
                        out.add(matcher.group(1));
                    }
                } else {
                    references(v, out);
                }
            });
        } else if (node instanceof List<?> l) {
            l.forEach(x -> references(x, out));
        }
    }

    private static Set<Map<String, Object>> attributes(List<AttributeDefinition> definitions) {
        Set<Map<String, Object>> out = new HashSet<>();
        definitions.forEach(d -> out.add(Map.of("AttributeName", d.attributeName(), "AttributeType", d.attributeTypeAsString())));
        return out;
    }

    private static List<Object> keys(List<KeySchemaElement> schema) {
        return schema.stream().map(k -> (Object) Map.of("AttributeName", k.attributeName(), "KeyType", k.keyTypeAsString())).toList();
    }

    private static List<String> asList(Object o) {
        if (o == null) {
            return List.of();
        }
        return o instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of(String.valueOf(o));
    }
}
