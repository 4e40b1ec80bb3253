package io.cellwatch.ingest.format.neware.ndax;

import io.cellwatch.ingest.format.NamedFormat;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import io.cellwatch.ingest.format.neware.nda.NewareRowObserver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Neware BTS's archive file, {@code .ndax}: a ZIP of {@code .ndc} tables (ndc versions 2, 5, 11,
 * 14, 16, 17) and XML descriptions. Recognised by the ZIP signature together with the
 * {@code .ndax} extension or a first member that is a Neware one.
 */
public final class NdaxFormat extends NamedFormat implements BinaryCyclerFormat {
    public static final String NAME = "neware-ndax";
    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int NAME_LENGTH_AT = 26;
    private static final int NAME_AT = 30;
    private static final Set<String> NEWARE_MEMBERS =
            Set.of("VersionInfo.xml", "Step.xml", "TestInfo.xml", "EditStep.xml", "NdaxConfig.xml");

    public NdaxFormat() {
        super(NAME, "Neware BTS .ndax archive (ZIP of .ndc tables; ndc versions 2, 5, 11, 14, 16, 17)");
    }

    @Override
    public boolean recognisesBytes(Path file, byte[] head) {
        if (head.length < NAME_AT || littleEndianInt(head, 0) != LOCAL_HEADER) {
            return false;
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ndax")) {
            return true;
        }
        int length = (head[NAME_LENGTH_AT] & 0xFF) | (head[NAME_LENGTH_AT + 1] & 0xFF) << 8;
        String first = new String(head, NAME_AT, Math.min(length, head.length - NAME_AT), StandardCharsets.ISO_8859_1);
        return first.length() == length && (first.endsWith(".ndc") || NEWARE_MEMBERS.contains(first));
    }

    private static int littleEndianInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    @Override
    public NdaxRowSource openBinary(SourceFile source) {
        return new NdaxRowSource(source, NewareRowObserver.NONE);
    }

    /** {@link #read(SourceFile, RecordSink)}, showing each record to an observer as well. */
    public void read(SourceFile source, RecordSink sink, NewareRowObserver observer) throws IOException {
        new NdaxRowSource(source, observer).readNew(sink);
    }
}
