package io.cellwatch.ingest.format.neware.ndax;

import io.cellwatch.ingest.format.NamedFormat;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import io.cellwatch.ingest.format.binary.ZipArchives;
import io.cellwatch.ingest.format.neware.nda.NewareRowObserver;
import java.io.IOException;
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
    private static final Set<String> NEWARE_MEMBERS =
            Set.of("VersionInfo.xml", "Step.xml", "TestInfo.xml", "EditStep.xml", "NdaxConfig.xml");

    public NdaxFormat() {
        super(NAME, "Neware BTS .ndax archive (ZIP of .ndc tables; ndc versions 2, 5, 11, 14, 16, 17)");
    }

    @Override
    public boolean recognisesBytes(Path file, byte[] head) {
        if (!ZipArchives.startsWithMember(head)) {
            return false;
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ndax")) {
            return true;
        }
        String first = ZipArchives.firstMemberName(head);
        return first != null && (first.endsWith(".ndc") || NEWARE_MEMBERS.contains(first));
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
