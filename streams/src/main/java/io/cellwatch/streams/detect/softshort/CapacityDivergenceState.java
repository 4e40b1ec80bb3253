package io.cellwatch.streams.detect.softshort;

import io.cellwatch.model.Severity;
import io.cellwatch.streams.detect.CapacityReference;
import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.Ewma;
import io.cellwatch.streams.detect.leak.CycleOrientation;

/** Per-channel memory of {@link CapacityDivergenceDetector}: a baseline and a few counters. */
public final class CapacityDivergenceState {
    int cyclesSeen;
    CycleOrientation orientation = new CycleOrientation();
    CapacityReference reference = new CapacityReference();
    Ewma chargeBaseline = new Ewma();
    Ewma dischargeBaseline = new Ewma();
    int divergentRun;
    /**
     * The usual returned fraction (discharge over charge, in the cell's orientation) of the baseline
     * cycles, with its scatter: what the leak estimate subtracts.
     */
    Ewma balanceBaseline = new Ewma();
    /** Charge leaked in the previous judged cycle (for the leak estimate's non-steady term). */
    double previousLeakedAh;
    /**
     * The interval of the short's conductance the previous judged cycle's balance allowed, S: how far this
     * cycle's short changed from it ({@link io.cellwatch.streams.detect.leak.CycleLeak.Balance}). NaN where
     * unknown.
     */
    double previousConductanceS = Double.NaN;

    double previousConductanceHighS = Double.NaN;

    boolean hasPreviousLeak;
    Episode episode = new Episode();

    public CapacityDivergenceState() {
        // for the state-store codec
    }

    public boolean firing() {
        return episode.firing();
    }

    public Severity activeSeverity() {
        return episode.severity();
    }

    public double baselineChargeAh() {
        return chargeBaseline.mean();
    }

    public double baselineDischargeAh() {
        return dischargeBaseline.mean();
    }
}
