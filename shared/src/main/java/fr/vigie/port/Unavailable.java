package fr.vigie.port;

/**
 * A service behind a port (SNS, DynamoDB) did not answer as expected: the request may be retried
 * later. Adapters raise it with a short cause; the HTTP kit answers 502 and logs it at ERROR.
 */
public final class Unavailable extends RuntimeException {

    public Unavailable(String service, Throwable cause) {
        super(service + " unavailable", cause);
    }
}
