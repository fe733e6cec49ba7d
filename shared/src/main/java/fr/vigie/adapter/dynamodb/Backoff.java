package fr.vigie.adapter.dynamodb;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter for the items DynamoDB hands back unprocessed under
 * throttling. After the last attempt it throws: an item is never silently dropped.
 */
final class Backoff {

    static final int MAX_ATTEMPTS = 10;
    private static final long BASE_MILLIS = 25;
    private static final long CAP_MILLIS = 2_000;

    private Backoff() {
    }

    static void pause(int attempt, String what) {
        if (attempt >= MAX_ATTEMPTS) {
            throw new IllegalStateException(what + " still unprocessed after " + MAX_ATTEMPTS + " attempts");
        }
        long ceiling = Math.min(CAP_MILLIS, BASE_MILLIS << Math.min(attempt, 16));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying " + what, e);
        }
    }
}
