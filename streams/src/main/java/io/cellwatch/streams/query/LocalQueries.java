package io.cellwatch.streams.query;

import io.cellwatch.model.Alert;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.streams.cycle.CycleState;
import io.cellwatch.streams.pipeline.PipelineState;
import io.cellwatch.streams.topology.CellwatchTopology;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads this instance's share of the stores (the channels of the partitions it runs). Routing a
 * question to the instance that owns a channel is {@link QueryRouter}'s job, not this class's.
 *
 * @throws InvalidStateStoreException from every method while the stores are not queryable
 *         (starting, rebalancing, restoring): ask again in a moment
 */
final class LocalQueries {
    private final KafkaStreams streams;
    private final RecentSamples recent;

    LocalQueries(KafkaStreams streams, RecentSamples recent) {
        this.streams = streams;
        this.recent = recent;
    }

    /** Unreadable states in a row after which the answer fails rather than look on. */
    private static final int MAX_UNREADABLE_IN_A_ROW = 10_000;

    /** The channel's closed cycles in the order they were published; empty when the channel is unknown here. */
    List<CycleSummary> cycleHistory(String channelId) {
        return published(history(), channelId);
    }

    /**
     * The channel's newest {@code limit} cycles, oldest first: read from the newest back, so a question for the
     * last few cycles of a channel with 20,000 reads those few, not the whole history.
     */
    List<CycleSummary> newestCycles(String channelId, int limit) {
        List<CycleSummary> newest = new ArrayList<>();
        try (KeyValueIterator<Bytes, CycleSummary> range =
                history().reverseRange(HistoryKey.first(channelId), HistoryKey.last(channelId))) {
            while (range.hasNext() && newest.size() < limit) {
                newest.add(range.next().value);
            }
        }
        Collections.reverse(newest);
        return newest;
    }

    /** The channel's alert events (firing, escalated, resolved) in the order they were published. */
    List<Alert> alertHistory(String channelId) {
        return published(alertHistoryStore(), channelId);
    }

    /** A channel's entries of a history store ({@link HistoryKey}), oldest first. */
    private static <V> List<V> published(ReadOnlyKeyValueStore<Bytes, V> store, String channelId) {
        List<V> values = new ArrayList<>();
        try (KeyValueIterator<Bytes, V> range = store.range(HistoryKey.first(channelId), HistoryKey.last(channelId))) {
            range.forEachRemaining(entry -> values.add(entry.value));
        }
        return values;
    }

    List<Alert> activeAlerts(String channelId) {
        ActiveAlerts found = activeAlertsStore().get(channelId);
        return found == null ? List.of() : found.firing();
    }

    List<Alert> activeAlerts() {
        List<Alert> all = new ArrayList<>();
        try (KeyValueIterator<String, ActiveAlerts> entries =
                activeAlertsStore().all()) {
            entries.forEachRemaining(entry -> all.addAll(entry.value.firing()));
        }
        return all;
    }

    Optional<ChannelState> channel(String channelId) {
        PipelineState pipeline;
        try {
            pipeline = pipelineStates().get(channelId);
        } catch (SerializationException unreadable) {
            return Optional.empty(); // as channels() leaves it out, until its next sample rewrites it
        }
        return pipeline == null || pipeline.sequence().ended()
                ? Optional.empty() // never seen, or its test ended by the operator
                : Optional.of(state(pipeline.cycle()));
    }

    List<ChannelState> channels() {
        List<ChannelState> states = new ArrayList<>();
        try (KeyValueIterator<String, PipelineState> all = pipelineStates().all()) {
            int unreadableInARow = 0;
            while (true) {
                PipelineState pipeline;
                try {
                    // hasNext() too: the composite store's iterator reads (and decodes) the next entry ahead.
                    if (!all.hasNext()) {
                        break;
                    }
                    pipeline = all.next().value;
                } catch (SerializationException unreadable) {
                    // One state this version cannot read (the pipeline starts that channel afresh at its next
                    // sample) must not take the whole fleet's answer down: left out until it is rewritten. The
                    // store's iterator has moved past it (bounded all the same, should one not move on).
                    if (++unreadableInARow > MAX_UNREADABLE_IN_A_ROW) {
                        throw unreadable;
                    }
                    continue;
                }
                unreadableInARow = 0;
                if (!pipeline.sequence().ended()) {
                    states.add(state(pipeline.cycle()));
                }
            }
        }
        return states;
    }

    private ChannelState state(CycleState cycle) {
        String channelId = cycle.channelId();
        ChannelInfo info = channelInfo().get(channelId);
        long kept = 0;
        CycleSummary last = null;
        try (KeyValueIterator<Bytes, CycleSummary> newest =
                history().reverseRange(HistoryKey.first(channelId), HistoryKey.last(channelId))) {
            if (newest.hasNext()) {
                KeyValue<Bytes, CycleSummary> entry = newest.next();
                last = entry.value;
                kept = Math.min(HistoryKey.position(entry.key) + 1, QueryStores.MAX_CYCLES_PER_CHANNEL);
            }
        }
        ChannelInfo known = info == null ? ChannelInfo.defaultsFor(channelId) : info;
        return ChannelState.of(
                cycle,
                known,
                activeAlerts(channelId),
                kept,
                last,
                // A symmetric cell passes the same charge both ways by protocol: it has no capacity to retain.
                known.cellType() == CellType.SYMMETRIC ? null : retention(channelId, last),
                recent.secondsSinceLastSample(channelId));
    }

    /** The last complete cycle's discharge over the largest of the first complete cycles' kept. */
    private Double retention(String channelId, CycleSummary last) {
        if (last == null || !last.complete()) {
            return null;
        }
        double reference = 0;
        int seen = 0;
        try (KeyValueIterator<Bytes, CycleSummary> oldest =
                history().range(HistoryKey.first(channelId), HistoryKey.last(channelId))) {
            while (oldest.hasNext() && seen < ChannelState.REFERENCE_CYCLES) {
                CycleSummary cycle = oldest.next().value;
                if (cycle.complete() && cycle.dischargeAh() > 0) {
                    reference = Math.max(reference, cycle.dischargeAh());
                    seen++;
                }
            }
        }
        return reference > 0 ? last.dischargeAh() / reference : null;
    }

    private ReadOnlyKeyValueStore<Bytes, CycleSummary> history() {
        return store(QueryStores.CYCLE_HISTORY_STORE);
    }

    private ReadOnlyKeyValueStore<String, ActiveAlerts> activeAlertsStore() {
        return store(QueryStores.ACTIVE_ALERTS_STORE);
    }

    private ReadOnlyKeyValueStore<Bytes, Alert> alertHistoryStore() {
        return store(QueryStores.ALERT_HISTORY_STORE);
    }

    private ReadOnlyKeyValueStore<String, PipelineState> pipelineStates() {
        return store(CellwatchTopology.PIPELINE_STATE_STORE);
    }

    private ReadOnlyKeyValueStore<String, ChannelInfo> channelInfo() {
        return store(CellwatchTopology.CHANNEL_INFO_STORE);
    }

    private <K, V> ReadOnlyKeyValueStore<K, V> store(String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore()));
    }
}
