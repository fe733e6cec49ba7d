package fr.vigie.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The part of the Lambda Runtime API that a cold start needs, on a loopback port: the first
 * {@code GET /2018-06-01/runtime/invocation/next} returns the one event, later ones wait until
 * {@link #close}; {@code POST .../invocation/{id}/response} or {@code .../error} (or
 * {@code /runtime/init/error}) records when the answer came. Under SnapStart's initialisation type
 * the runtime client runs the CRaC checkpoint hooks and then asks {@code GET /runtime/restore/next}:
 * that moment (where Lambda would take the snapshot) is recorded and answered at once.
 */
final class RuntimeApiStandIn implements AutoCloseable {

    static final String REQUEST_ID = "bench-0001";
    private static final String BASE = "/2018-06-01/runtime";

    /** When the restore was asked for (0 without SnapStart), the first event asked for and its answer came, System.nanoTime() units. */
    record Answer(long restoreNanos, long firstNextNanos, long answerNanos, String kind, String body) {
    }

    private final HttpServer server;
    private final byte[] event;
    private final AtomicBoolean served = new AtomicBoolean();
    private final AtomicLong firstNext = new AtomicLong();
    private final AtomicLong restore = new AtomicLong();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final CompletableFuture<Answer> answer = new CompletableFuture<>();

    RuntimeApiStandIn(byte[] event) throws IOException {
        this.event = event;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runtime-api");
            t.setDaemon(true);
            return t;
        }));
        server.createContext(BASE, this::handle);
        server.start();
    }

    /** host:port, as AWS_LAMBDA_RUNTIME_API wants it. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    CompletableFuture<Answer> answer() {
        return answer;
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        byte[] body = x.getRequestBody().readAllBytes();
        long now = System.nanoTime();
        try {
            if (x.getRequestMethod().equals("GET") && path.equals(BASE + "/restore/next")) {
                restore.set(now);
                send(x, 200, new byte[0]);
                return;
            }
            if (x.getRequestMethod().equals("GET") && path.equals(BASE + "/invocation/next")) {
                if (served.compareAndSet(false, true)) {
                    firstNext.set(now);
                    x.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", REQUEST_ID);
                    x.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
                    x.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                            "arn:aws:lambda:eu-west-3:000000000000:function:vigie-bench");
                    x.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
                    x.getResponseHeaders().add("Content-Type", "application/json");
                    send(x, 200, event);
                } else {
                    // the runtime asks for the next event: there is none, it waits until the bench stops it
                    closing.await(60, TimeUnit.SECONDS);
                    send(x, 500, new byte[0]);
                }
                return;
            }
            if (x.getRequestMethod().equals("POST") && path.startsWith(BASE + "/invocation/")) {
                String kind = path.endsWith("/response") ? "response" : "error";
                answer.complete(new Answer(restore.get(), firstNext.get(), now, kind, new String(body, StandardCharsets.UTF_8)));
                send(x, 202, "{}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (x.getRequestMethod().equals("POST") && path.equals(BASE + "/init/error")) {
                answer.complete(new Answer(restore.get(), firstNext.get(), now, "init-error", new String(body, StandardCharsets.UTF_8)));
                send(x, 202, "{}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(x, 404, new byte[0]);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            send(x, 500, new byte[0]);
        }
    }

    private static void send(HttpExchange x, int status, byte[] body) throws IOException {
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
        x.close();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
