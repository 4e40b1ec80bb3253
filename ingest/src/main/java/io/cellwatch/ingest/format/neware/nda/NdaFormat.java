package io.cellwatch.ingest.format.neware.nda;

import io.cellwatch.ingest.format.NamedFormat;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Neware BTS's own data file, {@code .nda} (versions 8, 22, 23, 26, 29 and 130 in its BTS 9.0 and
 * 9.1 layouts), recognised by its magic {@code NEWARE} followed by a date. Read as it grows.
 */
public final class NdaFormat extends NamedFormat implements BinaryCyclerFormat {
    public static final String NAME = "neware-nda";

    public NdaFormat() {
        super(NAME, "Neware BTS .nda binary (magic 'NEWARE' + date; versions 8, 22, 23, 26, 29, 130)");
    }

    @Override
    public boolean recognisesBytes(Path file, byte[] head) {
        if (head.length < NdaHeader.MAGIC.length + 8 || !BinaryCyclerFormat.signatureAt(head, 0, NdaHeader.MAGIC)) {
            return false;
        }
        for (int i = NdaHeader.MAGIC.length; i < NdaHeader.MAGIC.length + 8; i++) {
            if (head[i] < '0' || head[i] > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public NdaRowSource openBinary(SourceFile source) {
        return new NdaRowSource(source, NewareRowObserver.NONE);
    }

    /** A recorded file: every record, the last one included even if auxiliary readings could still follow it. */
    @Override
    public void read(SourceFile source, RecordSink sink) throws IOException {
        read(source, sink, NewareRowObserver.NONE);
    }

    /** {@link #read(SourceFile, RecordSink)}, showing each record to an observer as well. */
    public void read(SourceFile source, RecordSink sink, NewareRowObserver observer) throws IOException {
        NdaRowSource rows = new NdaRowSource(source, observer);
        rows.readNew(sink);
        rows.finish(sink);
    }
}
