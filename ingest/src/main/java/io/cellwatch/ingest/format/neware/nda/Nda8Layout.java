package io.cellwatch.ingest.format.neware.nda;

import static io.cellwatch.ingest.format.neware.nda.NdaLayout.u32;
import static io.cellwatch.ingest.format.neware.nda.NdaLayout.u8;

import java.nio.ByteBuffer;

/**
 * The 59-byte records of nda version 8 (BTS 6/7): {@code 0x00} data, {@code 0xFF} step headers.
 * Step time is whole seconds; current is an integer in the unit of the file's fixed current range;
 * capacity and energy are one unsigned counter each, whose direction is the step's.
 */
final class Nda8Layout extends NdaLayout {
    static final int LENGTH = 59;
    private static final int DATA = 0x00;
    private static final int STEP_HEADER = 0xFF;

    private final double unit;

    Nda8Layout(int fixedRange) {
        super(LENGTH);
        this.unit = CurrentRange.milliampsPerUnit(fixedRange);
    }

    @Override
    public Kind classify(ByteBuffer b, int at) {
        return switch (u8(b, at)) {
            case STEP_HEADER -> Kind.SKIP;
            // Data records start with a zero byte too: an all-zero slot is one not written yet.
            case DATA -> allZero(b, at) ? Kind.UNWRITTEN : Kind.DATA;
            default -> Kind.FOREIGN;
        };
    }

    @Override
    public void decodeData(ByteBuffer b, int at, NewareRow row) {
        row.index = u32(b, at + 1);
        row.storedCycle = (int) Math.min(Integer.MAX_VALUE, u32(b, at + 5));
        row.stepIndex = u8(b, at + 9);
        row.status = u8(b, at + 10);
        row.stepKey = row.stepIndex;
        row.stepTimeS = u32(b, at + 11);
        row.voltageV = b.getInt(at + 15) / 10000.0;
        row.currentMa = b.getInt(at + 19) * unit;
        row.unsignedCounters(b.getLong(at + 31) * unit / 3600, b.getLong(at + 39) * unit / 3600);
        RecordFields.unixSeconds(b, at + 47, row);
    }

    @Override
    public String expected() {
        return "a 59-byte record starting with 0x00 (data) or 0xFF (step header)";
    }
}
