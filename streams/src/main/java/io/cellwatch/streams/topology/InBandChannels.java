package io.cellwatch.streams.topology;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.ChannelInfoHeader;
import io.cellwatch.model.WireCodec;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Channel metadata met in band ({@link ChannelInfoHeader}), laid over the global channels table while
 * it is newer than what the table holds: a channel's first samples then meet the metadata its producer
 * published with them, in the channel's own order, though the table's thread has not applied it yet.
 *
 * <p>Newer is told by the records' timestamps: the header's record (a sample written right after its
 * metadata) against the table's channels-topic record. While the table lags, the carried metadata is
 * newer; once the table holds it, or anything written after it (a later change, metadata published by
 * other means), the table counts. A record carrying older metadata than the table's (a backlog read
 * after a restart, when the store was restored to the present first) leaves the table's in force.
 * Kept in memory only: after a restart the global store is restored in full before any record is
 * processed.
 */
final class InBandChannels {
    private static final Logger LOG = LoggerFactory.getLogger(InBandChannels.class);

    private final Function<String, ChannelDirectory.Stamped> table;
    /** Per channel, the metadata its latest record carried and that record's timestamp. */
    private final Map<String, ChannelDirectory.Stamped> carried = new HashMap<>();

    /** @param table the channels table's metadata of a channel (the defaults where it has none) and its timestamp */
    InBandChannels(Function<String, ChannelDirectory.Stamped> table) {
        this.table = table;
    }

    /** Takes the metadata a record of {@code channelId}, stamped {@code timestampMs}, carries, if any. */
    void read(String channelId, Headers headers, long timestampMs) {
        Header header = headers == null ? null : headers.lastHeader(ChannelInfoHeader.NAME);
        if (header == null || header.value() == null) {
            return;
        }
        ChannelInfo info;
        try {
            info = WireCodec.CHANNEL_INFO.fromBytes(header.value());
        } catch (RuntimeException e) {
            LOG.warn("ignored the channel metadata carried by a record of {}: {}", channelId, e.getMessage());
            return;
        }
        if (!channelId.equals(info.channelId())) {
            LOG.warn("ignored channel metadata of {} carried by a record of {}", info.channelId(), channelId);
            return;
        }
        carried.put(channelId, new ChannelDirectory.Stamped(info, timestampMs));
    }

    /** The channel's metadata: what it carried in band while that is newer than the table's, else the table's. */
    ChannelInfo lookup(String channelId) {
        ChannelDirectory.Stamped fromTable = table.apply(channelId);
        ChannelDirectory.Stamped c = carried.get(channelId);
        if (c == null) {
            return fromTable.info();
        }
        // Written with or after the table's record (a sample follows its metadata in the same transaction):
        // the table lags. Equal metadata, or a table record written later: the table has caught up or moved on.
        if (c.timestampMs() >= fromTable.timestampMs() && !c.info().equals(fromTable.info())) {
            return c.info();
        }
        carried.remove(channelId);
        return fromTable.info();
    }
}
