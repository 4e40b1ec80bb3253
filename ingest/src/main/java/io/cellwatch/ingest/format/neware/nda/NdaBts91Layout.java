package io.cellwatch.ingest.format.neware.nda;

import static io.cellwatch.ingest.format.neware.nda.NdaLayout.u32;
import static io.cellwatch.ingest.format.neware.nda.NdaLayout.u8;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The records of nda version 130 as BTS 9.1 writes them, from byte 1024: a two-byte identifier
 * ({@code 0x55} and a second byte the file keeps), data and auxiliary values in one record whose
 * length the file decides (52 bytes, 56 with a temperature). Total time is stored (seconds and
 * nanoseconds), step time is not; capacity and energy are one signed float each in mA·s and mW·s.
 * A block starting with {@code 0x81} follows the last record.
 */
final class NdaBts91Layout extends NdaLayout {
    static final int FIRST_BYTE = 0x55;
    /** The bytes up to and including the UNIX time's nanoseconds: the shortest record there is. */
    static final int SHORTEST = 52;

    private final short identifier;

    NdaBts91Layout(short identifier, int length) {
        super(length);
        this.identifier = identifier;
    }

    @Override
    public Kind classify(ByteBuffer b, int at) {
        return b.getShort(at) == identifier ? Kind.DATA : afterTheRecords(b, at);
    }

    @Override
    public void decodeData(ByteBuffer b, int at, NewareRow row) {
        row.stepIndex = u8(b, at + 2);
        row.status = u8(b, at + 3);
        row.stepKey = row.stepIndex;
        row.index = u32(b, at + 8);
        row.totalTimeS = u32(b, at + 12) + u32(b, at + 16) / 1e9;
        row.currentMa = b.getFloat(at + 20);
        row.voltageV = b.getFloat(at + 24);
        row.signedCounters(b.getFloat(at + 28) / 3600.0, b.getFloat(at + 32) / 3600.0);
        row.storedCycle = (int) Math.min(Integer.MAX_VALUE - 1, u32(b, at + 36)) + 1;
        long seconds = u32(b, at + 44);
        if (seconds > 0) {
            row.wallTime(seconds * 1000 + u32(b, at + 48) / 1_000_000);
        }
        if (recordLength() >= SHORTEST + 4) {
            row.auxiliary.put(AuxChannels.temperature(1), (double) b.getFloat(at + 52));
        }
    }

    @Override
    public String expected() {
        return String.format(
                Locale.ROOT,
                "a %d-byte record starting with the identifier %02x %02x, or the 0x81 block that ends the data",
                recordLength(),
                identifier & 0xFF,
                (identifier >> 8) & 0xFF);
    }
}
