package io.cellwatch.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * An HTTP receiver on loopback that records every request (a stand-in for a webhook or chat
 * bridge); it answers 200, or whatever status a test sets to play a receiver that is down.
 */
public final class RecordingHttpReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    /** One request as received; header names lower case. */
    public record Request(String method, String path, Map<String, String> headers, String body) {}

    private RecordingHttpReceiver(HttpServer server) {
        this.server = server;
    }

    public static RecordingHttpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        RecordingHttpReceiver receiver = new RecordingHttpReceiver(server);
        server.createContext("/", receiver::handle);
        server.start();
        return receiver;
    }

    private final java.util.concurrent.atomic.AtomicInteger attempts = new java.util.concurrent.atomic.AtomicInteger();

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            int answer = status;
            attempts.incrementAndGet();
            if (answer / 100 == 2) {
                // Only what was accepted counts as received, as with a real receiver.
                requests.add(new Request(
                        exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
            }
            exchange.sendResponseHeaders(answer, -1);
        }
    }

    /** Every request that reached it, refused ones too. */
    public int attempts() {
        return attempts.get();
    }

    /** {@code http://127.0.0.1:PORT} + path. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** From now on, answer with this status (e.g. 503 to play a receiver that is down). */
    public void answer(int status) {
        this.status = status;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits until {@code done} holds for the accepted requests or the timeout passes; returns them. */
    public List<Request> await(Duration timeout, Predicate<List<Request>> done) throws InterruptedException {
        Waiting.until(timeout, Duration.ofMillis(50), () -> done.test(requests()));
        return new ArrayList<>(requests());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
