package io.cellwatch.ingest.format.biologic.mpr;

import io.cellwatch.ingest.format.NamedFormat;
import io.cellwatch.ingest.format.RecordSink;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import io.cellwatch.ingest.format.binary.BinaryRowSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * BioLogic EC-Lab / BT-Lab raw data files ({@code .mpr}), the files EC-Lab writes while a technique
 * runs: modules {@code VMP Set}, {@code VMP data} (versions 0, 2, 3 and EC-Lab ≥ 11.50's 10/11),
 * {@code VMP LOG}, {@code VMP loop}, {@code VMP ExtDev}. Recognised by the {@code BIO-LOGIC MODULAR
 * FILE} magic. Structure from the public descriptions (yadg, galvani); see {@link ColumnIds},
 * {@link SampleNormaliser} and {@link ChargeCounters} for what each column becomes. Impedance,
 * voltammetry and Wait files are refused with the reason EC-Lab's text export of them gets.
 */
public final class EcLabMprFormat extends NamedFormat implements BinaryCyclerFormat {
    public static final String NAME = "biologic-mpr";
    /** The bytes of the magic that identify the format. */
    private static final byte[] SIGNATURE = Arrays.copyOf(ModuleFraming.FILE_MAGIC, ModuleFraming.SIGNATURE_BYTES);

    public EcLabMprFormat() {
        super(NAME, "BioLogic EC-Lab / BT-Lab raw data (.mpr): 'BIO-LOGIC MODULAR FILE' magic");
    }

    @Override
    public boolean recognisesBytes(Path file, byte[] head) {
        return BinaryCyclerFormat.signatureAt(head, 0, SIGNATURE);
    }

    @Override
    public BinaryRowSource openBinary(SourceFile source) {
        return new MprRowSource(source);
    }

    /**
     * Reads a finished file: every row, then an error if the file is truncated or damaged after them
     * (a file still being written is read through {@link #openBinary}, where a short file just waits).
     * A technique that records no cycling is refused before any row ({@link MprTechniques}).
     */
    @Override
    public void read(SourceFile source, RecordSink sink) throws IOException {
        readWhole(new MprRowSource(source), sink);
    }

    /**
     * Reads a finished file whatever its technique: the rows of an impedance or voltammetry run as
     * samples, for comparing the decoding with EC-Lab's export of it; never for replay or follow.
     */
    static void readAnyTechnique(SourceFile source, RecordSink sink) throws IOException {
        readWhole(MprRowSource.anyTechnique(source), sink);
    }

    private static void readWhole(MprRowSource source, RecordSink sink) throws IOException {
        try (MprRowSource rows = source) {
            rows.readNew(sink);
            rows.requireComplete();
        }
    }
}
