package io.cellwatch.streams.cycle;

/**
 * The time the rows resolve and ∫|V|dt over it, kept in the {@link CycleState} as rows arrive, so that a cycle's
 * summary gives the voltage an internal short saw, drawing V/R in every step and rest: the rests' voltage is
 * nothing the steps' ends tell (a cell drained by its short sits near its collapse for hours; an anode half cell
 * after its lithiation rests near 0 V, not midway between its cut-offs), and the steps' charge-weighted means
 * put a constant-voltage tail (long, little charge, at the top) too low.
 *
 * <p>Over an interval between two rows the voltage is taken as the mean of the two. Only intervals the rows
 * resolve count (up to the summarizer's integration gap, an hour): across a longer gap without rows a short can
 * take the cell from its cut-off to its collapse along a curve the two ends do not give (range 13001
 * resistive-short-full-cell seed 13001: 8.6 days without rows from 2.6 V to 0.02 V, the straight line between them
 * 1.3 V, the cell near 0 V for most of it). That time is in neither sum; the leak estimate treats it as time whose
 * voltage it does not know. The interval ending at a cycle's first row began in the previous cycle: it is in no
 * cycle's own sums, as it is in no cycle's first-to-last-row span; it is in the balance.
 */
final class RowVoltage {
    private RowVoltage() {}

    /** One interval the rows resolve, {@code dtS} seconds at {@code meanAbsV}. */
    static void add(CycleState state, double dtS, double meanAbsV) {
        double voltSeconds = meanAbsV * dtS;
        if (state.sampleCount > 0) {
            state.rowsS = plus(state.rowsS, dtS);
            state.voltSeconds = plus(state.voltSeconds, voltSeconds);
        }
        state.pendingRowsS = plus(state.pendingRowsS, dtS);
        state.pendingVoltSeconds = plus(state.pendingVoltSeconds, voltSeconds);
    }

    /** A step's row with current: what the rows covered since the previous one is inside the open cycle's balance. */
    static void closeBalance(CycleState state) {
        state.balanceRowsS = plus(state.balanceRowsS, state.pendingRowsS);
        state.balanceVoltSeconds = plus(state.balanceVoltSeconds, state.pendingVoltSeconds);
        state.pendingRowsS = 0.0;
        state.pendingVoltSeconds = 0.0;
    }

    /** Whether the open cycle's balance sums cover its whole balance span (both step ends known). */
    static boolean balanceKnown(CycleState state) {
        return state.stepsEndTestTimeS != null
                && state.priorStepsEndTestTimeS != null
                && state.balanceRowsS != null
                && state.balanceVoltSeconds != null;
    }

    /** A sum that stays unknown once a part of it is. */
    private static Double plus(Double sum, Double part) {
        return sum == null || part == null ? null : sum + part;
    }
}
