package io.cellwatch.ingest.format.neware.nda;

import static io.cellwatch.ingest.format.neware.nda.NdaLayout.u16;
import static io.cellwatch.ingest.format.neware.nda.NdaLayout.u32;
import static io.cellwatch.ingest.format.neware.nda.NdaLayout.u8;

import java.nio.ByteBuffer;
import java.time.ZoneId;
import java.util.Map;

/**
 * The 86-byte records of nda versions 22, 23, 26 and 29 (BTS 7/8): {@code 0x55} data, {@code 0x65}
 * auxiliary readings, {@code 0xAA} step headers. Current, capacities and energies are integers in
 * units set by the record's current range (the file's fixed range when the record says 0);
 * capacities and energies are mA·s and mW·s. Versions 22 and 23 stamp records with a UNIX time,
 * 26 and 29 with the PC's local date and time in separate fields (read in the channel's zone).
 */
final class Nda86Layout extends NdaLayout {
    static final int LENGTH = 86;
    private static final int DATA = 0x55;
    private static final int AUX = 0x65;
    private static final int STEP_HEADER = 0xAA;

    /** How a version stamps its records. */
    enum Stamp {
        UNIX_SECONDS,
        LOCAL_FIELDS
    }

    private final Stamp stamp;
    private final int fixedRange;
    private final ZoneId zone;

    Nda86Layout(Stamp stamp, int fixedRange, ZoneId zone) {
        super(LENGTH);
        this.stamp = stamp;
        this.fixedRange = fixedRange;
        this.zone = zone;
    }

    @Override
    public Kind classify(ByteBuffer b, int at) {
        return switch (u8(b, at)) {
            case DATA -> Kind.DATA;
            case AUX -> Kind.AUX;
            case STEP_HEADER -> Kind.SKIP;
            default -> allZero(b, at) ? Kind.UNWRITTEN : Kind.FOREIGN;
        };
    }

    @Override
    public void decodeData(ByteBuffer b, int at, NewareRow row) {
        row.index = u32(b, at + 2);
        row.storedCycle = (int) Math.min(Integer.MAX_VALUE - 1, u32(b, at + 6)) + 1;
        row.stepIndex = u16(b, at + 10);
        row.status = u8(b, at + 12);
        // The step index and the record's own step counter byte: a new step when either changes.
        row.stepKey = ((long) row.stepIndex << 8) | u8(b, at + 13);
        row.stepTimeS = b.getLong(at + 14) / 1000.0;
        row.voltageV = b.getInt(at + 22) / 10000.0;
        int range = b.getInt(at + 78);
        double unit = CurrentRange.milliampsPerUnit(range == 0 ? fixedRange : range);
        row.currentMa = b.getInt(at + 26) * unit;
        RecordFields.rangedCounters(b, at + 38, unit, row);
        if (stamp == Stamp.UNIX_SECONDS) {
            RecordFields.unixSeconds(b, at + 70, row);
        } else {
            RecordFields.localStamp(b, at + 70, zone, row);
        }
    }

    @Override
    public long decodeAux(ByteBuffer b, int at, Map<String, Double> into) {
        int auxId = u8(b, at + 1);
        into.put(AuxChannels.voltage(auxId), b.getInt(at + 22) / 10000.0);
        into.put(AuxChannels.temperature(auxId), b.getShort(at + 34) / 10.0);
        return u32(b, at + 2);
    }

    @Override
    public String expected() {
        return "an 86-byte record starting with 0x55 (data), 0x65 (auxiliary) or 0xAA (step header)";
    }
}
