package io.cellwatch.simulator.lab;

import java.util.List;

/**
 * Scenarios no template draws, built in the simulator's package for the evaluation's tests: a case the
 * library's trajectories reach too rarely to test on.
 */
public final class HandMadeScenarios {
    private HandMadeScenarios() {}

    /**
     * A Li-ion cell for two days, then a new one on the reused channel whose charge at cycle {@code pausedCycle}
     * pauses for {@code pauseS} with no rows logged.
     */
    public static LabScenario newCellThatPausesMidCharge(int pausedCycle, double pauseS) {
        CellDraw d = new CellDraw("hand-made-new-cell-pausing", 1);
        CellPlan first = d.fullCell(Chemistry.values()[0]);
        CellPlan second = d.newCell(Chemistry.values()[0]);
        second.midChargePauses.add(new CellPlan.MidChargePause(pausedCycle, 0.5, pauseS));
        CyclerQuirks newFile = new CyclerQuirks();
        List<LabScenario.Cell> cells = List.of(
                new LabScenario.Cell(d.info(first), first, null, d.logging, d.quirks, 48, first.testTimeAtStartS),
                new LabScenario.Cell(d.info(second), second, null, d.logging, newFile, 96, 0));
        return new LabScenario(
                "hand-made-new-cell-pausing",
                1,
                FaultFamily.NONE,
                CellDraw.words(second),
                "a new cell on the reused channel pauses mid-charge",
                cells,
                List.of(),
                LabScenario.START_EPOCH_MS);
    }
}
