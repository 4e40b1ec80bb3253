package io.cellwatch.ingest.format.arbin.res;

import io.cellwatch.ingest.format.NamedFormat;
import io.cellwatch.ingest.format.SourceFile;
import io.cellwatch.ingest.format.binary.BinaryCyclerFormat;
import io.cellwatch.ingest.format.binary.BinaryRowSource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Arbin MITS Pro result files ({@code .res}): an MS Access (Jet 4) database per test, written by the
 * cycler software while the test runs. Read through Jackcess, a pure-Java Access library: the test from
 * {@code Global_Table}, one sample per {@code Channel_Normal_Table} row, auxiliary temperatures and
 * voltages from {@code Auxiliary_Table}. Recognised by the Jet signature, {@code Standard Jet DB} at
 * byte 4 (an Access 2007+ {@code Standard ACE DB} is not a MITS Pro file).
 */
public final class ArbinResFormat extends NamedFormat implements BinaryCyclerFormat {
    public static final String NAME = "arbin-res";

    private static final byte[] SIGNATURE = "Standard Jet DB".getBytes(StandardCharsets.US_ASCII);
    private static final int SIGNATURE_OFFSET = 4;

    public ArbinResFormat() {
        super(
                NAME,
                "Arbin MITS Pro .res result database (MS Access / Jet 4): Global_Table, Channel_Normal_Table, "
                        + "Auxiliary_Table");
    }

    @Override
    public boolean recognisesBytes(Path file, byte[] head) {
        return BinaryCyclerFormat.signatureAt(head, SIGNATURE_OFFSET, SIGNATURE);
    }

    @Override
    public BinaryRowSource openBinary(SourceFile source) {
        return new ResRowSource(source);
    }
}
