package io.cellwatch.streams.query;

import com.sun.net.httpserver.HttpExchange;
import io.cellwatch.streams.http.HttpApi;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the other instances of the application: a channel's question goes to the instance that owns
 * the channel, and its answer is relayed as it came; a fleet question collects every peer's share.
 * Forwarded requests carry {@link #FORWARDED_HEADER}, so a peer answers from its own stores and
 * never forwards again, and the caller's {@code Authorization}: every instance of a deployment has
 * the same web config, so who may ask one may ask all. Over TLS when the instances serve TLS.
 *
 * <p>At most {@code maxWaiting} requests wait on peers at once; one more is answered 503 at once
 * ({@link PeerUnavailable}): the HTTP threads it would hold also serve the scrape and the health
 * probe. A fleet question asks every peer at once and waits for the slowest, not for their sum.
 */
final class PeerClient {
    private static final Logger LOG = LoggerFactory.getLogger(PeerClient.class);
    /** Marks a request one instance sent another: it is answered from local stores, never forwarded again. */
    static final String FORWARDED_HEADER = "X-Cellwatch-Forwarded";

    private final HttpClient client;
    private final String scheme;
    private final Duration peerTimeout = Duration.ofSeconds(10);
    private final Semaphore waiting;

    /**
     * @param scheme     {@code http} or {@code https}, as this instance serves (its peers serve the same)
     * @param tls        how to trust the peers' certificates over https, else null
     * @param maxWaiting how many requests may wait on peers at once
     */
    PeerClient(String scheme, SSLContext tls, int maxWaiting) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.client = builder.build();
        this.scheme = scheme;
        this.waiting = new Semaphore(maxWaiting);
    }

    /** A peer that could not be reached or gave no usable answer: 502. */
    static class PeerException extends RuntimeException {
        PeerException(String message) {
            super(message);
        }
    }

    /** Not now: a peer is rebalancing (it said 503), or enough requests already wait on peers. 503, Retry-After. */
    static final class PeerUnavailable extends PeerException {
        PeerUnavailable(String message) {
            super(message);
        }
    }

    private record PeerResponse(int status, String contentType, String body) {}

    static boolean isForwarded(HttpExchange exchange) {
        return exchange.getRequestHeaders().containsKey(FORWARDED_HEADER);
    }

    /** Asks {@code owner} the question of {@code exchange} and answers with what it said. */
    void relay(HttpExchange exchange, HostInfo owner) throws IOException {
        PeerResponse response = whileWaiting(() -> await(owner, send(owner, exchange)));
        if (response.status() == 503) {
            exchange.getResponseHeaders().set("Retry-After", "1");
        }
        HttpApi.respond(exchange, response.status(), response.contentType(), response.body());
    }

    /**
     * Every peer's answer to the question of {@code exchange}, each a JSON array, all asked at once; any
     * failure fails all (a peer rebalancing makes the whole answer 503, one unreachable 502).
     */
    List<String> gather(HttpExchange exchange, List<HostInfo> peers) {
        if (peers.isEmpty()) {
            return List.of();
        }
        return whileWaiting(() -> {
            List<CompletableFuture<HttpResponse<String>>> asked = new ArrayList<>();
            for (HostInfo peer : peers) {
                asked.add(send(peer, exchange));
            }
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < peers.size(); i++) {
                PeerResponse response = await(peers.get(i), asked.get(i));
                if (response.status() == 503) {
                    throw new PeerUnavailable("instance " + peers.get(i) + " is not ready: " + response.body());
                }
                if (response.status() != 200) {
                    throw new PeerException(
                            "instance " + peers.get(i) + " answered " + response.status() + ": " + response.body());
                }
                answers.add(response.body());
            }
            return answers;
        });
    }

    private <T> T whileWaiting(Supplier<T> work) {
        if (!waiting.tryAcquire()) {
            throw new PeerUnavailable("too many questions already wait on other instances");
        }
        try {
            return work.get();
        } finally {
            waiting.release();
        }
    }

    private CompletableFuture<HttpResponse<String>> send(HostInfo peer, HttpExchange exchange) {
        URI original = exchange.getRequestURI();
        URI target = URI.create(scheme + "://" + peer.host() + ":" + peer.port() + original.getRawPath()
                + (original.getRawQuery() == null ? "" : "?" + original.getRawQuery()));
        HttpRequest.Builder request =
                HttpRequest.newBuilder(target).timeout(peerTimeout).header(FORWARDED_HEADER, "1");
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return client.sendAsync(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private PeerResponse await(HostInfo peer, CompletableFuture<HttpResponse<String>> asked) {
        try {
            // The request's own timeout ends it; the connect timeout comes before that one starts.
            HttpResponse<String> response = asked.get(peerTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            String contentType = response.headers().firstValue("Content-Type").orElse(QueryJson.CONTENT_TYPE);
            return new PeerResponse(response.statusCode(), contentType, response.body());
        } catch (ExecutionException | TimeoutException e) {
            asked.cancel(true);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            LOG.warn("query forward to {} failed: {}", peer, String.valueOf(cause));
            throw new PeerException("instance " + peer + " could not be reached: " + cause);
        } catch (InterruptedException e) {
            asked.cancel(true);
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted while asking instance " + peer);
        }
    }
}
