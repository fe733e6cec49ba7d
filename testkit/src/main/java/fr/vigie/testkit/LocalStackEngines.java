package fr.vigie.testkit;

import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * LocalStack in Docker, for running the same integration tests against it where a Docker engine
 * exists (tests use {@code @Testcontainers(disabledWithoutDocker = true)} and skip cleanly elsewhere).
 */
public final class LocalStackEngines {

    public static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:3.8");

    private LocalStackEngines() {
    }

    public static LocalStackContainer container() {
        return new LocalStackContainer(IMAGE).withServices(
                LocalStackContainer.Service.DYNAMODB, LocalStackContainer.Service.SNS, LocalStackContainer.Service.SQS);
    }

    public static DynamoDbClient dynamo(LocalStackContainer c) {
        return DynamoDbClient.builder().endpointOverride(c.getEndpoint()).region(Region.of(c.getRegion()))
                .credentialsProvider(credentials(c)).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    public static SnsClient sns(LocalStackContainer c) {
        return SnsClient.builder().endpointOverride(c.getEndpoint()).region(Region.of(c.getRegion()))
                .credentialsProvider(credentials(c)).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    public static SqsClient sqs(LocalStackContainer c) {
        return SqsClient.builder().endpointOverride(c.getEndpoint()).region(Region.of(c.getRegion()))
                .credentialsProvider(credentials(c)).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
    }

    private static StaticCredentialsProvider credentials(LocalStackContainer c) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(c.getAccessKey(), c.getSecretKey()));
    }
}
