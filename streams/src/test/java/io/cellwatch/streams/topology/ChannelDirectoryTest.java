package io.cellwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.streams.testing.TestChannels;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;

class ChannelDirectoryTest {
    private final Map<String, ChannelInfo> table = new HashMap<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong tableChanges = new AtomicLong();

    @SuppressWarnings("unchecked")
    private final TimestampedKeyValueStore<String, ChannelInfo> store =
            (TimestampedKeyValueStore<String, ChannelInfo>) Proxy.newProxyInstance(
                    getClass().getClassLoader(),
                    new Class<?>[] {TimestampedKeyValueStore.class},
                    (proxy, method, args) -> {
                        if (!method.getName().equals("get")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        reads.incrementAndGet();
                        ChannelInfo info = table.get((String) args[0]);
                        return info == null ? null : ValueAndTimestamp.make(info, 0L);
                    });

    private final ChannelDirectory directory = new ChannelDirectory(store, tableChanges::get);

    @Test
    void unknownChannelsGetTheDefaultsAndMetadataChangesShowOnceTheTableCountsThem() {
        assertThat(directory.lookup("sym")).isEqualTo(ChannelInfo.defaultsFor("sym"));

        ChannelInfo symmetric = TestChannels.symmetric("sym", "Li|LLZO|Li");
        table.put("sym", symmetric);
        assertThat(directory.lookup("sym").cellType())
                .as("remembered while the table has not counted a change")
                .isEqualTo(CellType.FULL);
        tableChanges.incrementAndGet();
        assertThat(directory.lookup("sym")).isEqualTo(symmetric);
    }

    @Test
    void aChannelsMetadataIsReadOncePerTableChangeNotPerSample() {
        for (int sample = 0; sample < 2000; sample++) {
            directory.lookup("ch-1");
            directory.lookup("ch-2");
            if (sample == 1000) {
                tableChanges.incrementAndGet(); // some channel's metadata was published
            }
        }
        assertThat(reads.get()).isEqualTo(2 * 2); // each channel: read at the first sample, again after the change
    }
}
