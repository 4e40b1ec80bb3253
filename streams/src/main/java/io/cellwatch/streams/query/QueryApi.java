package io.cellwatch.streams.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import io.cellwatch.model.Alert;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.WireCodec;
import io.cellwatch.streams.http.HttpApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query API over Kafka Streams interactive queries, under {@code /api/}:
 *
 * <pre>
 *   GET /api/channels                      every channel and its state (all instances)
 *   GET /api/channels/{id}                 one channel's state
 *   GET /api/channels/{id}/cycles          its closed cycles, oldest first, as JSON (the cycles topic's records)
 *   GET /api/channels/{id}/cycles.csv      the same as CSV (also ?format=csv)
 *   GET /api/channels/{id}/alerts          its alert episodes firing now
 *   GET /api/alerts                        every alert episode firing now (all instances)
 * </pre>
 *
 * Any instance answers any question: a channel's question goes to the instance that owns the
 * channel's partition (forwarded over HTTP, once), a fleet question gathers every instance's share.
 * While Kafka Streams rebalances, the answer is 503 with {@code Retry-After}; an instance that
 * cannot be reached makes a fleet answer fail (502) rather than come back silently incomplete.
 */
public final class QueryApi {
    private static final Logger LOG = LoggerFactory.getLogger(QueryApi.class);
    /** Marks a request one instance sent another: it is answered from local stores, never forwarded again. */
    static final String FORWARDED_HEADER = "X-Cellwatch-Forwarded";

    private static final String JSON = "application/json; charset=utf-8";
    private static final String CSV = "text/csv; charset=utf-8";
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private final LocalQueries local;
    private final QueryRouter router;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Duration peerTimeout = Duration.ofSeconds(10);

    public QueryApi(KafkaStreams streams, QueryRouter router) {
        this.local = new LocalQueries(streams);
        this.router = router;
    }

    /** Adds the {@code /api/} routes to {@code http}. */
    public void install(HttpApi http) {
        http.route("/api/", this::handle);
    }

    void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("GET")) {
            error(exchange, 405, "only GET is supported");
            return;
        }
        List<String> path = segments(exchange.getRequestURI().getRawPath());
        String query =
                Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        boolean forwarded = exchange.getRequestHeaders().containsKey(FORWARDED_HEADER);
        try {
            if (path.equals(List.of("api", "channels"))) {
                fleet(exchange, forwarded, () -> json(local.channels()));
            } else if (path.equals(List.of("api", "alerts"))) {
                fleet(exchange, forwarded, () -> alertsJson(local.activeAlerts()));
            } else if (path.size() >= 3
                    && path.size() <= 4
                    && path.get(0).equals("api")
                    && path.get(1).equals("channels")) {
                channel(exchange, path.get(2), path.size() == 4 ? path.get(3) : "", query, forwarded);
            } else {
                error(
                        exchange,
                        404,
                        "no such resource: " + exchange.getRequestURI().getPath());
            }
        } catch (InvalidStateStoreException | IllegalStateException e) {
            // IllegalStateException: Kafka Streams is not running (shutting down or failed).
            exchange.getResponseHeaders().set("Retry-After", "1");
            error(exchange, 503, "stores not queryable right now (starting or rebalancing): " + e.getMessage());
        } catch (PeerException e) {
            error(exchange, 502, e.getMessage());
        }
    }

    private void channel(HttpExchange exchange, String channelId, String resource, String query, boolean forwarded)
            throws IOException {
        if (!forwarded) {
            QueryRouter.Owner owner = router.ownerOf(channelId);
            if (owner instanceof QueryRouter.Unknown) {
                throw new InvalidStateStoreException("no instance owns channel " + channelId + " at the moment");
            }
            if (owner instanceof QueryRouter.Elsewhere elsewhere) {
                relay(exchange, forward(elsewhere.host(), exchange.getRequestURI()));
                return;
            }
        }
        boolean csv = resource.equals("cycles.csv") || (resource.equals("cycles") && wantsCsv(query));
        switch (resource) {
            case "" -> {
                Optional<ChannelState> state = local.channel(channelId);
                if (state.isEmpty()) {
                    error(exchange, 404, "unknown channel: " + channelId);
                } else {
                    HttpApi.respond(exchange, 200, JSON, json(state.get()));
                }
            }
            case "cycles", "cycles.csv" -> {
                List<CycleSummary> cycles = local.cycleHistory(channelId);
                if (cycles.isEmpty() && local.channel(channelId).isEmpty()) {
                    error(exchange, 404, "unknown channel: " + channelId);
                } else if (csv) {
                    HttpApi.respond(exchange, 200, CSV, CycleCsv.write(cycles));
                } else {
                    HttpApi.respond(exchange, 200, JSON, cyclesJson(cycles));
                }
            }
            case "alerts" -> HttpApi.respond(exchange, 200, JSON, alertsJson(local.activeAlerts(channelId)));
            default ->
                error(
                        exchange,
                        404,
                        "no such resource: " + exchange.getRequestURI().getPath());
        }
    }

    /** A fleet-wide answer: this instance's array merged with every peer's local array. */
    private void fleet(HttpExchange exchange, boolean forwarded, JsonSupplier localAnswer) throws IOException {
        ArrayNode merged = (ArrayNode) MAPPER.readTree(localAnswer.get());
        if (!forwarded) {
            for (HostInfo peer : router.peers()) {
                PeerResponse response = forward(peer, exchange.getRequestURI());
                if (response.status() != 200) {
                    throw new PeerException(
                            "instance " + peer + " answered " + response.status() + ": " + response.body());
                }
                for (JsonNode item : MAPPER.readTree(response.body())) {
                    merged.add(item);
                }
            }
        }
        HttpApi.respond(exchange, 200, JSON, MAPPER.writeValueAsString(merged));
    }

    private PeerResponse forward(HostInfo peer, URI original) {
        URI target = URI.create("http://" + peer.host() + ":" + peer.port() + original.getRawPath()
                + (original.getRawQuery() == null ? "" : "?" + original.getRawQuery()));
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(peerTimeout)
                .header(FORWARDED_HEADER, "1")
                .GET()
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse(JSON);
            return new PeerResponse(response.statusCode(), contentType, response.body());
        } catch (IOException e) {
            LOG.warn("query forward to {} failed: {}", target, e.toString());
            throw new PeerException("instance " + peer + " could not be reached: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerException("interrupted while asking instance " + peer);
        }
    }

    private static void relay(HttpExchange exchange, PeerResponse response) throws IOException {
        if (response.status() == 503) {
            exchange.getResponseHeaders().set("Retry-After", "1");
        }
        HttpApi.respond(exchange, response.status(), response.contentType(), response.body());
    }

    private static boolean wantsCsv(String rawQuery) {
        return Arrays.stream(rawQuery.split("&")).anyMatch(p -> p.equalsIgnoreCase("format=csv"));
    }

    /** Path segments, percent-decoded ({@code +} stays a plus: channel ids may contain one). */
    static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }

    /** The cycles exactly as the cycles topic encodes them. */
    static String cyclesJson(List<CycleSummary> cycles) {
        return cycles.stream().map(WireCodec.CYCLE_SUMMARY::toJson).collect(Collectors.joining(",", "[", "]"));
    }

    static String alertsJson(List<Alert> alerts) {
        return alerts.stream().map(WireCodec.ALERT::toJson).collect(Collectors.joining(",", "[", "]"));
    }

    private static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void error(HttpExchange exchange, int status, String message) throws IOException {
        HttpApi.respond(exchange, status, JSON, json(java.util.Map.of("error", message)));
    }

    @FunctionalInterface
    private interface JsonSupplier {
        String get();
    }

    private record PeerResponse(int status, String contentType, String body) {}

    private static final class PeerException extends RuntimeException {
        PeerException(String message) {
            super(message);
        }
    }
}
