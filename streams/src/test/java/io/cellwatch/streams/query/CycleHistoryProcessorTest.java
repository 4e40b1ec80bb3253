package io.cellwatch.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.WireSerdes;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class CycleHistoryProcessorTest {

    @Test
    void keepsTheNewestCyclesOfEachChannelAndRepeatedCycleIndicesStayDistinct() {
        KeyValueStore<Bytes, CycleSummary> store = Stores.keyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(QueryStores.CYCLE_HISTORY_STORE),
                        Serdes.Bytes(),
                        WireSerdes.cycleSummary())
                .withLoggingDisabled()
                .build();
        MockProcessorContext<Void, Void> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        HistoryProcessor<CycleSummary> processor = HistoryProcessor.cycles(5);
        processor.init(context);

        List<CycleSummary> sent = new ArrayList<>();
        // A test restarted on the cycler: cycle indices 1..4 then 1..4 again.
        for (int index : new int[] {1, 2, 3, 4, 1, 2, 3, 4}) {
            CycleSummary cycle = CycleCsvTest.cycle(index, 1e-3 * (sent.size() + 1), 1e-3, 0.99);
            sent.add(cycle);
            processor.process(new Record<>("li-in", cycle, 0L));
        }
        processor.process(new Record<>("other", CycleCsvTest.cycle("other", 7, 1e-3, 1e-3, 1.0), 0L));

        List<CycleSummary> kept = new ArrayList<>();
        try (KeyValueIterator<Bytes, CycleSummary> it =
                store.range(HistoryKey.first("li-in"), HistoryKey.last("li-in"))) {
            it.forEachRemaining(kv -> kept.add(kv.value));
        }
        assertThat(kept).containsExactlyElementsOf(sent.subList(3, 8));
        assertThat(store.approximateNumEntries()).isEqualTo(6);
    }
}
