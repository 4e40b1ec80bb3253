package io.cellwatch.streams.detect.softshort;

import io.cellwatch.model.Severity;
import io.cellwatch.streams.detect.Ewma;

/** Per-channel memory of {@link CapacityDivergenceDetector}: a baseline and a few counters. */
public final class CapacityDivergenceState {
    int cyclesSeen;
    Ewma chargeBaseline = new Ewma();
    Ewma dischargeBaseline = new Ewma();
    int divergentRun;
    int normalRun;
    String activeAlertId;
    Severity activeSeverity;

    public CapacityDivergenceState() {
        // for the state-store codec
    }

    public boolean firing() {
        return activeAlertId != null;
    }

    public Severity activeSeverity() {
        return activeSeverity;
    }

    public double baselineChargeAh() {
        return chargeBaseline.mean();
    }

    public double baselineDischargeAh() {
        return dischargeBaseline.mean();
    }
}
