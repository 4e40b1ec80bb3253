package io.cellwatch.deploy.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cellwatch.testing.Waiting;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A webhook that reads every POST and records it, but holds its answer to the first until {@link
 * #release()}: the receiver has the event, the sender has no answer yet.
 */
final class HoldingWebhook implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One POST as the webhook read it. */
    record Received(JsonNode body, String idempotencyKey) {
        String id() {
            return body.path("id").asText();
        }

        boolean markedAsRedelivery() {
            return body.path("redelivery").asBoolean(false);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);

    private HoldingWebhook(HttpServer server) {
        this.server = server;
    }

    static HoldingWebhook start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        HoldingWebhook webhook = new HoldingWebhook(server);
        server.createContext("/", webhook::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return webhook;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange;
                InputStream in = exchange.getRequestBody()) {
            JsonNode body = JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key".toLowerCase(Locale.ROOT));
            received.add(new Received(body, key));
            if (received.size() == 1) {
                released.await(90, TimeUnit.SECONDS);
            }
            exchange.sendResponseHeaders(200, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the sender is gone (killed while this answer was held)
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/lab";
    }

    boolean awaitReceived(int count, Duration timeout) throws InterruptedException {
        return Waiting.until(timeout, Duration.ofMillis(50), () -> received.size() >= count);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    void release() {
        released.countDown();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
    }
}
