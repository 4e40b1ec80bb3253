package io.cellwatch.streams.topology;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.WireSerdes;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compacted channels topic as a global store (every task can look up any channel's metadata),
 * counting its changes so {@link ChannelDirectory} knows when a remembered lookup is out of date.
 * The store is the one a global table would build (timestamped, named {@value
 * CellwatchTopology#CHANNEL_INFO_STORE}); a global table offers no hook for the count.
 */
final class ChannelTable {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelTable.class);
    private final AtomicLong changes = new AtomicLong();

    /** Adds the global store, fed by the channels topic, to {@code builder}. */
    void addTo(StreamsBuilder builder, TopicNames topics) {
        builder.addGlobalStore(
                Stores.timestampedKeyValueStoreBuilder(
                                Stores.persistentTimestampedKeyValueStore(CellwatchTopology.CHANNEL_INFO_STORE),
                                Serdes.String(),
                                WireSerdes.channelInfo())
                        .withLoggingDisabled(), // a global store's changelog is its source topic
                topics.channels(),
                Consumed.with(Serdes.String(), WireSerdes.channelInfo()).withName("channels-source"),
                Updater::new);
    }

    /** A directory over the store for one processor of a stream task. */
    ChannelDirectory directory(ProcessorContext<?, ?> context) {
        return new ChannelDirectory(context.getStateStore(CellwatchTopology.CHANNEL_INFO_STORE), changes::get);
    }

    /** Keeps the global store as the topic says, then counts the change. */
    private final class Updater implements Processor<String, ChannelInfo, Void, Void> {
        private TimestampedKeyValueStore<String, ChannelInfo> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(CellwatchTopology.CHANNEL_INFO_STORE);
        }

        @Override
        public void process(Record<String, ChannelInfo> record) {
            if (record.key() == null) {
                return; // not about any channel
            }
            if (record.value() != null && !record.value().channelId().equals(record.key())) {
                // Samples find their metadata by channel id: a record under another key would describe the wrong cell.
                LOG.warn(
                        "ignored channel metadata of {} published under the key {}",
                        record.value().channelId(),
                        record.key());
                return;
            }
            if (record.value() == null) {
                store.delete(record.key());
            } else {
                store.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
            }
            changes.incrementAndGet();
        }
    }
}
