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
 * @param departed            true when this is no cycle but the cell leaving its group ({@link
 *                            #departure}); null or false for a cycle (records written
 *                            before departures existed have none)
 * @param testIdSuffix        what the channel's running test adds to its episodes' ids (null: nothing, or a
 *                            record written before it was carried), so the cell's {@code replicate_outlier}
 *                            is named after its test as the channel's own detectors' episodes are
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
        Double overpotentialV,
        Boolean departed,
        String testIdSuffix) {

    /** A closed cycle (not a departure). */
    public GroupCycle(
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
        this(
                group,
                channelId,
                test,
                cycleIndex,
                cellType,
                chemistry,
                startTestTimeS,
                endTestTimeS,
                endWallTimeMs,
                coulombicEfficiency,
                dischargeAh,
                overpotentialV,
                null,
                null);
    }

    /**
     * The group's view of a closed cycle of a channel in a group, in the channel's test that adds {@code
     * testIdSuffix} to its episodes' ids.
     */
    public static GroupCycle of(CycleSummary cycle, ChannelInfo info, int test, String testIdSuffix) {
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
                overpotential,
                null,
                testIdSuffix.isEmpty() ? null : testIdSuffix);
    }

    /**
     * The cell of {@code info}'s channel leaves {@code group}: the operator ended its test, or its
     * metadata no longer name the group. Stamped with where the cell stood (cycle index and clocks), so
     * its resolution says so.
     */
    public static GroupCycle departure(
            String group, ChannelInfo info, int test, int lastCycleIndex, double testTimeS, Long wallTimeMs) {
        return new GroupCycle(
                group,
                info.channelId(),
                test,
                lastCycleIndex,
                info.cellType(),
                info.chemistry(),
                testTimeS,
                testTimeS,
                wallTimeMs,
                null,
                0,
                null,
                Boolean.TRUE,
                null);
    }

    /** Whether this is the cell leaving its group rather than a cycle. */
    public boolean isDeparture() {
        return Boolean.TRUE.equals(departed);
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
