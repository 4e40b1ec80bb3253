package io.cellwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.TestProtocol;
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
    private final AtomicLong clock = new AtomicLong();

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

    private final ChannelDirectory directory = new ChannelDirectory(store, clock::get);

    @Test
    void unknownChannelsGetTheDefaultsAndMetadataChangesShowWithinASecond() {
        assertThat(directory.lookup("sym")).isEqualTo(ChannelInfo.defaultsFor("sym"));

        ChannelInfo symmetric = new ChannelInfo(
                1,
                "sym",
                CellType.SYMMETRIC,
                "Li|LLZO|Li",
                1.0,
                null,
                null,
                TestProtocol.CYCLING,
                CeConvention.DISCHARGE_OVER_CHARGE);
        table.put("sym", symmetric);
        clock.addAndGet(ChannelDirectory.REFRESH_NANOS / 2);
        assertThat(directory.lookup("sym").cellType())
                .as("remembered for a second")
                .isEqualTo(CellType.FULL);
        clock.addAndGet(ChannelDirectory.REFRESH_NANOS);
        assertThat(directory.lookup("sym")).isEqualTo(symmetric);
    }

    @Test
    void aChannelsMetadataIsReadOncePerSecondNotPerSample() {
        for (int sample = 0; sample < 2000; sample++) { // two seconds of samples
            directory.lookup("ch-1");
            directory.lookup("ch-2");
            clock.addAndGet(1_000_000); // 1 ms between samples
        }
        assertThat(reads.get()).isEqualTo(2 * 2); // each channel: read at 0 s, refreshed at 1 s
    }
}
