package io.cellwatch.streams.query;

import io.cellwatch.model.CycleSummary;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Appends every cycle summary the topology publishes to its channel's history in the cycle-history
 * store, keeping the newest {@code maxCyclesPerChannel}. It sits on the cycles stream beside the
 * sink, so under exactly-once the history and the cycles topic commit together.
 */
final class CycleHistoryProcessor implements Processor<String, CycleSummary, Void, Void> {
    private final long maxCyclesPerChannel;
    private KeyValueStore<Bytes, CycleSummary> history;

    CycleHistoryProcessor(long maxCyclesPerChannel) {
        this.maxCyclesPerChannel = maxCyclesPerChannel;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        history = context.getStateStore(QueryStores.CYCLE_HISTORY_STORE);
    }

    @Override
    public void process(Record<String, CycleSummary> record) {
        CycleSummary cycle = record.value();
        if (cycle == null) {
            return;
        }
        String channelId = cycle.channelId();
        long position = nextPosition(channelId);
        history.put(HistoryKey.of(channelId, position), cycle);
        if (position >= maxCyclesPerChannel) {
            history.delete(HistoryKey.of(channelId, position - maxCyclesPerChannel));
        }
    }

    private long nextPosition(String channelId) {
        try (KeyValueIterator<Bytes, CycleSummary> newest =
                history.reverseRange(HistoryKey.first(channelId), HistoryKey.last(channelId))) {
            if (!newest.hasNext()) {
                return 0;
            }
            KeyValue<Bytes, CycleSummary> last = newest.next();
            return HistoryKey.position(last.key) + 1;
        }
    }
}
