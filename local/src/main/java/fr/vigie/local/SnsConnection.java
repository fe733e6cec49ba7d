package fr.vigie.local;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a local run publishes to SNS: yes when the standard {@code AWS_ENDPOINT_URL_SNS}
 * or {@code AWS_ENDPOINT_URL} points at an endpoint (an emulator), or when AWS credentials are
 * configured (real AWS); otherwise alerts stay on the console. The topic is
 * {@code VIGIE_ALERT_TOPIC_ARN} or, failing that, the topic {@code vigie-alerts} (created if absent).
 */
record SnsConnection(SnsClient client, String topicArn) {

    static final String DEFAULT_TOPIC = "vigie-alerts";

    static Optional<SnsConnection> fromEnvironment(Map<String, String> env) {
        String endpoint = env.getOrDefault("AWS_ENDPOINT_URL_SNS", env.get("AWS_ENDPOINT_URL"));
        boolean credentials = env.containsKey("AWS_ACCESS_KEY_ID") || env.containsKey("AWS_PROFILE")
                || env.containsKey("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        if (endpoint == null && !credentials) {
            return Optional.empty();
        }
        SnsClientBuilder builder = SnsClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(env.getOrDefault("AWS_REGION", env.getOrDefault("AWS_DEFAULT_REGION", "eu-west-3"))))
                // an emulator takes any credentials; real AWS gets the standard chain
                .credentialsProvider(credentials ? DefaultCredentialsProvider.builder().build()
                        : StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        SnsClient client = builder.build();
        String topic = env.get("VIGIE_ALERT_TOPIC_ARN");
        if (topic == null) {
            topic = client.createTopic(b -> b.name(DEFAULT_TOPIC)).topicArn();
        }
        return Optional.of(new SnsConnection(client, topic));
    }
}
