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
 * Channel metadata met in band ({@link ChannelInfoHeader}), laid over the global channels table until
 * the table has moved on: a channel's first samples then meet the metadata its producer published with
 * them, in the channel's own order, though the table's thread has not applied it yet.
 *
 * <p>Metadata met in band counts while the table still shows what it showed when the header came (the
 * table lagging) or shows the same metadata (caught up); once the table shows anything else (a later
 * change, or metadata published without a header), the table counts again. Kept in memory only: after
 * a restart the global store is restored in full before any record is processed, so it holds what any
 * header before the restart carried.
 */
final class InBandChannels {
    private static final Logger LOG = LoggerFactory.getLogger(InBandChannels.class);

    private record Carried(ChannelInfo info, ChannelInfo tableThen) {}

    private final Function<String, ChannelInfo> table;
    private final Map<String, Carried> carried = new HashMap<>();

    /** @param table the channels table's metadata of a channel (the defaults where it has none) */
    InBandChannels(Function<String, ChannelInfo> table) {
        this.table = table;
    }

    /** Takes the metadata a record of {@code channelId} carries, if any. */
    void read(String channelId, Headers headers) {
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
        carried.put(channelId, new Carried(info, table.apply(channelId)));
    }

    /** The channel's metadata: what it carried in band while the table has not moved on, else the table's. */
    ChannelInfo lookup(String channelId) {
        ChannelInfo fromTable = table.apply(channelId);
        Carried c = carried.get(channelId);
        if (c == null) {
            return fromTable;
        }
        if (fromTable.equals(c.tableThen()) && !fromTable.equals(c.info())) {
            return c.info(); // the table lags behind what the producer wrote before this record
        }
        carried.remove(channelId); // caught up, or changed since: the table counts
        return fromTable;
    }
}
