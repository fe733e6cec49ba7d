package fr.vigie.fn.template;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The house rules of docs/architecture.md, checked on the compiled main classes of every module
 * (shared, local, and each function): data flows one way, event → handler → use case → port →
 * adapter. Each rule fails naming the class and the dependency that breaks it.
 */
class ArchitectureTest {

    private static final String[] AWS = {"software.amazon..", "com.amazonaws.."};
    /** The request and response types of the services: who uses them calls the service itself. */
    private static final String[] AWS_CALLS = {
            "software.amazon.awssdk.services.dynamodb.model..", "software.amazon.awssdk.services.sns.model..",
            "software.amazon.awssdk.services.s3.model..", "software.amazon.awssdk.services.sqs.model..",
            "software.amazon.awssdk.enhanced.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("fr.vigie");
    }

    /** Logging APIs and frameworks: the domain uses none of them (it logs nothing). */
    private static final String[] LOGGING = {"org.slf4j..", "org.apache.logging..", "java.util.logging..", "ch.qos.logback.."};

    @Test
    void theDomainIsPlainJava() {
        ArchRule rule = noClasses().that().resideInAPackage("fr.vigie.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(AWS)
                .orShould().dependOnClassesThat().resideInAPackage("com.fasterxml.jackson..")
                .orShould().dependOnClassesThat().resideInAnyPackage(LOGGING)
                .orShould().dependOnClassesThat().resideInAnyPackage("fr.vigie.app..", "fr.vigie.port..", "fr.vigie.adapter..")
                .because("the domain (watch-list, snapshot, forecast, alert levels) is plain Java that every path shares");
        rule.check(classes);
    }

    @Test
    void useCasesReachAdaptersOnlyThroughPorts() {
        ArchRule rule = noClasses().that().resideInAPackage("fr.vigie.app..")
                .should().dependOnClassesThat().resideInAPackage("fr.vigie.adapter..")
                .orShould().dependOnClassesThat().resideInAnyPackage(AWS)
                .because("a use case works through ports, so the Lambdas, ./vigie and the tests run the same code");
        rule.check(classes);
    }

    /**
     * Issue 17, one structured logger: Vigie's code logs through the SLF4J API only (use cases
     * included: it is an API, the backend is the runner's), never java.util.logging nor the Lambda
     * context's logger, whose lines the template's JSON log format turns into escaped strings.
     * Powertools and Log4j are reached by the Lambda wiring only ({@code fr.vigie.adapter.aws}) and
     * java.util.logging by ./vigie's Main, which sends the libraries' lines to .vigie/vigie.log. The
     * test kit reads the backend's lines back (LogCapture) and stands in for the Lambda context.
     */
    @Test
    void oneStructuredLoggerThroughSlf4j() {
        ArchRule rule = noClasses().that().resideInAPackage("fr.vigie..")
                .and().resideOutsideOfPackage("fr.vigie.testkit..")
                .and().doNotHaveFullyQualifiedName("fr.vigie.local.Main")
                .should().dependOnClassesThat().resideInAPackage("java.util.logging..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("com.amazonaws.services.lambda.runtime.LambdaLogger")
                .because("every line goes through SLF4J into the functions' JSON logger (issue 17)");
        rule.check(classes);
        ArchRule backend = noClasses().that().resideInAPackage("fr.vigie..")
                .and().resideOutsideOfPackages("fr.vigie.adapter.aws..", "fr.vigie.testkit..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon.lambda.powertools..", "org.apache.logging..")
                .because("the backend is set up in one place, HandlerLogging; the code logs through the SLF4J API");
        backend.check(classes);
    }

    @Test
    void portsAreSmallInterfacesOverTheDomain() {
        ArchRule rule = noClasses().that().resideInAPackage("fr.vigie.port..")
                .should().dependOnClassesThat().resideInAnyPackage("fr.vigie.adapter..", "fr.vigie.app..")
                .orShould().dependOnClassesThat().resideInAnyPackage(AWS)
                .because("a port speaks the domain's language, never an adapter's");
        rule.check(classes);
    }

    @Test
    void handlersTranslateAndDelegate() {
        ArchRule rule = noClasses().that().implement(RequestHandler.class)
                .should().dependOnClassesThat().resideInAnyPackage(AWS_CALLS)
                .because("a handler translates an event and calls a use case; DynamoDB, SNS, S3 and SQS are called by adapters"
                        + " (a handler may hold the clients it hands to them, built once per container: guide/style.md)");
        rule.check(classes);
    }

    @Test
    void adaptersDoNotCallUseCasesOrHandlers() {
        ArchRule rule = noClasses().that().resideInAPackage("fr.vigie.adapter..")
                .should().dependOnClassesThat().resideInAnyPackage("fr.vigie.app..", "fr.vigie.fn..", "fr.vigie.local..", "fr.vigie.wiring..")
                .because("data flows one way: a use case calls a port, an adapter implements it");
        rule.check(classes);
    }
}
