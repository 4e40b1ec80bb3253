package io.cellwatch.ingest.format.neware.ndax;

import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryFileIncompleteException;
import io.cellwatch.ingest.format.neware.nda.NewareRowObserver;
import io.cellwatch.ingest.format.neware.nda.NewareRowSource;
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
 *
 * <p>A call with a row budget stops after the {@code data.ndc} record that spends it and keeps the
 * archive and its member streams open ({@link NdaxPass}), so the next call goes on from the next
 * record rather than inflating the members again from their start. The archive is closed once the
 * pass reaches the end of {@code data.ndc}, when the source is closed, and when the file changed
 * between calls: then the pass starts over and only records not yet delivered are handed over.
 */
public final class NdaxRowSource extends NewareRowSource {
    private long readSize = -1;
    private FileTime readModified;
    private IOException failure;
    /** A pass stopped for the budget, with the file as it was when the pass began; null between passes. */
    private NdaxArchive archive;

    private NdaxPass pass;
    private BasicFileAttributes passOver;

    public NdaxRowSource(SourceFile source, NewareRowObserver observer) {
        super(source, observer);
    }

    @Override
    public int readNew(RecordSink sink, int maxRows) throws IOException {
        Path file = source.path();
        BasicFileAttributes seen = Files.readAttributes(file, BasicFileAttributes.class);
        if (pass != null && !sameFile(seen, passOver.size(), passOver.lastModifiedTime())) {
            closePass(); // written again while the pass was under way: it starts over
        }
        if (pass == null) {
            if (sameFile(seen, readSize, readModified)) {
                if (failure != null) {
                    throw failure;
                }
                return 0;
            }
            samples.restart();
        }
        try {
            if (pass == null) {
                archive = NdaxArchive.open(file);
                pass = NdaxPass.open(archive, source);
                passOver = seen;
            }
            int delivered = pass.read(samples, sink, maxRows);
            if (pass.finished()) {
                BasicFileAttributes over = passOver;
                closePass();
                remember(over, null);
            }
            return delivered;
        } catch (BinaryFileIncompleteException e) {
            closeQuietly(e);
            throw e; // not remembered: the next call looks again
        } catch (IOException e) {
            BasicFileAttributes over = passOver == null ? seen : passOver;
            closeQuietly(e);
            remember(over, e);
            throw e;
        }
    }

    private static boolean sameFile(BasicFileAttributes seen, long size, FileTime modified) {
        return seen.size() == size && seen.lastModifiedTime().equals(modified);
    }

    private void remember(BasicFileAttributes seen, IOException outcome) {
        readSize = seen.size();
        readModified = seen.lastModifiedTime();
        failure = outcome;
    }

    private void closeQuietly(IOException failed) {
        try {
            closePass();
        } catch (IOException e) {
            failed.addSuppressed(e);
        }
    }

    private void closePass() throws IOException {
        try (NdaxArchive a = archive;
                NdaxPass p = pass) {
            // the pass's member streams first, then the archive they read from
        } finally {
            pass = null;
            archive = null;
            passOver = null;
        }
    }

    @Override
    public void close() throws IOException {
        closePass();
    }
}
