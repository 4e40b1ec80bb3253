package io.cellwatch.ingest.format.neware.ndax;

import io.cellwatch.ingest.format.neware.nda.AuxChannels;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.Map;

/**
 * Auxiliary tables of ndc versions 11 and 16, whose first row's marker says the layout: {@code 0x65}
 * rows of 7 bytes (marker, voltage float in 0.1 mV, temperature in 0.1 °C) numbered by slot, or
 * (version 11) {@code 0x74} rows of 88 bytes carrying their record index and a temperature.
 */
final class NdcAuxMarkedTable extends NdcAuxRows {
    private static final int DATA_START = 132;
    private static final int VOLTAGE_TEMPERATURE = 0x65;
    private static final int TEMPERATURE_WITH_INDEX = 0x74;

    private final int auxId;
    private final boolean indexed;

    private NdcAuxMarkedTable(NdcRows rows, int auxId, boolean indexed) {
        super(rows);
        this.auxId = auxId;
        this.indexed = indexed;
    }

    static NdcAuxMarkedTable open(NdcMember member, int auxId) throws IOException {
        int marker = member.peek(DATA_START);
        if (marker == TEMPERATURE_WITH_INDEX && member.version() == 11) {
            return new NdcAuxMarkedTable(new NdcRows(member, 88, DATA_START), auxId, true);
        }
        if (marker == VOLTAGE_TEMPERATURE || marker == -1) {
            return new NdcAuxMarkedTable(new NdcRows(member, 7, DATA_START), auxId, false);
        }
        throw member.damaged(
                member.pageSize() + DATA_START,
                "first row, row marker",
                "an auxiliary row starting 0x65" + (member.version() == 11 ? " or 0x74" : ""),
                String.format(Locale.ROOT, "0x%02x", marker));
    }

    @Override
    long decode(NdcRows rows, Map<String, Double> into) {
        ByteBuffer b = rows.page();
        int at = rows.offset();
        if (indexed) {
            into.put(AuxChannels.temperature(auxId), b.getShort(at + 35) / 10.0);
            return b.getInt(at + 1) & 0xFFFF_FFFFL;
        }
        into.put(AuxChannels.voltage(auxId), b.getFloat(at + 1) * 1e-4);
        into.put(AuxChannels.temperature(auxId), b.getShort(at + 5) / 10.0);
        return rows.slot();
    }
}
