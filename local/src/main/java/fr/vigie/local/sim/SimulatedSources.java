package fr.vigie.local.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import fr.vigie.domain.StockSourceConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The simulated facilities' stock sources, served over real HTTP on the loopback interface so the
 * demo polls them through the same {@code HttpStockSource} as production:
 * {@code GET /facilities/{id}/stock} answers the facility's JSON report, 404 an unknown facility.
 */
public final class SimulatedSources implements AutoCloseable {

    private static final String PREFIX = "/facilities/";
    private static final String SUFFIX = "/stock";
    private static final int TIMEOUT_MILLIS = 2_000;

    private final SeasonSimulator simulator;
    private final HttpServer server;
    private volatile Instant clock;

    /** Starts serving at once on 127.0.0.1 and a free port. */
    public SimulatedSources(SeasonSimulator simulator) throws IOException {
        this.simulator = simulator;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PREFIX, this::answer);
        server.start();
    }

    /**
     * The instant the next reports carry as {@code reportedAt}. Until it is set, reports are dated
     * 05:00 UTC the day after the last simulated day: the morning report of the stock left that night.
     */
    public void setClock(Instant at) {
        this.clock = at;
    }

    public URI urlOf(String facilityId) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PREFIX + facilityId + SUFFIX);
    }

    /** The stock source of a facility as the registry records it: this server, no credentials. */
    public StockSourceConfig sourceOf(String facilityId) {
        return new StockSourceConfig(StockSourceConfig.HTTP_JSON, urlOf(facilityId).toString(), TIMEOUT_MILLIS, null);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange; InputStream request = exchange.getRequestBody()) {
            request.readAllBytes();
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String facilityId = path.startsWith(PREFIX) && path.endsWith(SUFFIX) && path.length() > PREFIX.length() + SUFFIX.length()
                    ? path.substring(PREFIX.length(), path.length() - SUFFIX.length()) : null;
            if (facilityId == null || !simulator.facilityIds().contains(facilityId)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            Instant at = clock != null ? clock
                    : simulator.simulatedThrough().plusDays(1).atTime(5, 0).toInstant(ZoneOffset.UTC);
            byte[] body = simulator.report(facilityId, at).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Stops the server at once: the demo has polled its last day. */
    @Override
    public void close() {
        server.stop(0);
    }
}
