package io.cellwatch.streams.cycle;

/**
 * The rests' time and ∫|V|dt, kept in the {@link CycleState} as rows arrive, so that a cycle's summary gives
 * the voltage an internal short saw while no step drove the cell: a short draws V/R then too, and the rest's
 * voltage is nothing the steps' ends tell (a cell drained by its short sits near its collapse for hours; an
 * anode half cell after its lithiation rests near 0 V, not midway between its cut-offs).
 *
 * <p>A rest is every interval between two rows not counted as a charge or discharge step's time: a rest step,
 * anything else the cycler does without moving charge, a step held at zero current. Over an interval the
 * voltage is taken as the mean of its two rows'. Only intervals the rows resolve count (up to the summarizer's
 * integration gap, an hour): across a longer gap without rows a short can take the cell from its cut-off to
 * its collapse along a curve the two ends do not give (range 13001 resistive-short-full-cell seed 13001: 8.6
 * days without rows from 2.6 V to 0.02 V, the straight line between them 1.3 V, the cell near 0 V for most of
 * it). That time is in neither sum, and the leak estimate treats it as the rests it does not know. The interval ending at a cycle's first row began in the previous cycle:
 * it is in no cycle's own rests, as it is in no cycle's first-to-last-row span; it is in the balance.
 */
final class RestVoltage {
    private RestVoltage() {}

    /** One resting interval of {@code dtS} seconds at {@code meanAbsV}. */
    static void add(CycleState state, double dtS, double meanAbsV) {
        double voltSeconds = meanAbsV * dtS;
        if (state.sampleCount > 0) {
            state.restDurationS = plus(state.restDurationS, dtS);
            state.restVoltSeconds = plus(state.restVoltSeconds, voltSeconds);
        }
        state.pendingRestDurationS = plus(state.pendingRestDurationS, dtS);
        state.pendingRestVoltSeconds = plus(state.pendingRestVoltSeconds, voltSeconds);
    }

    /** A step's row with current: what rested since the previous one is inside the open cycle's balance. */
    static void closeBalance(CycleState state) {
        state.balanceRestDurationS = plus(state.balanceRestDurationS, state.pendingRestDurationS);
        state.balanceRestVoltSeconds = plus(state.balanceRestVoltSeconds, state.pendingRestVoltSeconds);
        state.pendingRestDurationS = 0.0;
        state.pendingRestVoltSeconds = 0.0;
    }

    /** Whether the open cycle's balance rests cover its whole balance span (both step ends known). */
    static boolean balanceKnown(CycleState state) {
        return state.stepsEndTestTimeS != null
                && state.priorStepsEndTestTimeS != null
                && state.balanceRestDurationS != null
                && state.balanceRestVoltSeconds != null;
    }

    /** A sum that stays unknown once a part of it is. */
    private static Double plus(Double sum, Double part) {
        return sum == null || part == null ? null : sum + part;
    }
}
