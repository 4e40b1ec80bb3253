package io.cellwatch.streams.query;

import io.cellwatch.model.CycleSummary;
import java.util.function.Function;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Appends every record a topology branch publishes (a cycle summary, an alert event) to its
 * channel's history in a history store, keeping the newest {@code maxPerChannel}. It sits on the
 * stream beside the sink, so under exactly-once the history and the topic commit together.
 *
 * @param <V> what the history holds
 */
final class HistoryProcessor<V> implements Processor<String, V, Void, Void> {
    private final String storeName;
    private final Function<V, String> channelOf;
    private final long maxPerChannel;
    private KeyValueStore<Bytes, V> history;

    HistoryProcessor(String storeName, Function<V, String> channelOf, long maxPerChannel) {
        this.storeName = storeName;
        this.channelOf = channelOf;
        this.maxPerChannel = maxPerChannel;
    }

    /** The cycle history: every closed cycle, newest {@code maxCyclesPerChannel} kept. */
    static HistoryProcessor<CycleSummary> cycles(long maxCyclesPerChannel) {
        return new HistoryProcessor<>(QueryStores.CYCLE_HISTORY_STORE, CycleSummary::channelId, maxCyclesPerChannel);
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        history = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, V> record) {
        V value = record.value();
        if (value == null) {
            return;
        }
        String channelId = channelOf.apply(value);
        long position = nextPosition(channelId);
        history.put(HistoryKey.of(channelId, position), value);
        if (position >= maxPerChannel) {
            history.delete(HistoryKey.of(channelId, position - maxPerChannel));
        }
    }

    private long nextPosition(String channelId) {
        try (KeyValueIterator<Bytes, V> newest =
                history.reverseRange(HistoryKey.first(channelId), HistoryKey.last(channelId))) {
            if (!newest.hasNext()) {
                return 0;
            }
            KeyValue<Bytes, V> last = newest.next();
            return HistoryKey.position(last.key) + 1;
        }
    }
}
