package io.cellwatch.streams.query;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Removes a channel from the cycle history and the alert history once the operator ended its test
 * (the record's value names the channel). It comes after the channel's last cycle and alert events,
 * which went to the history stores first, so nothing of the channel is left there; its cycles and
 * alerts stay on the cycles and alerts topics. Without it, a lab whose channel ids turn over (one
 * per test) kept every old channel's 20,000 cycles and 500 alert events for as long as the
 * application ran, in its state, its restore time and {@code /api/channels}.
 */
final class ForgetEndedTests implements Processor<String, String, Void, Void> {
    private List<KeyValueStore<Bytes, ?>> histories;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        histories = List.of(
                context.getStateStore(QueryStores.CYCLE_HISTORY_STORE),
                context.getStateStore(QueryStores.ALERT_HISTORY_STORE));
    }

    @Override
    public void process(Record<String, String> record) {
        String channelId = record.value();
        if (channelId == null) {
            return;
        }
        for (KeyValueStore<Bytes, ?> history : histories) {
            List<Bytes> keys = new ArrayList<>();
            try (KeyValueIterator<Bytes, ?> all =
                    history.range(HistoryKey.first(channelId), HistoryKey.last(channelId))) {
                all.forEachRemaining(entry -> keys.add(entry.key));
            }
            keys.forEach(history::delete);
        }
    }
}
