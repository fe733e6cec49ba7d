package fr.vigie.fn.poller;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The Authorization header of a polled stock source, read from AWS Secrets Manager by the secret's
 * name that the registry holds (the secret string is the header's value, e.g. "Bearer ..." or
 * "Basic ..."). Values are kept a few minutes per container so a poll does not read the same
 * secret for each facility, and are never logged.
 */
final class SecretsManagerAuthorization implements Function<String, String> {

    static final Duration KEEP = Duration.ofMinutes(5);

    private record Held(String value, long readAtNanos) {
    }

    private final SecretsManagerClient client;
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    SecretsManagerAuthorization(SecretsManagerClient client) {
        this.client = client;
    }

    @Override
    public String apply(String secretName) {
        long now = System.nanoTime();
        Held h = held.get(secretName);
        if (h == null || now - h.readAtNanos() > KEEP.toNanos()) {
            h = new Held(client.getSecretValue(b -> b.secretId(secretName)).secretString(), now);
            held.put(secretName, h);
        }
        return h.value();
    }
}
