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
 */
final class PeerClient {
    private static final Logger LOG = LoggerFactory.getLogger(PeerClient.class);
    /** Marks a request one instance sent another: it is answered from local stores, never forwarded again. */
    static final String FORWARDED_HEADER = "X-Cellwatch-Forwarded";

    private final HttpClient client;
    private final String scheme;
    private final Duration peerTimeout = Duration.ofSeconds(10);

    /**
     * @param scheme {@code http} or {@code https}, as this instance serves (its peers serve the same)
     * @param tls    how to trust the peers' certificates over https, else null
     */
    PeerClient(String scheme, SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            builder.sslContext(tls);
        }
        this.client = builder.build();
        this.scheme = scheme;
    }

    /** A peer that could not be reached or gave no usable answer. */
    static final class PeerException extends RuntimeException {
        PeerException(String message) {
            super(message);
        }
    }

    private record PeerResponse(int status, String contentType, String body) {}

    static boolean isForwarded(HttpExchange exchange) {
        return exchange.getRequestHeaders().containsKey(FORWARDED_HEADER);
    }

    /** Asks {@code owner} the question of {@code exchange} and answers with what it said. */
    void relay(HttpExchange exchange, HostInfo owner) throws IOException {
        PeerResponse response = forward(owner, exchange);
        if (response.status() == 503) {
            exchange.getResponseHeaders().set("Retry-After", "1");
        }
        HttpApi.respond(exchange, response.status(), response.contentType(), response.body());
    }

    /** Every peer's answer to the question of {@code exchange}, each a JSON array; any failure fails all. */
    List<String> gather(HttpExchange exchange, List<HostInfo> peers) {
        List<String> answers = new ArrayList<>();
        for (HostInfo peer : peers) {
            PeerResponse response = forward(peer, exchange);
            if (response.status() != 200) {
                throw new PeerException("instance " + peer + " answered " + response.status() + ": " + response.body());
            }
            answers.add(response.body());
        }
        return answers;
    }

    private PeerResponse forward(HostInfo peer, HttpExchange exchange) {
        URI original = exchange.getRequestURI();
        URI target = URI.create(scheme + "://" + peer.host() + ":" + peer.port() + original.getRawPath()
                + (original.getRawQuery() == null ? "" : "?" + original.getRawQuery()));
        HttpRequest.Builder request =
                HttpRequest.newBuilder(target).timeout(peerTimeout).header(FORWARDED_HEADER, "1");
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse(QueryJson.CONTENT_TYPE);
            return new PeerResponse(response.statusCode(), contentType, response.body());
        } catch (IOException e) {
            LOG.warn("query forward to {} failed: {}", target, e.toString());
            throw new PeerException("instance " + peer + " could not be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted while asking instance " + peer);
        }
    }
}
