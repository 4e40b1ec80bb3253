package io.cellwatch.alerts.delivery.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A receiver that answers and then stalls its body (a proxy holding the connection) does not hold a
 * delivery: a success is taken from the status line, an error's excerpt from what came with it. The
 * guard against a hang is a minute; a post that waited for the body would never return.
 */
class JsonPosterTest {
    private static final Duration HANG_GUARD = Duration.ofMinutes(1);

    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    /** Answers {@code status} with the first bytes of a body it says is longer, then stalls until the test ends. */
    private HttpEndpoint stallingReceiver(int status, String bodyStart) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] start = bodyStart.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, start.length + 10_000L);
            OutputStream out = exchange.getResponseBody();
            out.write(start);
            out.flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        return HttpEndpoint.parse(
                "webhook 1", "http://127.0.0.1:" + server.getAddress().getPort() + "/hook", Map.of());
    }

    @Test
    void anErrorWhoseBodyCannotBeReadIsStillAnError() {
        // The status line came, then the connection was reset: the body's read fails.
        InputStream broken = new InputStream() {
            @Override
            public int available() {
                return 1;
            }

            @Override
            public int read() throws IOException {
                throw new IOException("closed");
            }
        };
        HttpEndpoint receiver = HttpEndpoint.parse("webhook 1", "http://127.0.0.1:9/hook", Map.of());

        assertThatThrownBy(() -> JsonPoster.judge(receiver, 502, broken))
                .isInstanceOf(JsonPoster.ReceiverException.class)
                .hasMessageContaining("HTTP 502");
    }

    @Test
    void aClientErrorIsARefusalForGoodExceptTimeoutTooEarlyAndTooManyRequests() {
        HttpEndpoint receiver = HttpEndpoint.parse("webhook 1", "http://127.0.0.1:9/hook", Map.of());
        for (int status : new int[] {400, 401, 403, 404, 410, 413, 422}) {
            assertThat(refusal(receiver, status).forGood())
                    .as("HTTP %d", status)
                    .isTrue();
        }
        for (int status : new int[] {408, 425, 429, 500, 502, 503, 302}) {
            assertThat(refusal(receiver, status).forGood())
                    .as("HTTP %d", status)
                    .isFalse();
        }
    }

    private static JsonPoster.ReceiverException refusal(HttpEndpoint receiver, int status) {
        try {
            JsonPoster.judge(receiver, status, InputStream.nullInputStream());
        } catch (JsonPoster.ReceiverException e) {
            return e;
        }
        throw new AssertionError("HTTP " + status + " judged accepted");
    }

    @Test
    void aSuccessWhoseBodyStallsIsDelivered() throws Exception {
        HttpEndpoint receiver = stallingReceiver(200, "{\"ok\":");
        JsonPoster poster = new JsonPoster();
        URI target = receiver.uri();

        assertTimeoutPreemptively(
                HANG_GUARD, () -> poster.post(receiver, target, "{}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anErrorWhoseBodyStallsIsReportedWithWhatCame() throws Exception {
        HttpEndpoint receiver = stallingReceiver(503, "upstream busy");
        JsonPoster poster = new JsonPoster();
        URI target = receiver.uri();

        assertTimeoutPreemptively(
                HANG_GUARD,
                () -> assertThatThrownBy(() -> poster.post(receiver, target, "{}".getBytes(StandardCharsets.UTF_8)))
                        .isInstanceOf(JsonPoster.ReceiverException.class)
                        .hasMessageContaining("HTTP 503 upstream busy"));
        assertThat(receiver.redacted()).doesNotContain("hook");
    }
}
