package io.cellwatch.ingest.format.neware.nda;

import static io.cellwatch.ingest.format.neware.nda.NdaLayout.u32;
import static io.cellwatch.ingest.format.neware.nda.NdaLayout.u8;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The 88-byte records of nda version 130 as BTS 9.0 writes them, from byte 1024: four bytes the
 * file's records share, then {@code 0x55} for data ({@code 0x58}, {@code 0x59} auxiliary records,
 * whose layout no public description gives, are passed over). Values are floats: V, mA, and one
 * signed capacity and energy in mA·s and mW·s; step time and the UNIX time are in µs. No cycle
 * counter is stored (see {@link NewareTimeline}). A block starting with {@code 0x81} follows the
 * last record.
 */
final class NdaBts90Layout extends NdaLayout {
    static final int LENGTH = 88;
    static final int FIRST_BYTE = 0x12;
    private static final int DATA = 0x55;
    private static final int AUX_A = 0x58;
    private static final int AUX_B = 0x59;

    private final int prefix;

    /** @param prefix the first four bytes of the file's first record, shared by all its records */
    NdaBts90Layout(int prefix) {
        super(LENGTH);
        this.prefix = prefix;
    }

    @Override
    public Kind classify(ByteBuffer b, int at) {
        if (b.getInt(at) == prefix) {
            int id = u8(b, at + 4);
            if (id == DATA) {
                return Kind.DATA;
            }
            if (id == AUX_A || id == AUX_B) {
                return Kind.SKIP;
            }
            return Kind.FOREIGN;
        }
        return afterTheRecords(b, at);
    }

    @Override
    public void decodeData(ByteBuffer b, int at, NewareRow row) {
        row.stepIndex = u8(b, at + 9);
        row.status = u8(b, at + 10);
        row.stepKey = row.stepIndex;
        row.index = u32(b, at + 16);
        row.stepTimeS = b.getLong(at + 28) / 1e6;
        row.voltageV = b.getFloat(at + 36);
        row.currentMa = b.getFloat(at + 40);
        row.signedCounters(b.getFloat(at + 60) / 3600.0, b.getFloat(at + 64) / 3600.0);
        long micros = b.getLong(at + 68);
        if (micros > 0 && micros < 32_503_680_000_000_000L) {
            row.wallTime(micros / 1000);
        }
    }

    @Override
    public String expected() {
        return String.format(
                Locale.ROOT,
                "an 88-byte record starting with the file's record prefix %08x and 0x55 (data), or the 0x81 block that ends the data",
                Integer.reverseBytes(prefix));
    }
}
