package fr.vigie.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console on {@code http://127.0.0.1:PORT/}: the pages (classpath {@code console/}), their
 * {@code config.json}, the season's review files ({@code /retex/}, when a folder is given), and the
 * API under {@code /api/}. Each API request is translated into the API Gateway HTTP API event
 * (payload 2.0) the deployed function receives — route key, path parameters, query, headers, body —
 * with the JWT claims of the local identity as the authorizer would pass them, and handed to the
 * very Lambda handler classes: no second implementation of any route. Only loopback requests whose
 * {@code Host} is this address are served (no other machine, no DNS rebinding).
 */
final class ConsoleServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    static final String API = "/api";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "json", "application/json; charset=utf-8", "svg", "image/svg+xml",
            "png", "image/png", "csv", "text/csv; charset=utf-8", "txt", "text/plain; charset=utf-8");

    /** A route of the HTTP API ({@code GET /facilities/{facilityId}}) and the handler deployed behind it. */
    private record Route(String method, Pattern path, List<String> parameters, String key,
                         RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {

        static Route of(String key, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
            String[] parts = key.split(" ", 2);
            List<String> names = new ArrayList<>();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(parts[1]);
            StringBuilder regex = new StringBuilder();
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(parts[1].substring(last, m.start()))).append("([^/]+)");
                names.add(m.group(1));
                last = m.end();
            }
            regex.append(Pattern.quote(parts[1].substring(last)));
            return new Route(parts[0], Pattern.compile(regex.toString()), names, key, handler);
        }
    }

    private final HttpServer server;
    private final List<Route> routes = new ArrayList<>();
    private final Map<String, String> claims;
    private final String config;
    private final Path retex;

    /**
     * @param handlers route key ({@code "GET /alerts"}) to the handler that serves it when deployed
     * @param claims   the local identity, as the JWT authorizer hands claims over
     * @param config   the pages' {@code config.json}
     * @param retex    folder of a season's review ({@code ./vigie retex --out}), or null
     */
    ConsoleServer(int port, Map<String, RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> handlers,
                  Map<String, String> claims, String config, Path retex) throws IOException {
        handlers.forEach((key, handler) -> routes.add(Route.of(key, handler)));
        // as API Gateway does: a literal route wins over one with a parameter at the same place
        routes.sort(Comparator.comparingInt((Route r) -> r.parameters().size()));
        this.claims = Map.copyOf(claims);
        this.config = config;
        this.retex = retex;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::serve);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String address() {
        return "http://127.0.0.1:" + port() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (host == null || !(host.equals("127.0.0.1:" + port()) || host.equals("localhost:" + port()))) {
                send(exchange, 421, "text/plain; charset=utf-8", "hôte refusé".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            if (path.startsWith(API + "/")) {
                api(exchange, path.substring(API.length()));
            } else if (path.equals("/config.json")) {
                send(exchange, 200, TYPES.get("json"), config.getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith("/retex/") && retex != null) {
                file(exchange, URLDecoder.decode(path.substring("/retex/".length()), StandardCharsets.UTF_8));
            } else {
                resource(exchange, path.equals("/") ? "index.html" : path.substring(1));
            }
        } catch (RuntimeException e) {
            LOG.atError().setCause(e).addKeyValue("path", exchange.getRequestURI().getRawPath()).log("console_request_failed");
            throw e;
        }
    }

    private void api(HttpExchange exchange, String path) throws IOException {
        String method = exchange.getRequestMethod();
        String decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        for (Route route : routes) {
            Matcher m = route.path().matcher(path);
            if (route.method().equals(method) && m.matches()) {
                Map<String, String> parameters = new LinkedHashMap<>();
                for (int i = 0; i < route.parameters().size(); i++) {
                    parameters.put(route.parameters().get(i), URLDecoder.decode(m.group(i + 1).replace("+", "%2B"), StandardCharsets.UTF_8));
                }
                APIGatewayV2HTTPResponse response = route.handler().handleRequest(event(exchange, route.key(), decoded, parameters), null);
                byte[] body = response.getBody() == null ? new byte[0]
                        : response.getIsBase64Encoded() ? Base64.getDecoder().decode(response.getBody())
                        : response.getBody().getBytes(StandardCharsets.UTF_8);
                if (response.getHeaders() != null) {
                    response.getHeaders().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                }
                send(exchange, response.getStatusCode(), null, body);
                return;
            }
        }
        send(exchange, 404, "application/problem+json; charset=utf-8",
                ("{\"type\":\"urn:vigie:problem:unknown-route\",\"title\":\"Route inconnue\",\"status\":404,\"detail\":\""
                        + method + " " + decoded.replace("\"", "") + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** The request as API Gateway hands it to the function (payload format 2.0). */
    private APIGatewayV2HTTPEvent event(HttpExchange exchange, String routeKey, String path, Map<String, String> parameters)
            throws IOException {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        String rawQuery = Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (!pair.isEmpty()) {
                String[] kv = pair.split("=", 2);
                // repeated parameters arrive comma-joined, as API Gateway does
                query.merge(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "", (a, b) -> a + "," + b);
            }
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String method = exchange.getRequestMethod();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0").withRouteKey(routeKey).withRawPath(path).withRawQueryString(rawQuery)
                .withHeaders(headers).withQueryStringParameters(query.isEmpty() ? null : query)
                .withPathParameters(parameters.isEmpty() ? null : parameters)
                .withBody(body.length == 0 ? null : new String(body, StandardCharsets.UTF_8)).withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(routeKey).withStage("$default").withRequestId(UUID.randomUUID().toString())
                        .withTimeEpoch(System.currentTimeMillis())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path)
                                .withProtocol(exchange.getProtocol()).withSourceIp("127.0.0.1")
                                .withUserAgent(headers.get("user-agent")).build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                        .withClaims(new HashMap<>(claims)).withScopes(null).build()).build())
                        .build())
                .build();
    }

    private void resource(HttpExchange exchange, String name) throws IOException {
        if (name.contains("..")) {
            send(exchange, 404, TYPES.get("txt"), new byte[0]);
            return;
        }
        try (InputStream in = ConsoleServer.class.getResourceAsStream("/console/" + name)) {
            if (in == null) {
                send(exchange, 404, TYPES.get("txt"), ("introuvable : " + name).getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(exchange, 200, type(name), in.readAllBytes());
        }
    }

    private void file(HttpExchange exchange, String name) throws IOException {
        Path file = retex.resolve(name).normalize();
        if (!file.startsWith(retex) || !Files.isRegularFile(file)) {
            send(exchange, 404, TYPES.get("txt"), ("introuvable : " + name).getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(exchange, 200, type(name), Files.readAllBytes(file));
    }

    private static String type(String name) {
        return TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
