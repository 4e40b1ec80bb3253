package io.cellwatch.ingest.format.neware.nda;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * How the records of one {@code .nda} version are laid out: fixed-length records one after the
 * other from the data start, each starting with a byte that says what it is. Buffers are little
 * endian; offsets are relative to the record's first byte. The record length is the one thing every
 * layout holds; a layout's own fields are what tells its records apart.
 */
abstract class NdaLayout {
    private final int length;

    NdaLayout(int length) {
        this.length = length;
    }

    /** What a record slot holds. */
    enum Kind {
        /** A measurement. */
        DATA,
        /** Auxiliary channel readings for the data record with the same index. */
        AUX,
        /** A record of no interest here (step headers). */
        SKIP,
        /** The block that follows the last record of a finished file (BTS 9). */
        END,
        /** All zeros: space the cycler has not written yet. */
        UNWRITTEN,
        /** Nothing this layout writes: the file is damaged here. */
        FOREIGN
    }

    final int recordLength() {
        return length;
    }

    abstract Kind classify(ByteBuffer b, int at);

    /** Decodes a {@link Kind#DATA} record into a cleared row. */
    abstract void decodeData(ByteBuffer b, int at, NewareRow row);

    /**
     * Decodes a {@link Kind#AUX} record's readings into {@code into}.
     *
     * @return the index of the data record the readings belong to
     */
    long decodeAux(ByteBuffer b, int at, Map<String, Double> into) {
        return -1;
    }

    /** What a record of this layout starts with, for the message about a damaged file. */
    abstract String expected();

    /**
     * What a slot that is not one of the file's records is in the BTS 9 layouts: the block that
     * ends the data starts with {@code 0x81}; zeros are not written yet; anything else is damage.
     */
    final Kind afterTheRecords(ByteBuffer b, int at) {
        if (u8(b, at) == 0x81) {
            return Kind.END;
        }
        return allZero(b, at) ? Kind.UNWRITTEN : Kind.FOREIGN;
    }

    /** Whether every byte of the record is zero. */
    final boolean allZero(ByteBuffer b, int at) {
        for (int i = 0; i < length; i++) {
            if (b.get(at + i) != 0) {
                return false;
            }
        }
        return true;
    }

    static long u32(ByteBuffer b, int at) {
        return b.getInt(at) & 0xFFFF_FFFFL;
    }

    static int u8(ByteBuffer b, int at) {
        return b.get(at) & 0xFF;
    }

    static int u16(ByteBuffer b, int at) {
        return b.getShort(at) & 0xFFFF;
    }
}
