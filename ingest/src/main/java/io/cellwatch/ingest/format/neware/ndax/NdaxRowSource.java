package io.cellwatch.ingest.format.neware.ndax;

import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryFileIncompleteException;
import io.cellwatch.ingest.format.binary.BinaryRowSource;
import io.cellwatch.ingest.format.neware.nda.NewareRowObserver;
import io.cellwatch.ingest.format.neware.nda.NewareSampleStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * The records of one {@code .ndax}. BTS writes an {@code .ndax} whole, when a test is saved or
 * exported, and may write it again later with more records; so each call whose file has changed
 * (size or modification time) reads the archive from the start and hands over the records not
 * delivered before. An archive still being written is {@link BinaryFileIncompleteException}: try
 * again later. A damaged archive fails with the same error on every call until the file changes.
 */
public final class NdaxRowSource implements BinaryRowSource {
    private final SourceFile source;
    private final NewareSampleStream samples;
    private long readSize = -1;
    private FileTime readModified;
    private IOException failure;

    public NdaxRowSource(SourceFile source, NewareRowObserver observer) {
        this.source = source;
        this.samples = new NewareSampleStream(source, observer);
    }

    @Override
    public int readNew(RecordSink sink) throws IOException {
        Path file = source.path();
        BasicFileAttributes seen = Files.readAttributes(file, BasicFileAttributes.class);
        if (seen.size() == readSize && seen.lastModifiedTime().equals(readModified)) {
            if (failure != null) {
                throw failure;
            }
            return 0;
        }
        samples.restart();
        try (NdaxArchive archive = NdaxArchive.open(file)) {
            int delivered = NdaxPass.read(archive, source, samples, sink);
            remember(seen, null);
            return delivered;
        } catch (BinaryFileIncompleteException e) {
            throw e; // not remembered: the next call looks again
        } catch (IOException e) {
            remember(seen, e);
            throw e;
        }
    }

    private void remember(BasicFileAttributes seen, IOException outcome) {
        readSize = seen.size();
        readModified = seen.lastModifiedTime();
        failure = outcome;
    }

    @Override
    public void resumeAfter(long dataPoint) {
        samples.resumeAfter(dataPoint);
    }

    @Override
    public void close() {
        // Nothing stays open between calls.
    }
}
