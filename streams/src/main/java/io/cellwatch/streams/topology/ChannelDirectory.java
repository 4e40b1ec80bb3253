package io.cellwatch.streams.topology;

import io.cellwatch.model.ChannelInfo;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Looks up a channel's metadata in the global channels table; a channel nobody described yet gets
 * the defaults (a full cell, CE = Qd/Qc), so samples are never held back waiting for metadata.
 *
 * <p>A lookup is remembered until the table changes. Every sample needs its channel's metadata, and
 * reading the global store decodes the record each time (a tenth of a stream thread's time when
 * measured), while metadata changes a few times in a test's life. The table counts its changes
 * ({@link ChannelTable}); a remembered lookup older than the last change is read again. Nothing here
 * depends on the wall clock, so a sample meets exactly the metadata the table holds when it is
 * processed, as in {@code replay}.
 */
final class ChannelDirectory {
    private final TimestampedKeyValueStore<String, ChannelInfo> store;
    private final LongSupplier tableChanges;
    private final Map<String, Remembered> remembered = new HashMap<>();

    private record Remembered(Stamped stamped, long readAtChange) {}

    /** A channel's metadata and the timestamp of the channels-topic record it came from (none: Long.MIN_VALUE). */
    record Stamped(ChannelInfo info, long timestampMs) {}

    /**
     * @param tableChanges how many changes the table has seen; must grow after every write to the store
     */
    ChannelDirectory(TimestampedKeyValueStore<String, ChannelInfo> store, LongSupplier tableChanges) {
        this.store = store;
        this.tableChanges = tableChanges;
    }

    ChannelInfo lookup(String channelId) {
        return stamped(channelId).info();
    }

    Stamped stamped(String channelId) {
        // Read the count before the store: a change landing in between is read now and again next time.
        long changes = tableChanges.getAsLong();
        Remembered known = remembered.get(channelId);
        if (known == null || known.readAtChange() != changes) {
            ValueAndTimestamp<ChannelInfo> found = store.get(channelId);
            known = new Remembered(
                    found == null || found.value() == null
                            ? new Stamped(ChannelInfo.defaultsFor(channelId), Long.MIN_VALUE)
                            : new Stamped(found.value(), found.timestamp()),
                    changes);
            remembered.put(channelId, known);
        }
        return known.stamped();
    }
}
