package io.cellwatch.streams.detect.fade;

import io.cellwatch.streams.detect.CapacityReference;
import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.Ewma;

/**
 * Per-channel memory of {@link CapacityFadeDetector}: the retention fit, the temperature it holds
 * for, and the usual conditions of a cycle.
 */
public final class CapacityFadeState {
    int cyclesSeen;
    CapacityReference reference = new CapacityReference();
    int referenceCount;
    double referenceSumAh;
    double sumW;
    double sumX;
    double sumY;
    double sumXX;
    double sumXY;
    int fitted;
    /** Cycle index the fit's x is measured from (keeps the sums small). */
    int originCycle;

    /** The chamber temperature the fit's cycles ran at (retention compares only cycles at one temperature). */
    Ewma fitTemperatureC = new Ewma();
    /** The |voltage| the fit's charges ended at (retention compares only cycles to the same voltage limits). */
    Ewma fitEndOfChargeV = new Ewma();
    /** The |voltage| the fit's discharges ended at. */
    Ewma fitEndOfDischargeV = new Ewma();
    /**
     * Consecutive ordinary cycles away from the fit's temperature or voltage limits (the name is the stored
     * one, from before the voltage limits were compared too).
     */
    int otherTemperatureRun;

    int fastRun;
    /** Lithium not returned per ordinary cycle, 1 − min(Qc, Qd)/max(Qc, Qd): what a cell without reservoir fades by. */
    Ewma inventoryLoss = new Ewma();
    /** The usual conditions, to tell a sudden loss from a protocol-made step. */
    CapacityStep step = new CapacityStep();
    /** What the cell held lately under each set of conditions, to tell a loss from a change of conditions. */
    ConditionLevels levels = new ConditionLevels();

    int slowRun;
    Episode episode = new Episode();

    public CapacityFadeState() {
        // for the state-store codec
    }

    /** Discharge capacity counted as 100 %, or 0 before it is known. */
    public double referenceDischargeAh() {
        return RetentionFit.referenceDischargeAh(this);
    }
}
