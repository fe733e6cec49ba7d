package fr.vigie.adapter.http;

import fr.vigie.adapter.feed.StockReportJson;
import fr.vigie.domain.Facility;
import fr.vigie.domain.FeedRow;
import fr.vigie.port.StockSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Polls a facility's HTTP JSON stock source with the JDK's HTTP client (no extra jar), within the
 * facility's own timeout for the whole answer, body included (the client's own timeout stops at the
 * headers: a source that drips its body would hold the worker to the Lambda's timeout), and reading at
 * most {@link #MAX_BODY_BYTES} of it (a URL on a large export is abandoned there, not held in memory). Credentials are looked up by the secret's name at call time, never stored.
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
        AtomicReference<CappedBody> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> exchange = http.sendAsync(request.build(), info -> {
            CappedBody capped = new CappedBody(facility.facilityId());
            body.set(capped);
            return capped;
        });
        HttpResponse<byte[]> response;
        try {
            response = exchange.get(config.timeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            CappedBody started = body.get();
            if (started != null) {
                started.abandon();
            }
            throw new HttpTimeoutException("source of " + facility.facilityId() + " did not answer in full within " + config.timeoutMillis() + " ms");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while polling " + facility.facilityId(), e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("polling " + facility.facilityId() + " failed", e.getCause());
        }
        if (response.statusCode() != 200) {
            throw new IOException("source of " + facility.facilityId() + " answered HTTP " + response.statusCode());
        }
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** The body's bytes, refused as soon as they pass {@link #MAX_BODY_BYTES}. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final String facilityId;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile Flow.Subscription subscription;

        CappedBody(String facilityId) {
            this.facilityId = facilityId;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                if (bytes.size() + b.remaining() > MAX_BODY_BYTES) {
                    subscription.cancel();
                    result.completeExceptionally(new IOException("source of " + facilityId + " answered more than " + MAX_BODY_BYTES + " bytes"));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }

        /** Stops reading a body the poll no longer waits for. */
        void abandon() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }
}
