package io.cellwatch.model;

/**
 * Channel metadata carried in band: the header a producer puts on a channel's first sample (or
 * summary-file cycle) after it published the channel's metadata, holding that metadata as the
 * channels topic has it ({@link WireCodec#CHANNEL_INFO}).
 *
 * <p>The channels topic is read by the live topology into a global store on a thread of its own, so
 * a channel's first samples, written in the same transaction as its metadata, can reach the pipeline
 * before the store has it, and be judged as the defaults' full cell. With the header the pipeline
 * meets the metadata where the producer wrote it, in the channel's own order, as {@code replay} does.
 */
public final class ChannelInfoHeader {
    public static final String NAME = "cellwatch.channel-info";

    private ChannelInfoHeader() {}
}
