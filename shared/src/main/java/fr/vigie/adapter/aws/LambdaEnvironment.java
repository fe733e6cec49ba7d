package fr.vigie.adapter.aws;

import fr.vigie.adapter.dynamodb.DynamoWatchlist;
import fr.vigie.domain.SnapshotAdmission;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * What a function's public constructor needs once per container: its configuration from the
 * environment variables that {@code template.yaml} sets, and SDK clients built the light way
 * (URL-connection HTTP client, region from {@code AWS_REGION}, the default credentials chain).
 */
public final class LambdaEnvironment {

    private final Function<String, String> env;
    private DynamoDbClient dynamoDb;
    private SnsClient sns;

    public LambdaEnvironment(Function<String, String> env) {
        this.env = env;
    }

    public static LambdaEnvironment system() {
        return new LambdaEnvironment(System::getenv);
    }

    /** The variable's value; fails at start-up, naming it, when the template forgot to set it. */
    public String require(String name) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }

    public int intOr(String name, int fallback) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }

    /**
     * How far after and before the time received a snapshot may be dated: {@code SNAPSHOT_MAX_AHEAD}
     * and {@code SNAPSHOT_MAX_AGE}, ISO-8601 durations ({@code P1D}, {@code P400D}, {@code PT6H}),
     * defaults {@link SnapshotAdmission.Window#DEFAULT}; a malformed value fails at start-up, naming it.
     */
    public SnapshotAdmission.Window snapshotWindow() {
        return new SnapshotAdmission.Window(durationOr("SNAPSHOT_MAX_AHEAD", SnapshotAdmission.Window.DEFAULT.ahead()),
                durationOr("SNAPSHOT_MAX_AGE", SnapshotAdmission.Window.DEFAULT.behind()));
    }

    private Duration durationOr(String name, Duration fallback) {
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Duration.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("environment variable " + name + " is not an ISO-8601 duration: " + value, e);
        }
    }

    public Region region() {
        return Region.of(require("AWS_REGION"));
    }

    /**
     * The function's one DynamoDB client (built on first use, then shared by every adapter of the
     * container). Every function reads the registry: its watch-list read is registered as the
     * SnapStart priming call ({@link Priming}).
     */
    public synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            DynamoDbClient client = DynamoDbClient.builder().region(region()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
            String registry = env.apply("REGISTRY_TABLE");
            if (registry != null && !registry.isBlank()) {
                Priming.register(() -> DynamoWatchlist.load(client, registry));
            }
            dynamoDb = client;
        }
        return dynamoDb;
    }

    /** The function's one SNS client (built on first use, then shared). */
    public synchronized SnsClient sns() {
        if (sns == null) {
            sns = SnsClient.builder().region(region()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        }
        return sns;
    }
}
