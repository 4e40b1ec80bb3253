package io.cellwatch.streams.topology;

import io.cellwatch.model.ChannelInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Looks up a channel's metadata in the global channels table; a channel nobody described yet gets
 * the defaults (a full cell, CE = Qd/Qc), so samples are never held back waiting for metadata.
 *
 * <p>A lookup is remembered for a second. Every sample needs its channel's metadata, and reading
 * the global store decodes the record each time (a tenth of a stream thread's time when measured);
 * metadata changes a few times in a test's life, and the global table itself is updated
 * asynchronously, so a second's delay changes nothing a user could notice.
 */
final class ChannelDirectory {
    static final long REFRESH_NANOS = 1_000_000_000L;

    private final TimestampedKeyValueStore<String, ChannelInfo> store;
    private final LongSupplier nanoClock;
    private final Map<String, Remembered> remembered = new HashMap<>();

    private record Remembered(ChannelInfo info, long readAtNanos) {}

    ChannelDirectory(ProcessorContext<?, ?> context) {
        this(context.getStateStore(CellwatchTopology.CHANNEL_INFO_STORE), System::nanoTime);
    }

    ChannelDirectory(TimestampedKeyValueStore<String, ChannelInfo> store, LongSupplier nanoClock) {
        this.store = store;
        this.nanoClock = nanoClock;
    }

    ChannelInfo lookup(String channelId) {
        long now = nanoClock.getAsLong();
        Remembered known = remembered.get(channelId);
        if (known != null && now - known.readAtNanos() < REFRESH_NANOS) {
            return known.info();
        }
        ValueAndTimestamp<ChannelInfo> found = store.get(channelId);
        ChannelInfo info = found == null || found.value() == null ? ChannelInfo.defaultsFor(channelId) : found.value();
        remembered.put(channelId, new Remembered(info, now));
        return info;
    }
}
