package io.cellwatch.ingest.format.neware.ndax;

/**
 * Where the whole-record tables of ndc versions 2 and 5 keep their rows. Both hold the same record
 * (after a marker byte: index, cycle, step, status, step time, voltage, current, four counters, a
 * local date and the current range; or an auxiliary record); version 2 puts 7 more bytes in front of
 * it, in 512-byte pages found by their marker, version 5 in 4096-byte pages with a bitmask.
 */
enum NdcLegacyLayout {
    V2(94, 5, 7),
    V5(87, 132, 0);

    static final int DATA_MARKER = 0x55;
    static final int AUX_VOLTAGE_TEMPERATURE = 0x65;
    static final int AUX_WITH_SET_TEMPERATURE = 0x74;

    final int rowSize;
    final int dataStart;
    /**
     * Where the record proper starts in the row: field offsets count from here (index at +1, ...).
     * The marker byte is the row's first byte in both versions.
     */
    final int base;

    NdcLegacyLayout(int rowSize, int dataStart, int base) {
        this.rowSize = rowSize;
        this.dataStart = dataStart;
        this.base = base;
    }

    static NdcLegacyLayout of(int version) {
        return version <= 4 ? V2 : V5;
    }

    /** The rows of a table in this layout: by bitmask (v5) or by marker and a non-zero index (v2). */
    NdcRows rows(NdcMember member, int... markers) {
        if (this == V5) {
            return new NdcRows(member, rowSize, dataStart);
        }
        return new NdcRows(member, rowSize, dataStart, (page, at) -> {
            int marker = page.get(at) & 0xFF;
            for (int m : markers) {
                if (marker == m) {
                    return page.getInt(at + base + 1) != 0;
                }
            }
            return false;
        });
    }
}
