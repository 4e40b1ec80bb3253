package io.cellwatch.ingest.format.neware.ndax;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@code data_runInfo.ndc}: for a record index, the step time, the four step counters, the time
 * since the previous record ({@code dt}), the UNIX time and the step number. Versions 11 and 16
 * count mA·s and mW·s, 14 and 17 Ah and Wh; rows are 47 (v11), 55 (v14) or 100 bytes (v16, v17).
 * Rows come in index order; a second row for an index already seen is passed over.
 */
final class NdcRunInfoTable implements Closeable {
    private static final int DATA_START = 132;

    /** One row, read into the same instance each time. */
    static final class Row {
        long index;
        long step;
        double stepTimeS;
        double dtS;
        double chargeMah;
        double dischargeMah;
        double chargeMwh;
        double dischargeMwh;
        long unixMs;
    }

    private final NdcRows rows;
    private final double milliPerUnit;
    private final Row row = new Row();
    private boolean hasRow;
    private boolean ended;

    NdcRunInfoTable(NdcMember member) {
        int version = member.version();
        int size = version == 11 ? 47 : version == 14 ? 55 : 100;
        this.rows = new NdcRows(member, size, DATA_START);
        this.milliPerUnit = version == 11 || version == 16 ? 1 / 3600.0 : 1000;
    }

    static boolean reads(int version) {
        return version == 11 || version == 14 || version == 16 || version == 17;
    }

    /** The row for record {@code index}, or null when the table has none for it (to be filled in). */
    Row rowFor(long index) throws IOException {
        while (!ended && (!hasRow || row.index < index)) {
            advance();
        }
        return hasRow && row.index == index ? row : null;
    }

    private void advance() throws IOException {
        long previous = hasRow ? row.index : Long.MIN_VALUE;
        while (rows.next()) {
            ByteBuffer b = rows.page();
            int at = rows.offset();
            long index = b.getInt(at + 41) & 0xFFFF_FFFFL;
            if (index <= previous || index == 0) {
                continue; // a repeated index keeps its first row, as the peers do
            }
            row.index = index;
            row.stepTimeS = (b.getInt(at) & 0xFFFF_FFFFL) / 1000.0;
            row.chargeMah = Math.abs(b.getFloat(at + 5) * milliPerUnit);
            row.dischargeMah = Math.abs(b.getFloat(at + 9) * milliPerUnit);
            row.chargeMwh = Math.abs(b.getFloat(at + 13) * milliPerUnit);
            row.dischargeMwh = Math.abs(b.getFloat(at + 17) * milliPerUnit);
            row.dtS = b.getInt(at + 29) / 1000.0;
            row.unixMs = (b.getInt(at + 33) & 0xFFFF_FFFFL) * 1000 + (b.getShort(at + 45) & 0xFFFF);
            row.step = b.getInt(at + 37) & 0xFFFF_FFFFL;
            hasRow = true;
            return;
        }
        ended = true;
    }

    @Override
    public void close() throws IOException {
        rows.member().close();
    }
}
