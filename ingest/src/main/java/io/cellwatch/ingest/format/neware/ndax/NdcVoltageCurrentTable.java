package io.cellwatch.ingest.format.neware.ndax;

import io.cellwatch.ingest.format.neware.nda.NewareRow;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@code data.ndc} of ndc versions 11, 14, 16 and 17: a voltage and a current float per record, the
 * record's index being its slot. Versions 11 and 16 store 0.1 mV and mA, versions 14 and 17 V and A.
 */
final class NdcVoltageCurrentTable implements NdcDataTable {
    private static final int ROW = 8;
    private static final int DATA_START = 132;

    private final NdcRows rows;
    private final double voltsPerUnit;
    private final double milliampsPerUnit;

    NdcVoltageCurrentTable(NdcMember member) {
        this.rows = new NdcRows(member, ROW, DATA_START);
        boolean tenthMillivolts = member.version() == 11 || member.version() == 16;
        this.voltsPerUnit = tenthMillivolts ? 1e-4 : 1;
        this.milliampsPerUnit = tenthMillivolts ? 1 : 1000;
    }

    @Override
    public boolean next(NewareRow row) throws IOException {
        if (!rows.next()) {
            return false;
        }
        ByteBuffer b = rows.page();
        int at = rows.offset();
        row.index = rows.slot();
        row.voltageV = b.getFloat(at) * voltsPerUnit;
        row.currentMa = b.getFloat(at + 4) * milliampsPerUnit;
        return true;
    }

    @Override
    public boolean selfContained() {
        return false;
    }

    @Override
    public void close() throws IOException {
        rows.member().close();
    }
}
