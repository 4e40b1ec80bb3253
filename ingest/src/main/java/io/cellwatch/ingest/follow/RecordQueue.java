package io.cellwatch.ingest.follow;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * What a binary row source handed over and the follower has not delivered yet, in the source's
 * order (samples, channel and cycle records, dead letters): a source may hand over more than one
 * transaction takes, and the rest leaves with the following polls.
 */
final class RecordQueue implements RecordSink {
    private final ArrayDeque<Consumer<RecordSink>> waiting = new ArrayDeque<>();

    @Override
    public void channel(ChannelInfo info) {
        waiting.add(out -> out.channel(info));
    }

    @Override
    public void sample(Sample sample) {
        waiting.add(out -> out.sample(sample));
    }

    @Override
    public void cycle(CycleSummary cycle) {
        waiting.add(out -> out.cycle(cycle));
    }

    @Override
    public void malformed(MalformedRowException error) {
        waiting.add(out -> out.malformed(error));
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** Hands the oldest records, {@code max} at most, to {@code out}. */
    void drainTo(RecordSink out, int max) {
        for (int handed = 0; handed < max && !waiting.isEmpty(); handed++) {
            waiting.poll().accept(out);
        }
    }
}
