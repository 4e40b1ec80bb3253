package io.cellwatch.streams.detect.replicate;

import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;

/**
 * One complete cycle of a cell in a replicate group, as the group compares it with its siblings'
 * cycle of the same index. Travels from the channel's pipeline to the group's (re-keyed by group in
 * the live topology).
 *
 * @param group               the replicate group
 * @param channelId           the cell's channel
 * @param test                the channel's test number (a new test on the channel is a new cell)
 * @param cycleIndex          the cycler's cycle index
 * @param cellType            the cell's type (for its detector profile)
 * @param chemistry           the cell's chemistry, or null (for its detector profile)
 * @param startTestTimeS      the cycle's first sample
 * @param endTestTimeS        the cycle's last sample
 * @param endWallTimeMs       the cycle's last sample by the wall clock, or null
 * @param coulombicEfficiency CE in the channel's convention, or null
 * @param dischargeAh         discharge capacity
 * @param overpotentialV      half the gap between the mean charge and mean discharge voltages: the
 *                            plateau overpotential of a symmetric cell, the polarisation plus half
 *                            the open-circuit hysteresis of a full or half cell; null when unknown
 */
public record GroupCycle(
        String group,
        String channelId,
        int test,
        int cycleIndex,
        CellType cellType,
        String chemistry,
        double startTestTimeS,
        double endTestTimeS,
        Long endWallTimeMs,
        Double coulombicEfficiency,
        double dischargeAh,
        Double overpotentialV) {

    /** The group's view of a closed cycle of a channel in a group. */
    public static GroupCycle of(CycleSummary cycle, ChannelInfo info, int test) {
        Double up = cycle.meanChargeVoltageV();
        Double down = cycle.meanDischargeVoltageV();
        Double overpotential = up == null || down == null ? null : Math.abs(up - down) / 2;
        return new GroupCycle(
                info.group(),
                cycle.channelId(),
                test,
                cycle.cycleIndex(),
                info.cellType(),
                info.chemistry(),
                cycle.startTestTimeS(),
                cycle.endTestTimeS(),
                cycle.endWallTimeMs(),
                cycle.coulombicEfficiency(),
                cycle.dischargeAh(),
                overpotential);
    }

    /** The member as a channel, for its detector profile. */
    ChannelInfo asChannel() {
        ChannelInfo d = ChannelInfo.defaultsFor(channelId);
        return new ChannelInfo(
                d.schemaVersion(),
                channelId,
                cellType,
                chemistry,
                null,
                null,
                null,
                d.protocol(),
                d.ceConvention(),
                group);
    }
}
