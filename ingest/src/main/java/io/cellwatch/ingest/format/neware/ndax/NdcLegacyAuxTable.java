package io.cellwatch.ingest.format.neware.ndax;

import io.cellwatch.ingest.format.neware.nda.AuxChannels;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Auxiliary tables of ndc versions 2 and 5: whole records carrying their index, {@code 0x65} with a
 * voltage (0.1 mV) and a temperature (0.1 °C), {@code 0x74} with the chamber's set temperature too.
 */
final class NdcLegacyAuxTable extends NdcAuxRows {
    private final NdcLegacyLayout layout;
    private final int auxId;

    NdcLegacyAuxTable(NdcMember member, int auxId) {
        this(NdcLegacyLayout.of(member.version()), member, auxId);
    }

    private NdcLegacyAuxTable(NdcLegacyLayout layout, NdcMember member, int auxId) {
        super(layout.rows(member, NdcLegacyLayout.AUX_VOLTAGE_TEMPERATURE, NdcLegacyLayout.AUX_WITH_SET_TEMPERATURE));
        this.layout = layout;
        this.auxId = auxId;
    }

    @Override
    long decode(NdcRows rows, Map<String, Double> into) {
        ByteBuffer b = rows.page();
        int at = rows.offset() + layout.base;
        into.put(AuxChannels.voltage(auxId), b.getInt(at + 24) / 10000.0);
        into.put(AuxChannels.temperature(auxId), b.getShort(at + 34) / 10.0);
        if ((b.get(rows.offset()) & 0xFF) == NdcLegacyLayout.AUX_WITH_SET_TEMPERATURE) {
            into.put(AuxChannels.setTemperature(auxId), b.getShort(at + 36) / 10.0);
        }
        return b.getInt(at + 1) & 0xFFFF_FFFFL;
    }
}
