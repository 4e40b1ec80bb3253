package io.cellwatch.deploy.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The webhook receiver of a chaos run, on loopback: accepts every POST (200) and keeps the event
 * {@code id} of each, with its redelivery mark, in arrival order, so the run can count how often each
 * alert event was delivered.
 */
final class WebhookRecorder implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
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
                JsonNode payload = JSON.readTree(body);
                String id = payload.path("id").asText("");
                if (id.isEmpty()) {
                    unreadable.add(new String(body, java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    deliveries.add(new Delivery(id, payload.path("redelivery").asBoolean(false)));
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

    /** Every delivery, in arrival order. */
    List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    int received() {
        return deliveries.size();
    }

    /** Bodies that carried no event id (none expected). */
    List<String> unreadable() {
        return List.copyOf(unreadable);
    }

    /**
     * One POST: the event id, and whether the alert service marked it as a possible repeat (an
     * earlier delivery of it was begun when the service was killed).
     */
    record Delivery(String id, boolean redelivery) {}

    @Override
    public void close() {
        server.stop(0);
    }
}
