package io.cellwatch.simulator.lab;

import java.util.Locale;

/**
 * A full or half cell's physical death, told to the truth when it comes, and the moment the lab stops
 * the channel after it. Death: a charge passing {@link LabTruth#DEATH_CHARGE_MULTIPLE}× the available
 * capacity, or the voltage collapse of a short that passes more than the charge current at mid
 * voltage (the cycler can no longer lift the cell out of it).
 *
 * <p>The lab stops the channel {@link FullCellRun#AFTER_DEATH_S} after the cycler first logs the
 * dead cell, not after the death itself: a cell that dies in a stretch without rows (a pause of the
 * test, a pause in the middle of a charge) is still on the channel when the cycler resumes its
 * schedule, which logs the collapsed cell and the charge that cannot finish until the lab notices.
 */
final class DeathWatch {
    private final CellPlan plan;
    private final TruthBuilder truth;
    private final double referenceV;
    /** Channel second at which the cycler first logged the dead cell (NaN: not yet). */
    private double seenS = Double.NaN;

    DeathWatch(CellPlan plan, TruthBuilder truth, double referenceV) {
        this.plan = plan;
        this.truth = truth;
        this.referenceV = referenceV;
    }

    /** Tells the truth of the death when the cell, at this moment of this cycle, has just died. */
    void check(int cycle, double channelS, double chargedThisCycleAh, double cycleCapacityAh, FullCellModel cell) {
        if (truth.dead()) {
            return;
        }
        if (chargedThisCycleAh > LabTruth.DEATH_CHARGE_MULTIPLE * cycleCapacityAh) {
            truth.death(
                    cycle,
                    channelS,
                    String.format(
                            Locale.ROOT,
                            "the charge passed %.0f× the available capacity (%.3g mAh)",
                            LabTruth.DEATH_CHARGE_MULTIPLE,
                            1000 * cycleCapacityAh));
        } else if (cell.collapsed() && cell.shortSiemens * referenceV >= plan.chargeRate(cycle) * plan.nominalAh) {
            truth.death(
                    cycle,
                    channelS,
                    String.format(
                            Locale.ROOT,
                            "voltage collapse: open-circuit voltage driven below %.2f V",
                            plan.chemistry.ocv.lowestVolts()));
        }
    }

    /** True when the lab stops the channel now; logged: the cycler is writing rows in this step. */
    boolean labStops(double channelS, boolean logged) {
        if (truth.dead() && logged && Double.isNaN(seenS)) {
            seenS = channelS;
        }
        return channelS >= seenS + FullCellRun.AFTER_DEATH_S;
    }
}
