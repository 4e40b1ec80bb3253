package io.cellwatch.streams.query;

import com.sun.net.httpserver.HttpExchange;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.WireCodec;
import io.cellwatch.streams.http.HttpApi;
import io.cellwatch.streams.http.Router;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

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
    private static final String CSV = "text/csv; charset=utf-8";

    private final LocalQueries local;
    private final QueryRouter owners;
    private final PeerClient peers = new PeerClient();
    private final Router router = new Router(QueryJson::error);

    public QueryApi(KafkaStreams streams, QueryRouter owners) {
        this.local = new LocalQueries(streams);
        this.owners = owners;
        router.get("/api/channels", guarded(this::channels))
                .get("/api/alerts", guarded(this::alerts))
                .get("/api/channels/{channel}", guarded(owned(this::channel)))
                .get("/api/channels/{channel}/cycles", guarded(owned((ex, id) -> cycles(ex, id, wantsCsv(ex)))))
                .get("/api/channels/{channel}/cycles.csv", guarded(owned((ex, id) -> cycles(ex, id, true))))
                .get("/api/channels/{channel}/alerts", guarded(owned(this::channelAlerts)));
    }

    /** Adds the {@code /api/} routes to {@code http}. */
    public void install(HttpApi http) {
        http.route("/api/", router);
    }

    private void channels(HttpExchange exchange, Map<String, String> path) throws IOException {
        fleet(exchange, () -> QueryJson.values(local.channels()));
    }

    private void alerts(HttpExchange exchange, Map<String, String> path) throws IOException {
        fleet(exchange, () -> QueryJson.records(local.activeAlerts(), WireCodec.ALERT));
    }

    private void channel(HttpExchange exchange, String channelId) throws IOException {
        Optional<ChannelState> state = local.channel(channelId);
        if (state.isEmpty()) {
            QueryJson.error(exchange, 404, "unknown channel: " + channelId);
        } else {
            QueryJson.respond(exchange, 200, state.get());
        }
    }

    private void cycles(HttpExchange exchange, String channelId, boolean csv) throws IOException {
        List<CycleSummary> cycles = local.cycleHistory(channelId);
        if (cycles.isEmpty() && local.channel(channelId).isEmpty()) {
            QueryJson.error(exchange, 404, "unknown channel: " + channelId);
        } else if (csv) {
            HttpApi.respond(exchange, 200, CSV, CycleCsv.write(cycles));
        } else {
            HttpApi.respond(exchange, 200, QueryJson.CONTENT_TYPE, cyclesJson(cycles));
        }
    }

    private void channelAlerts(HttpExchange exchange, String channelId) throws IOException {
        String json = QueryJson.array(QueryJson.records(local.activeAlerts(channelId), WireCodec.ALERT));
        HttpApi.respond(exchange, 200, QueryJson.CONTENT_TYPE, json);
    }

    /** The cycles exactly as the cycles topic encodes them. */
    static String cyclesJson(List<CycleSummary> cycles) {
        return QueryJson.array(QueryJson.records(cycles, WireCodec.CYCLE_SUMMARY));
    }

    /** A fleet-wide answer: this instance's items, then every peer's (unless a peer asked). */
    private void fleet(HttpExchange exchange, Supplier<QueryJson.Items> localItems) throws IOException {
        QueryJson.Items items = localItems.get();
        List<String> peerArrays = PeerClient.isForwarded(exchange) ? List.of() : peers.gather(exchange, owners.peers());
        HttpApi.respond(exchange, 200, QueryJson.CONTENT_TYPE, QueryJson.array(items, peerArrays));
    }

    /** A channel's question, answered here when this instance owns the channel, else by its owner. */
    private Router.Handler owned(ChannelHandler handler) {
        return (exchange, path) -> {
            String channelId = path.get("channel");
            if (!PeerClient.isForwarded(exchange)) {
                QueryRouter.Owner owner = owners.ownerOf(channelId);
                if (owner instanceof QueryRouter.Unknown) {
                    throw new InvalidStateStoreException("no instance owns channel " + channelId + " at the moment");
                }
                if (owner instanceof QueryRouter.Elsewhere elsewhere) {
                    peers.relay(exchange, elsewhere.host());
                    return;
                }
            }
            handler.handle(exchange, channelId);
        };
    }

    /** Turns "not queryable now" into 503 with Retry-After, and a failing peer into 502. */
    private static Router.Handler guarded(Router.Handler handler) {
        return (exchange, path) -> {
            try {
                handler.handle(exchange, path);
            } catch (InvalidStateStoreException | IllegalStateException e) {
                // IllegalStateException: Kafka Streams is not running (shutting down or failed).
                exchange.getResponseHeaders().set("Retry-After", "1");
                QueryJson.error(
                        exchange, 503, "stores not queryable right now (starting or rebalancing): " + e.getMessage());
            } catch (PeerClient.PeerException e) {
                QueryJson.error(exchange, 502, e.getMessage());
            }
        };
    }

    private static boolean wantsCsv(HttpExchange exchange) {
        String query =
                Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
        return Arrays.stream(query.split("&")).anyMatch(p -> p.equalsIgnoreCase("format=csv"));
    }

    @FunctionalInterface
    private interface ChannelHandler {
        void handle(HttpExchange exchange, String channelId) throws IOException;
    }
}
