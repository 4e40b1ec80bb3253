package io.cellwatch.streams.topology;

import io.cellwatch.model.ChannelInfo;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;

/**
 * Looks up a channel's metadata in the global channels table; a channel nobody described yet gets
 * the defaults (a full cell, CE = Qd/Qc), so samples are never held back waiting for metadata.
 */
final class ChannelDirectory {
    private final TimestampedKeyValueStore<String, ChannelInfo> store;

    ChannelDirectory(ProcessorContext<?, ?> context) {
        this.store = context.getStateStore(CellwatchTopology.CHANNEL_INFO_STORE);
    }

    ChannelInfo lookup(String channelId) {
        ValueAndTimestamp<ChannelInfo> found = store.get(channelId);
        return found == null || found.value() == null ? ChannelInfo.defaultsFor(channelId) : found.value();
    }
}
