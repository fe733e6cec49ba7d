package fr.vigie.domain;

/**
 * Where and how to poll a facility's stock: an HTTP endpoint answering the spec's JSON report,
 * a timeout, and the name of a secret holding its credentials (the name only, never the secret).
 */
public record StockSourceConfig(String type, String url, int timeoutMillis, String credentialsSecret) {
    public static final String HTTP_JSON = "HTTP_JSON";
}
