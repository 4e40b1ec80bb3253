package io.cellwatch.deploy.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The webhook receiver of a chaos run, on loopback: accepts every POST (200) and keeps the event
 * {@code id} of each, in arrival order, so the run can count what each alert event was delivered.
 */
final class WebhookRecorder implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<String> eventIds = new CopyOnWriteArrayList<>();
    private final List<String> unreadable = new CopyOnWriteArrayList<>();

    private WebhookRecorder(HttpServer server) {
        this.server = server;
    }

    static WebhookRecorder start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        WebhookRecorder recorder = new WebhookRecorder(server);
        server.createContext("/", recorder::handle);
        server.start();
        return recorder;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            try {
                String id = JSON.readTree(body).path("id").asText("");
                if (id.isEmpty()) {
                    unreadable.add(new String(body, java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    eventIds.add(id);
                }
            } catch (IOException notJson) {
                unreadable.add(new String(body, java.nio.charset.StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/chaos-webhook";
    }

    /** How often each event id arrived. */
    Map<String, Long> deliveries() {
        return eventIds.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    int received() {
        return eventIds.size();
    }

    /** Bodies that carried no event id (none expected). */
    List<String> unreadable() {
        return List.copyOf(unreadable);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
