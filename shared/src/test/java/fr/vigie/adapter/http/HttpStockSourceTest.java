package fr.vigie.adapter.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fr.vigie.domain.Facility;
import fr.vigie.domain.StockSourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A facility's HTTP source that answers its headers at once and then its body too slowly or without end
 * (a misconfigured URL on a large export, a proxy that stalls): the poll gives up within the facility's
 * timeout and the size cap, instead of holding the worker until the Lambda's own timeout or its memory.
 */
class HttpStockSourceTest {

    private static HttpServer server;
    private static ExecutorService threads;
    private static String base;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        threads = Executors.newCachedThreadPool();
        server.setExecutor(threads);
        server.createContext("/ok", exchange -> {
            byte[] body = "{\"facilityId\":\"CH-1\",\"items\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        // headers now, then a few bytes a second for a minute
        server.createContext("/drip", exchange -> stream(exchange, 16, 100, 600));
        // headers now, 2 MiB at once, then the connection held open
        server.createContext("/flood", exchange -> stream(exchange, 2 << 20, 60_000, 2));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    private static void stream(HttpExchange exchange, int chunk, long pauseMillis, int chunks) throws IOException {
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < chunks; i++) {
                out.write(" ".repeat(chunk).getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(pauseMillis);
            }
        } catch (IOException | InterruptedException clientGone) {
            // the source gave up: what is tested
        }
    }

    private static String poll(String path, int timeoutMillis) throws IOException {
        HttpStockSource source = new HttpStockSource(HttpClient.newHttpClient(), secret -> null);
        return source.body(new Facility("CH-1", "Hôpital", "11",
                new StockSourceConfig(StockSourceConfig.HTTP_JSON, base + path, timeoutMillis, null)));
    }

    @Test
    void aHealthySourceIsRead() throws IOException {
        assertEquals("{\"facilityId\":\"CH-1\",\"items\":[]}", poll("/ok", 2_000));
    }

    @Test
    void aBodyStillComingAfterTheTimeoutIsAbandonedAtTheTimeout() {
        long start = System.nanoTime();
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(IOException.class, () -> poll("/drip", 500)));
        long took = (System.nanoTime() - start) / 1_000_000;
        assertTrue(took < 3_000, "gave up after " + took + " ms for a 500 ms timeout: " + e);
    }

    @Test
    void aBodyOverTheCapIsAbandonedAsSoonAsItPassesIt() {
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(IOException.class, () -> poll("/flood", 30_000)));
        assertTrue(e.getMessage().contains(String.valueOf(HttpStockSource.MAX_BODY_BYTES)), e.getMessage());
    }
}
