package fr.vigie.testkit;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import java.net.URI;

/**
 * Amazon DynamoDB Local started inside the test JVM, in memory, on a free loopback port: the real
 * engine behind the real SDK client over HTTP, as a function talks to DynamoDB. One per JVM.
 */
public final class DynamoDbLocalServer {

    private static DynamoDbLocalServer instance;

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private DynamoDbLocalServer() throws Exception {
        int port = FreePort.find();
        server = ServerRunner.createServerFromCommandLineArgs(new String[]{"-inMemory", "-port", Integer.toString(port)});
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + port);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopQuietly));
    }

    public static synchronized DynamoDbLocalServer get() {
        if (instance == null) {
            try {
                instance = new DynamoDbLocalServer();
            } catch (Exception e) {
                throw new IllegalStateException("DynamoDB Local did not start", e);
            }
        }
        return instance;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A new SDK client on this server, built as the functions build theirs (URL-connection HTTP client). */
    public DynamoDbClient client() {
        return clientBuilder().build();
    }

    /** The same client's builder, for tests that add to its configuration (fault injection). */
    public DynamoDbClientBuilder clientBuilder() {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(Region.EU_WEST_3)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception ignored) {
            // the JVM is exiting
        }
    }
}
