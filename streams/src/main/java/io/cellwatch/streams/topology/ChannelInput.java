package io.cellwatch.streams.topology;

import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.quality.UnreadableRow;

/**
 * What reaches a channel's pipeline, one of three: a sample, a cycle summary made elsewhere (a
 * per-cycle summary file), or a row of the channel's export that could not be read. Travels only
 * inside a task, from the sources to the pipeline processor, so it needs no serde.
 */
record ChannelInput(Sample sample, CycleSummary externalCycle, UnreadableRow unreadable) {

    static ChannelInput of(Sample sample) {
        return sample == null ? null : new ChannelInput(sample, null, null);
    }

    static ChannelInput of(CycleSummary cycle) {
        return cycle == null ? null : new ChannelInput(null, cycle, null);
    }

    static ChannelInput of(UnreadableRow row) {
        return new ChannelInput(null, null, row);
    }

    /** The channel it is about, named by the record itself (the key only decides the partition). */
    String channelId() {
        if (sample != null) {
            return sample.channelId();
        }
        return externalCycle != null ? externalCycle.channelId() : unreadable.channelId();
    }
}
