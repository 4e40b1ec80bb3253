package io.cellwatch.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import io.cellwatch.streams.http.HttpApi;
import io.cellwatch.streams.metrics.CellwatchMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/** Questions for other instances: bounded in how many may wait, and a fleet's peers asked at once. */
class PeerClientTest {
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void aQuestionBeyondThoseAllowedToWaitOnPeersIsA503AtOnceAndTheScrapeIsStillServed() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (HttpApi slowPeer = start();
                HttpApi front = start()) {
            slowPeer.route("/api/", exchange -> {
                arrived.countDown();
                awaitQuietly(release, 60);
                HttpApi.respond(exchange, 200, QueryJson.CONTENT_TYPE, "[\"from the peer\"]");
            });
            PeerClient peers = new PeerClient("http", null, 1);
            HostInfo peer = new HostInfo("127.0.0.1", slowPeer.port());
            front.route("/api/", exchange -> relayOr503(peers, exchange, peer));

            CompletableFuture<HttpResponse<String>> first = client.sendAsync(get(front, "/api/first"), body());
            assertThat(arrived.await(30, TimeUnit.SECONDS)).isTrue();
            HttpResponse<String> second = client.send(get(front, "/api/second"), body());
            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(client.send(get(front, "/metrics"), body()).statusCode())
                    .as("the scrape while a question waits on the peer")
                    .isEqualTo(200);

            release.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS).body()).isEqualTo("[\"from the peer\"]");
            assertThat(client.send(get(front, "/api/third"), body()).statusCode())
                    .as("the waiting slot is given back")
                    .isEqualTo(200);
        }
    }

    @Test
    void aFleetQuestionAsksEveryPeerAtOnce() throws Exception {
        // Each peer answers only once both were asked: asked one after the other, the first would wait forever.
        CountDownLatch bothAsked = new CountDownLatch(2);
        try (HttpApi a = start();
                HttpApi b = start();
                HttpApi front = start()) {
            for (HttpApi peer : List.of(a, b)) {
                peer.route("/api/", exchange -> {
                    bothAsked.countDown();
                    if (awaitQuietly(bothAsked, 5)) {
                        HttpApi.respond(exchange, 200, QueryJson.CONTENT_TYPE, "[" + peer.port() + "]");
                    } else {
                        QueryJson.error(exchange, 504, "the other peer was never asked while this one waited");
                    }
                });
            }
            PeerClient peers = new PeerClient("http", null, 1);
            front.route("/api/", exchange -> {
                List<String> answers = peers.gather(
                        exchange, List.of(new HostInfo("127.0.0.1", a.port()), new HostInfo("127.0.0.1", b.port())));
                HttpApi.respond(exchange, 200, QueryJson.CONTENT_TYPE, String.join(",", answers));
            });
            assertThat(client.send(get(front, "/api/channels"), body()).body())
                    .isEqualTo("[" + a.port() + "],[" + b.port() + "]");
        }
    }

    private static void relayOr503(PeerClient peers, HttpExchange exchange, HostInfo peer) throws IOException {
        try {
            peers.relay(exchange, peer);
        } catch (PeerClient.PeerUnavailable e) {
            // what QueryApi's guard answers
            exchange.getResponseHeaders().set("Retry-After", "1");
            QueryJson.error(exchange, 503, e.getMessage());
        }
    }

    private static boolean awaitQuietly(CountDownLatch latch, int seconds) {
        try {
            return latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static HttpApi start() throws IOException {
        return HttpApi.start("127.0.0.1", 0, CellwatchMetrics.prometheusRegistry(), () -> true);
    }

    private static HttpRequest get(HttpApi api, String path) {
        // A bound, so that a question that should have been refused at once fails the test instead of hanging it.
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path))
                .timeout(Duration.ofSeconds(20))
                .build();
    }

    private static HttpResponse.BodyHandler<String> body() {
        return HttpResponse.BodyHandlers.ofString();
    }
}
