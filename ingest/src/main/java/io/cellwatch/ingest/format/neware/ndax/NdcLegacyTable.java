package io.cellwatch.ingest.format.neware.ndax;

import io.cellwatch.ingest.format.neware.nda.CurrentRange;
import io.cellwatch.ingest.format.neware.nda.NewareRow;
import io.cellwatch.ingest.format.neware.nda.RecordFields;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.ZoneId;

/**
 * {@code data.ndc} of ndc versions 2 and 5: whole records, like the nda v29 ones (integers in units
 * of the record's current range, counters in mA·s and mW·s, the PC's local date and time).
 */
final class NdcLegacyTable implements NdcDataTable {
    private final NdcLegacyLayout layout;
    private final NdcRows rows;
    private final ZoneId zone;

    NdcLegacyTable(NdcMember member, ZoneId zone) {
        this.layout = NdcLegacyLayout.of(member.version());
        this.rows = layout.rows(member, NdcLegacyLayout.DATA_MARKER);
        this.zone = zone;
    }

    @Override
    public boolean next(NewareRow row) throws IOException {
        if (!rows.next()) {
            return false;
        }
        ByteBuffer b = rows.page();
        int at = rows.offset() + layout.base;
        row.index = b.getInt(at + 1) & 0xFFFF_FFFFL;
        row.storedCycle = (int) Math.min(Integer.MAX_VALUE - 1, b.getInt(at + 5) & 0xFFFF_FFFFL) + 1;
        row.stepIndex = b.get(at + 9) & 0xFF;
        row.status = b.get(at + 10) & 0xFF;
        row.stepKey = row.stepIndex;
        row.stepTimeS = b.getLong(at + 16) / 1000.0;
        row.voltageV = b.getInt(at + 24) / 10000.0;
        double unit = CurrentRange.milliampsPerUnit(b.getInt(at + 75));
        row.currentMa = b.getInt(at + 28) * unit;
        RecordFields.rangedCounters(b, at + 36, unit, row);
        RecordFields.localStamp(b, at + 68, zone, row);
        return true;
    }

    @Override
    public boolean selfContained() {
        return true;
    }

    @Override
    public void close() throws IOException {
        rows.member().close();
    }
}
