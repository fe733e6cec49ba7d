package fr.vigie.adapter.http;

import fr.vigie.adapter.feed.StockReportJson;
import fr.vigie.domain.Facility;
import fr.vigie.domain.FeedRow;
import fr.vigie.port.StockSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Polls a facility's HTTP JSON stock source with the JDK's HTTP client (no extra jar), within the
 * facility's own timeout. Credentials are looked up by the secret's name at call time, never stored.
 */
public final class HttpStockSource implements StockSource {

    /** Largest report accepted: a facility reports tens of devices, not megabytes. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private final HttpClient http;
    private final Function<String, String> authorizationOfSecret;

    /** @param authorizationOfSecret the Authorization header for a secret's name (null for none) */
    public HttpStockSource(HttpClient http, Function<String, String> authorizationOfSecret) {
        this.http = http;
        this.authorizationOfSecret = authorizationOfSecret;
    }

    /** The report decoded by {@link StockReportJson}, the one reader of the spec's JSON report. */
    @Override
    public List<FeedRow> fetch(Facility facility, Predicate<String> knownDevice) throws IOException {
        return StockReportJson.parse(body(facility), knownDevice);
    }

    /** The report's body as the source answered it (JSON text); throws on an error status or an oversized answer. */
    public String body(Facility facility) throws IOException {
        var config = facility.source();
        if (config == null) {
            throw new IOException("facility " + facility.facilityId() + " has no stock source");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.url()))
                .timeout(Duration.ofMillis(config.timeoutMillis())).header("Accept", "application/json").GET();
        if (config.credentialsSecret() != null) {
            String authorization = authorizationOfSecret.apply(config.credentialsSecret());
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while polling " + facility.facilityId(), e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("source of " + facility.facilityId() + " answered HTTP " + response.statusCode());
        }
        if (response.body().length > MAX_BODY_BYTES) {
            throw new IOException("source of " + facility.facilityId() + " answered " + response.body().length + " bytes, more than " + MAX_BODY_BYTES);
        }
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
