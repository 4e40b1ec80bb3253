package io.cellwatch.streams.detect.fade;

import io.cellwatch.streams.detect.CapacityReference;
import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.Ewma;

/**
 * Per-channel memory of {@link CapacityFadeDetector}: the reference capacity and the five running
 * sums of an exponentially weighted straight-line fit of retention against cycle index.
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

    int fastRun;
    /** Lithium not returned per ordinary cycle, 1 − min(Qc, Qd)/max(Qc, Qd): what a cell without reservoir fades by. */
    Ewma inventoryLoss = new Ewma();
    /** The usual conditions, to tell a sudden loss from a protocol-made step. */
    CapacityStep step = new CapacityStep();

    int slowRun;
    Episode episode = new Episode();

    public CapacityFadeState() {
        // for the state-store codec
    }

    /** Discharge capacity counted as 100 %, or 0 before it is known. */
    public double referenceDischargeAh() {
        return referenceCount == 0 ? 0 : referenceSumAh / referenceCount;
    }
}
