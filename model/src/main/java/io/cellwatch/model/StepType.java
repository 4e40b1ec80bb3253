package io.cellwatch.model;

/**
 * What the cycler was doing during a step. Vendors name steps differently (Maccor C/D/R, Neware
 * "CC Chg"/"CCCV Chg", Arbin step names); readers map them onto these four. Where a file carries no
 * step type, readers derive it from the sign of the current (charge positive).
 */
public enum StepType {
    CHARGE,
    DISCHARGE,
    REST,
    /** Impedance scans, pauses, anything that moves no net charge the cycle summary should count. */
    OTHER;

    /** Current flows through the cell in this step (a charge or a discharge), as opposed to a rest or a scan. */
    public boolean underCurrent() {
        return this == CHARGE || this == DISCHARGE;
    }

    /** Classifies by current sign, for files without a step-type column. */
    public static StepType fromCurrent(double currentA, double restThresholdA) {
        if (currentA > restThresholdA) {
            return CHARGE;
        }
        if (currentA < -restThresholdA) {
            return DISCHARGE;
        }
        return REST;
    }
}
