package io.cellwatch.ingest.format;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;

/** Receives what a {@link CyclerFormat} reads from a file. */
public interface RecordSink {

    /** The channel's metadata, when the file carries it; comes before that channel's samples. */
    void channel(ChannelInfo info);

    void sample(Sample sample);

    /**
     * A whole cycle, from files that only exist at cycle level (per-cycle summary exports).
     * Sinks that only handle samples refuse it.
     */
    default void cycle(CycleSummary cycle) {
        throw new UnsupportedOperationException("this consumer takes samples, not cycle summaries");
    }

    /** A row that could not be read; reading goes on. */
    void malformed(MalformedRowException error);
}
