package io.cellwatch.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a lab knows about the cell on a channel. Published to the compacted channels topic; a channel
 * without one is treated as {@link #defaultsFor(String)}.
 *
 * @param schemaVersion     wire schema version
 * @param channelId         the cycler channel
 * @param cellType          full, half or symmetric
 * @param chemistry         free text, e.g. "NCM622|Li6PS5Cl|Li-In"; selects a detector profile
 * @param electrodeAreaCm2  electrode area for current density (mA/cm²) and areal capacity, or null
 * @param activeMassG       active material mass for specific capacity (mAh/g), or null
 * @param nominalCapacityAh the cell's nominal capacity, or null
 * @param protocol          cycling or a current-density step-up test
 * @param ceConvention      which capacity is the numerator of CE
 * @param group             the replicate group the cell belongs to (cells built alike and run on one
 *                          protocol side by side, a "virtual pack"), compared cycle by cycle with each
 *                          other; null when it belongs to none. Optional on the wire (absent = none), so
 *                          records written before it existed read the same.
 */
public record ChannelInfo(
        @JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String channelId,
        @JsonProperty(required = true) CellType cellType,
        String chemistry,
        Double electrodeAreaCm2,
        Double activeMassG,
        Double nominalCapacityAh,
        @JsonProperty(required = true) TestProtocol protocol,
        @JsonProperty(required = true) CeConvention ceConvention,
        String group) {

    public static final int SCHEMA_VERSION = 1;

    public ChannelInfo {
        WireChecks.schemaVersion("ChannelInfo", schemaVersion, SCHEMA_VERSION);
        WireChecks.channelId("ChannelInfo", channelId);
        WireChecks.notNull("ChannelInfo.cellType", cellType);
        WireChecks.notNull("ChannelInfo.protocol", protocol);
        WireChecks.notNull("ChannelInfo.ceConvention", ceConvention);
        WireChecks.positiveOrNull("ChannelInfo.electrodeAreaCm2", electrodeAreaCm2);
        WireChecks.positiveOrNull("ChannelInfo.activeMassG", activeMassG);
        WireChecks.positiveOrNull("ChannelInfo.nominalCapacityAh", nominalCapacityAh);
        group = group == null || group.isBlank() ? null : group.strip();
    }

    /** A cell in no replicate group. */
    public ChannelInfo(
            int schemaVersion,
            String channelId,
            CellType cellType,
            String chemistry,
            Double electrodeAreaCm2,
            Double activeMassG,
            Double nominalCapacityAh,
            TestProtocol protocol,
            CeConvention ceConvention) {
        this(
                schemaVersion,
                channelId,
                cellType,
                chemistry,
                electrodeAreaCm2,
                activeMassG,
                nominalCapacityAh,
                protocol,
                ceConvention,
                null);
    }

    /** The same cell in another replicate group (null: none). */
    public ChannelInfo withGroup(String newGroup) {
        return new ChannelInfo(
                schemaVersion,
                channelId,
                cellType,
                chemistry,
                electrodeAreaCm2,
                activeMassG,
                nominalCapacityAh,
                protocol,
                ceConvention,
                newGroup);
    }

    /** A full cell cycling with CE = Qd/Qc, nothing else known. */
    public static ChannelInfo defaultsFor(String channelId) {
        return new ChannelInfo(
                SCHEMA_VERSION,
                channelId,
                CellType.FULL,
                null,
                null,
                null,
                null,
                TestProtocol.CYCLING,
                CeConvention.DISCHARGE_OVER_CHARGE);
    }
}
