package io.cellwatch.ingest.channels;

import io.cellwatch.ingest.format.MalformedRowException;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;

/**
 * One file's records on their way out as a channel's, the same way for {@code replay} and
 * {@code ingest --follow}: the channel's metadata goes first (what the file carries with the lab's
 * flags and channels file laid over it, or the catalog's alone when the file carries none), and
 * record numbers continue the channel's earlier files ({@link DataPointSequence}).
 *
 * <p>{@link #into} gives the renumbering sink a reader writes to; it may be asked for again per
 * row (a follower names the raw line in its dead letters), and the channel is described once.
 */
public final class ChannelRecords {
    private final ChannelCatalog catalog;
    private final SourceFile source;
    private final DataPointSequence.FileRun numbering;
    private boolean described;

    /**
     * @param source    the file as the catalog sees it ({@link ChannelCatalog#source}): its path picks the
     *                  channels-file row whose metadata is laid over the file's own
     * @param numbering the file's renumbering, started or resumed on the channel's sequence
     */
    public ChannelRecords(ChannelCatalog catalog, SourceFile source, DataPointSequence.FileRun numbering) {
        this.catalog = catalog;
        this.source = source;
        this.numbering = numbering;
    }

    public SourceFile source() {
        return source;
    }

    public DataPointSequence.FileRun numbering() {
        return numbering;
    }

    /** A sink that hands this file's records to {@code downstream}: described, renumbered. */
    public RecordSink into(RecordSink downstream) {
        return new RecordSink() {
            @Override
            public void channel(ChannelInfo info) {
                downstream.channel(catalog.overlay(source.path(), info));
                described = true;
            }

            @Override
            public void sample(Sample sample) {
                describeOnce(downstream);
                downstream.sample(numbering.renumber(sample));
            }

            @Override
            public void cycle(CycleSummary cycle) {
                describeOnce(downstream);
                downstream.cycle(cycle);
            }

            @Override
            public void malformed(MalformedRowException error) {
                downstream.malformed(error);
            }
        };
    }

    /**
     * A sink for re-reading what an earlier run already delivered (a restart rebuilding its reader):
     * everything it is given is dropped, but the file's own metadata marks the channel described, as
     * it was when those rows went out. Without it the first new row would describe the channel with
     * the catalog's metadata alone, replacing the file's (its cell type, chemistry, area) on the
     * compacted channels topic for good.
     */
    public RecordSink delivered() {
        return new RecordSink() {
            @Override
            public void channel(ChannelInfo info) {
                described = true;
            }

            @Override
            public void sample(Sample sample) {}

            @Override
            public void cycle(CycleSummary cycle) {}

            @Override
            public void malformed(MalformedRowException error) {}
        };
    }

    private void describeOnce(RecordSink downstream) {
        if (!described) {
            downstream.channel(source.channel());
            described = true;
        }
    }
}
