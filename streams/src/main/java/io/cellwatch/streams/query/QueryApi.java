package io.cellwatch.streams.query;

import com.sun.net.httpserver.HttpExchange;
import io.cellwatch.model.Alert;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.WireCodec;
import io.cellwatch.streams.http.HttpApi;
import io.cellwatch.streams.http.LivePage;
import io.cellwatch.streams.http.Router;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;

/**
 * The query API over Kafka Streams interactive queries, under {@code /api/}:
 *
 * <pre>
 *   GET /api/channels                      every channel and its state (all instances)
 *   GET /api/channels/{id}                 one channel's state
 *   GET /api/channels/{id}/cycles          its closed cycles, oldest first, as JSON (the cycles topic's records);
 *                                          ?limit=N: the newest N; ?format=csv: as CSV
 *   GET /api/channels/{id}/cycles.csv      the same as CSV (?limit=N)
 *   GET /api/channels/{id}/alerts          its alert episodes firing now
 *   GET /api/alerts                        every alert episode firing now (all instances)
 *   GET /api/channels/{id}/alerts/history  its alert events, resolved ones too, oldest first (newest 500 kept)
 *   GET /api/channels/{id}/recent          its voltage and current of the last hours, overpotential per
 *                                          half-cycle, seconds since its last sample (held in memory)
 * </pre>
 *
 * Any instance answers any question: a channel's question goes to the instance that owns the
 * channel's partition (forwarded over HTTP, once), a fleet question gathers every instance's share.
 * While Kafka Streams rebalances (here or on a peer asked), or while {@link HttpApi#PEER_WAITERS} questions already
 * wait on peers, the answer is 503 with {@code Retry-After}; an instance that cannot be reached makes a fleet
 * answer fail (502) rather than come back silently incomplete.
 * Inputs are checked first ({@link QueryInput}): a bad channel id, an unknown parameter or a bad
 * value is answered 400; every error is JSON with its status.
 */
public final class QueryApi {
    private static final String CSV = "text/csv; charset=utf-8";
    private static final Set<String> NONE = Set.of();
    private static final Set<String> CYCLES = Set.of("format", "limit");

    private final LocalQueries local;
    private final RecentSamples recent;
    private final QueryRouter owners;

    /** @param recent the recent samples the pipeline fed (the same object it reports to) */
    public QueryApi(KafkaStreams streams, QueryRouter owners, RecentSamples recent) {
        this.local = new LocalQueries(streams, recent);
        this.recent = recent;
        this.owners = owners;
    }

    /**
     * Adds the {@code /api/} routes, and the live page that reads them at {@code /}, to {@code http}.
     * Questions for other instances go out as {@code http} serves (over TLS, with the caller's
     * credentials, when it has a web config).
     */
    public void install(HttpApi http) {
        PeerClient peers = new PeerClient(http.scheme(), http.peerTls(), HttpApi.PEER_WAITERS);
        Router router = new Router(QueryJson::error)
                .get(
                        "/api/channels",
                        guarded(NONE, (ex, path) -> fleet(ex, peers, () -> QueryJson.values(local.channels()))))
                .get(
                        "/api/alerts",
                        guarded(
                                NONE,
                                (ex, path) -> fleet(
                                        ex, peers, () -> QueryJson.records(local.activeAlerts(), WireCodec.ALERT))))
                .get("/api/channels/{channel}", guarded(NONE, owned(peers, (ex, id, q) -> channel(ex, id))))
                .get(
                        "/api/channels/{channel}/cycles",
                        guarded(
                                CYCLES,
                                owned(peers, (ex, id, q) -> cycles(ex, id, QueryInput.csv(q), QueryInput.limit(q)))))
                .get(
                        "/api/channels/{channel}/cycles.csv",
                        guarded(
                                Set.of("limit"),
                                owned(peers, (ex, id, q) -> cycles(ex, id, true, QueryInput.limit(q)))))
                .get(
                        "/api/channels/{channel}/alerts",
                        guarded(NONE, owned(peers, (ex, id, q) -> channelAlerts(ex, id))))
                .get(
                        "/api/channels/{channel}/alerts/history",
                        guarded(NONE, owned(peers, (ex, id, q) -> alertHistory(ex, id))))
                .get(
                        "/api/channels/{channel}/recent",
                        guarded(NONE, owned(peers, (ex, id, q) -> recentSamples(ex, id))));
        http.route("/api/", router);
        LivePage.install(http);
    }

    private void channel(HttpExchange exchange, String channelId) throws IOException {
        Optional<ChannelState> state = local.channel(channelId);
        if (state.isEmpty()) {
            QueryJson.error(exchange, 404, "unknown channel: " + channelId);
        } else {
            QueryJson.respond(exchange, 200, state.get());
        }
    }

    private void cycles(HttpExchange exchange, String channelId, boolean csv, OptionalInt limit) throws IOException {
        List<CycleSummary> cycles =
                limit.isPresent() ? local.newestCycles(channelId, limit.getAsInt()) : local.cycleHistory(channelId);
        if (cycles.isEmpty() && local.channel(channelId).isEmpty()) {
            QueryJson.error(exchange, 404, "unknown channel: " + channelId);
            return;
        }
        if (csv) {
            HttpApi.respond(exchange, 200, CSV, CycleCsv.write(cycles));
        } else {
            HttpApi.respond(exchange, 200, QueryJson.CONTENT_TYPE, cyclesJson(cycles));
        }
    }

    private void channelAlerts(HttpExchange exchange, String channelId) throws IOException {
        alerts(exchange, channelId, local.activeAlerts(channelId));
    }

    private void alertHistory(HttpExchange exchange, String channelId) throws IOException {
        alerts(exchange, channelId, local.alertHistory(channelId));
    }

    /** A channel's alerts; an unknown channel is 404, as for its other resources, not an empty list. */
    private void alerts(HttpExchange exchange, String channelId, List<Alert> alerts) throws IOException {
        if (alerts.isEmpty() && local.channel(channelId).isEmpty()) {
            QueryJson.error(exchange, 404, "unknown channel: " + channelId);
            return;
        }
        HttpApi.respond(
                exchange, 200, QueryJson.CONTENT_TYPE, QueryJson.array(QueryJson.records(alerts, WireCodec.ALERT)));
    }

    private void recentSamples(HttpExchange exchange, String channelId) throws IOException {
        Optional<ChannelTrace.Snapshot> trace = recent.of(channelId);
        if (trace.isEmpty() && local.channel(channelId).isEmpty()) {
            QueryJson.error(exchange, 404, "unknown channel: " + channelId);
        } else {
            QueryJson.respond(exchange, 200, trace.orElse(new ChannelTrace.Snapshot(List.of(), List.of(), null)));
        }
    }

    /** The cycles exactly as the cycles topic encodes them. */
    static String cyclesJson(List<CycleSummary> cycles) {
        return QueryJson.array(QueryJson.records(cycles, WireCodec.CYCLE_SUMMARY));
    }

    /** A fleet-wide answer: this instance's items, then every peer's (unless a peer asked). */
    private void fleet(HttpExchange exchange, PeerClient peers, Supplier<QueryJson.Items> localItems)
            throws IOException {
        QueryJson.Items items = localItems.get();
        List<String> peerArrays = PeerClient.isForwarded(exchange) ? List.of() : peers.gather(exchange, owners.peers());
        HttpApi.respond(exchange, 200, QueryJson.CONTENT_TYPE, QueryJson.array(items, peerArrays));
    }

    /** A channel's question, answered here when this instance owns the channel, else by its owner. */
    private Router.Handler owned(PeerClient peers, ChannelHandler handler) {
        return (exchange, path) -> {
            String channelId = QueryInput.channelId(path.get("channel"));
            Map<String, String> query = QueryInput.parameters(exchange, ALL);
            QueryRouter.Owner owner = owners.ownerOf(channelId);
            if (!PeerClient.isForwarded(exchange)) {
                if (owner instanceof QueryRouter.Unknown) {
                    throw new InvalidStateStoreException("no instance owns channel " + channelId + " at the moment");
                }
                if (owner instanceof QueryRouter.Elsewhere elsewhere) {
                    peers.relay(exchange, elsewhere.host());
                    return;
                }
            } else if (!(owner instanceof QueryRouter.Here)) {
                // Asked by a peer whose view of the assignment is older than this one's (the channel moved in a
                // rebalance): answered from here it would be "unknown channel", or a state left behind. 503: the
                // asker tries again once its view is current.
                throw new InvalidStateStoreException("channel " + channelId + " is not owned here (any more)");
            }
            handler.handle(exchange, channelId, query);
        };
    }

    /** Every parameter any route takes; {@link #guarded} has already refused those a route does not. */
    private static final Set<String> ALL = CYCLES;

    /**
     * Refuses parameters the route does not take and malformed input (400), turns "not queryable now"
     * (here, on a peer, or too many waiting on peers) into 503 with Retry-After, and a failing peer into 502.
     */
    private static Router.Handler guarded(Set<String> parameters, Router.Handler handler) {
        return (exchange, path) -> {
            try {
                if (exchange.getRequestURI().getRawPath().length()
                                + 1
                                + String.valueOf(exchange.getRequestURI().getRawQuery())
                                        .length()
                        > QueryInput.MAX_URI) {
                    QueryJson.error(exchange, 414, "request URI longer than " + QueryInput.MAX_URI + " characters");
                    return;
                }
                QueryInput.parameters(exchange, parameters);
                handler.handle(exchange, path);
            } catch (QueryInput.BadRequest e) {
                QueryJson.error(exchange, 400, e.getMessage());
            } catch (InvalidStateStoreException | IllegalStateException e) {
                // IllegalStateException: Kafka Streams is not running (shutting down or failed).
                exchange.getResponseHeaders().set("Retry-After", "1");
                QueryJson.error(
                        exchange, 503, "stores not queryable right now (starting or rebalancing): " + e.getMessage());
            } catch (PeerClient.PeerUnavailable e) {
                exchange.getResponseHeaders().set("Retry-After", "1");
                QueryJson.error(exchange, 503, e.getMessage());
            } catch (PeerClient.PeerException e) {
                QueryJson.error(exchange, 502, e.getMessage());
            }
        };
    }

    @FunctionalInterface
    private interface ChannelHandler {
        void handle(HttpExchange exchange, String channelId, Map<String, String> query) throws IOException;
    }
}
