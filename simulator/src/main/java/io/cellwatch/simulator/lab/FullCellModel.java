package io.cellwatch.simulator.lab;

import io.cellwatch.simulator.OcvCurve;

/**
 * The electrical state of a full or half cell, advanced in small time steps because an internal
 * short's leak current depends on the cell's own voltage (I_leak = V/R) and so has no closed form.
 *
 * <p>The model is the simulator's full-cell model ({@code FullCellChannel}) with the short made
 * resistive: x is the state of charge in the voltage-raising direction as a fraction of the cycle's
 * available capacity; the electrode surface runs ahead of the bulk by u (concentration
 * polarisation), which relaxes towards k·C_ionic with time constant τ; the cell voltage is
 * OCV(x + u) + I_ionic·R; a short of conductance G in parallel carries I_leak = G·V_cell, so the
 * ionic current is I − G·V_cell and V_cell = (OCV(x+u) + I·R)/(1 + G·R). Contact resistance lies
 * outside the cell: it adds I·R_contact to the terminal voltage the cycler sees, not to what the
 * short sees. A fraction {@code loss} of the ionic current in the lossy direction (lithiating the
 * host) feeds side reactions instead of the electrode.
 *
 * <p>Below the OCV table (a short driving the cell past empty) the open-circuit voltage sinks
 * exponentially to the chemistry's collapse floor (0 V for a full cell): the voltage collapse.
 */
final class FullCellModel {
    /** Width (in state of charge) of the exponential collapse below the table. */
    private static final double COLLAPSE_WIDTH = 0.01;

    private final OcvCurve ocv;
    private final double collapseFloorV;
    private final boolean lossOnCharge;
    private final double nominalAh;
    private final double concentrationSocPerC;
    private final double relaxationS;

    // Set per cycle or per step by the run.
    double capacityAh;
    double resistanceOhm;
    double contactOhm;
    double loss;
    double shortSiemens;
    double selfDischargeSiemens;

    // State.
    double x;
    double u;

    /** The plan's cell: its chemistry's curve and collapse floor, its size, diffusion and relaxation. */
    FullCellModel(CellPlan plan) {
        Chemistry chemistry = plan.chemistry;
        this.ocv = chemistry.ocv;
        this.collapseFloorV = chemistry.collapseFloorV();
        // Anode half cells lithiate (discharge) first and lose their charge then; every other cell on its charge.
        this.lossOnCharge = !chemistry.dischargeFirst;
        this.nominalAh = plan.nominalAh;
        this.concentrationSocPerC = plan.concentrationSocPerC;
        this.relaxationS = plan.relaxationS;
    }

    /** Open-circuit voltage at state of charge s, collapsing below the table. */
    double ocvAt(double s) {
        double lowest = ocv.lowestSoc();
        if (s >= lowest) {
            return ocv.volts(s);
        }
        double top = ocv.lowestVolts();
        return collapseFloorV + (top - collapseFloorV) * Math.exp((s - lowest) / COLLAPSE_WIDTH);
    }

    /** True when the short has emptied the cell past the bottom of its table. */
    boolean collapsed() {
        return x < ocv.lowestSoc();
    }

    double conductanceS() {
        return shortSiemens + selfDischargeSiemens;
    }

    /** Cell voltage (inside the contacts) at this applied current, charge positive. */
    double cellVoltage(double appliedA) {
        return (ocvAt(x + u) + appliedA * resistanceOhm) / (1 + conductanceS() * resistanceOhm);
    }

    /** Terminal voltage the cycler measures. */
    double terminalVoltage(double appliedA) {
        return cellVoltage(appliedA) + appliedA * contactOhm;
    }

    /**
     * The constant applied current over the next dt that brings the terminal voltage to v at its end
     * (a constant-voltage step), at most capA and not negative. Solved implicitly on the OCV's local
     * slope: near the top of a flat-then-steep curve (LFP) the cell's time constant under CV is
     * seconds, and an explicit step would overshoot the voltage.
     */
    double constantVoltageCurrent(double dtS, double v, double capA) {
        double g = conductanceS();
        double r = resistanceOhm;
        double rc = contactOhm;
        double surface = x + u;
        double o = ocvAt(surface);
        double slope = surface >= ocv.lowestSoc() ? ocv.slope(surface) : 0;
        double relaxed = 1 - Math.exp(-dtS / relaxationS);
        double perIonic =
                (lossOnCharge ? 1 - loss : 1) * dtS / (3600 * capacityAh) + concentrationSocPerC / nominalAh * relaxed;
        double offset = -u * relaxed;
        double effective = slope * perIonic + r;
        double current = (v * (1 + g * effective) - o - slope * offset) / (rc + effective * (1 + g * rc));
        return Math.max(0, Math.min(capA, current));
    }

    /** The fault short's current at this applied current. */
    double leakCurrent(double appliedA) {
        return shortSiemens * cellVoltage(appliedA);
    }

    /**
     * Moves the state on by dt at a constant applied current, returning the largest step that keeps
     * the state-of-charge change under maxDeltaX (the caller re-steps when it was shorter).
     */
    double maxStepS(double appliedA, double maxDeltaX) {
        double ionic = Math.abs(appliedA - conductanceS() * cellVoltage(appliedA));
        return ionic <= 0 ? Double.POSITIVE_INFINITY : maxDeltaX * 3600 * capacityAh / ionic;
    }

    void advance(double dtS, double appliedA) {
        double ionic = appliedA - conductanceS() * cellVoltage(appliedA);
        boolean lossy = lossOnCharge ? ionic > 0 : ionic < 0;
        double stored = lossy ? ionic * (1 - loss) : ionic;
        x += stored * dtS / (3600 * capacityAh);
        double target = concentrationSocPerC * ionic / nominalAh;
        u = target + (u - target) * Math.exp(-dtS / relaxationS);
    }

    /** A copy of the state, to step again from (bisection of a step end). */
    double[] save() {
        return new double[] {x, u};
    }

    void restore(double[] saved) {
        x = saved[0];
        u = saved[1];
    }
}
