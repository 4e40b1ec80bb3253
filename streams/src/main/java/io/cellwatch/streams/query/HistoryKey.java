package io.cellwatch.streams.query;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the cycle-history store: the channel id (length-prefixed, so no channel's keys are a
 * prefix of another's) followed by the cycle's position in the channel's stream, big-endian. The
 * store's byte order is then channel by channel, each channel's cycles in the order they were
 * published, and one channel's history is a single range read.
 */
final class HistoryKey {
    private HistoryKey() {}

    static Bytes of(String channelId, long position) {
        byte[] channel = channelId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(Integer.BYTES + channel.length + Long.BYTES)
                .putInt(channel.length)
                .put(channel)
                .putLong(position)
                .array());
    }

    /** The smallest key of a channel. */
    static Bytes first(String channelId) {
        return of(channelId, 0);
    }

    /** The largest key of a channel. */
    static Bytes last(String channelId) {
        return of(channelId, Long.MAX_VALUE);
    }

    static long position(Bytes key) {
        byte[] bytes = key.get();
        return ByteBuffer.wrap(bytes, bytes.length - Long.BYTES, Long.BYTES).getLong();
    }

    static String channelId(Bytes key) {
        ByteBuffer buffer = ByteBuffer.wrap(key.get());
        int length = buffer.getInt();
        return new String(key.get(), Integer.BYTES, length, StandardCharsets.UTF_8);
    }
}
