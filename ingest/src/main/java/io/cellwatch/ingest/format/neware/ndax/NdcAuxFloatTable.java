package io.cellwatch.ingest.format.neware.ndax;

import java.util.Map;

/**
 * Auxiliary tables of ndc versions 14 and 17: one float per record slot, whose meaning is the
 * channel's {@code ChlType} in {@code TestInfo.xml} (temperature in °C, voltage in V, ...).
 */
final class NdcAuxFloatTable extends NdcAuxRows {
    private static final int ROW = 4;
    private static final int DATA_START = 132;

    private final String name;

    NdcAuxFloatTable(NdcMember member, String name) {
        super(new NdcRows(member, ROW, DATA_START));
        this.name = name;
    }

    @Override
    long decode(NdcRows rows, Map<String, Double> into) {
        into.put(name, (double) rows.page().getFloat(rows.offset()));
        return rows.slot();
    }
}
