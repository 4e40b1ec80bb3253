package io.cellwatch.ingest.format.binary;

import io.cellwatch.ingest.format.CyclerFormat;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.RowReader;
import io.cellwatch.ingest.format.SourceFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A format the cycler software itself writes while a test runs, as binary (BioLogic {@code .mpr}, Arbin
 * {@code .res}, Neware {@code .nda}/{@code .ndax}) rather than as lines of text. Recognised by magic
 * bytes; read through a {@link BinaryRowSource} that returns what the file holds now and, on later
 * calls, what the cycler appended since, which serves both {@code replay} and {@code ingest --follow}.
 */
public interface BinaryCyclerFormat extends CyclerFormat {

    /** Bytes read from the top of a file to recognise a binary format. */
    int SNIFF_BYTES = 64;

    /** Whether {@code head} holds {@code signature} at {@code offset} (false when it is too short to). */
    static boolean signatureAt(byte[] head, int offset, byte[] signature) {
        int end = offset + signature.length;
        return head.length >= end && Arrays.equals(head, offset, end, signature, 0, signature.length);
    }

    /** Whether the first bytes of a file (up to {@link #SNIFF_BYTES}, fewer for a short file) are this format's. */
    boolean recognisesBytes(Path file, byte[] head);

    /** Binary files have no lines: recognition goes through {@link #recognisesBytes}. */
    @Override
    default boolean recognises(Path file, List<String> firstLines) {
        return false;
    }

    /** Binary files are not fed line by line; use {@link #openBinary}. */
    @Override
    default RowReader open(SourceFile source) throws IOException {
        throw new IOException(source.path() + ": " + name() + " is a binary format; it is read whole, not by lines");
    }

    /** A source over one file: the first {@link BinaryRowSource#readNew} call returns every row so far. */
    BinaryRowSource openBinary(SourceFile source) throws IOException;

    @Override
    default void read(SourceFile source, RecordSink sink) throws IOException {
        try (BinaryRowSource rows = openBinary(source)) {
            rows.readNew(sink);
        }
    }
}
