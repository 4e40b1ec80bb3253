package io.cellwatch.ingest.format.neware.nda;

import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryRowSource;

/**
 * What Neware's two binary sources ({@code .nda}, read as BTS appends it, and {@code .ndax}, read
 * whole each time it is saved) share: the file they read and the stream that turns its rows into
 * samples, which numbers them and skips what a resumed follower delivered before.
 */
public abstract class NewareRowSource implements BinaryRowSource {
    protected final SourceFile source;
    protected final NewareSampleStream samples;

    protected NewareRowSource(SourceFile source, NewareRowObserver observer) {
        this.source = source;
        this.samples = new NewareSampleStream(source, observer);
    }

    @Override
    public final void resumeAfter(long dataPoint) {
        samples.resumeAfter(dataPoint);
    }
}
