package io.cellwatch.ingest.format.biologic.mpr;

import java.nio.ByteBuffer;

/** How one column of an {@code .mpr} data record is stored: little-endian, packed, no padding. */
enum ValueType {
    U1(1),
    U2(2),
    U4(4),
    F4(4),
    F8(8);

    final int bytes;

    ValueType(int bytes) {
        this.bytes = bytes;
    }

    /** The value at {@code position} of a little-endian buffer; float32 values keep their exact binary value. */
    double read(ByteBuffer record, int position) {
        return switch (this) {
            case U1 -> record.get(position) & 0xFF;
            case U2 -> record.getShort(position) & 0xFFFF;
            case U4 -> record.getInt(position) & 0xFFFF_FFFFL;
            case F4 -> record.getFloat(position);
            case F8 -> record.getDouble(position);
        };
    }
}
