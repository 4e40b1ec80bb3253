package io.cellwatch.ingest.format.biologic.mpr;

/**
 * How a data module of a given version lays out its header: the width and byte order of the column
 * IDs and where the records start, counted from the module's first byte. After the point count (u32)
 * and the column count (u8) come the IDs, then zero padding up to the records.
 *
 * @param version       the module version
 * @param idBytes       bytes per column ID
 * @param bigEndianIds  EC-Lab ≥ 11.50 (versions 10, 11) writes its two-byte IDs big-endian
 * @param recordsOffset offset of the first record from the module's first byte
 */
record DataFormat(int version, int idBytes, boolean bigEndianIds, int recordsOffset) {
    static final String SUPPORTED = "0, 2, 3, 10 or 11";

    /** The layout of a data module version, or null for a version no known EC-Lab writes. */
    static DataFormat of(int version) {
        return switch (version) {
            case 0 -> new DataFormat(0, 1, false, 100);
            case 2 -> new DataFormat(2, 2, false, 0x195);
            case 3 -> new DataFormat(3, 2, false, 0x196);
            case 10, 11 -> new DataFormat(version, 2, true, 0x3EF);
            default -> null;
        };
    }

    /** The ID list ends here; the records must not start before it. */
    long idsEnd(int columns) {
        return 5L + (long) columns * idBytes;
    }
}
