package io.cellwatch.streams.detect;

import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;

/**
 * Which sign of the current charges the cell (raises |V|), learnt from the channel's own steps.
 *
 * <p>Why: cyclers name and sign steps by the working electrode, so a half cell written from the
 * other electrode, or a file with the voltage the other way round, has its "charge" lowering the
 * cell's voltage. Detectors that judge the charge (the voltage only climbs under constant current;
 * a charge that does not end) must judge the step that charges the cell. Each step of one current
 * sign that moved |V| by more than {@value #MIN_MOVE} of it votes: |V| rose under positive current,
 * or fell under negative current, says positive current charges the cell. A constant-current step
 * moves a full or half cell's voltage by tens of percent; a constant-voltage hold stays within the
 * cycler's voltage control (a fraction of a millivolt) and does not vote. Unknown (null) until a
 * step has voted; a detector does not judge charges before.
 */
public final class VoltageDirection {
    /** Relative move of |V| over a step below which the step says nothing about direction. */
    static final double MIN_MOVE = 0.01;

    int votes;
    boolean open;
    int cycleIndex;
    int stepIndex;
    int currentSign;
    double startAbsV;
    double lastAbsV;
    int samples;

    public VoltageDirection() {
        // for the state-store codec
    }

    /** Folds a sample in (any step). */
    public void accept(Sample sample) {
        int sign = (int) Math.signum(sample.currentA());
        double absV = Math.abs(sample.voltageV());
        boolean same =
                open && sign == currentSign && sample.stepIndex() == stepIndex && sample.cycleIndex() == cycleIndex;
        if (!same) {
            closeStep();
            open = sign != 0;
            cycleIndex = sample.cycleIndex();
            stepIndex = sample.stepIndex();
            currentSign = sign;
            startAbsV = absV;
            samples = 0;
        }
        lastAbsV = absV;
        samples++;
    }

    private void closeStep() {
        if (!open || samples < 3 || Math.abs(lastAbsV - startAbsV) <= MIN_MOVE * Math.max(lastAbsV, startAbsV)) {
            return;
        }
        boolean rose = lastAbsV > startAbsV;
        votes += (rose == (currentSign > 0)) ? 1 : -1;
        votes = Math.max(-10, Math.min(10, votes));
    }

    /** True when positive current charges the cell, false when negative does, null while unknown. */
    public Boolean positiveCurrentCharges() {
        return votes == 0 ? null : votes > 0;
    }

    /**
     * The sample as the cell sees it: |V|, and when negative current charges the cell, the current's
     * sign, the step type and the charge and discharge counters swapped, so "charge" is the step
     * that charges the cell. Unchanged for the usual cell (positive voltage, positive current charging)
     * and while the direction is unknown.
     */
    public Sample oriented(Sample s) {
        boolean flip = Boolean.FALSE.equals(positiveCurrentCharges());
        if (!flip && s.voltageV() >= 0) {
            return s;
        }
        StepType type = s.stepType();
        if (flip) {
            type = type == StepType.CHARGE ? StepType.DISCHARGE : type == StepType.DISCHARGE ? StepType.CHARGE : type;
        }
        return new Sample(
                s.schemaVersion(),
                s.channelId(),
                s.dataPoint(),
                s.wallTimeMs(),
                s.testTimeS(),
                s.cycleIndex(),
                s.stepIndex(),
                type,
                Math.abs(s.voltageV()),
                flip ? -s.currentA() : s.currentA(),
                flip ? s.dischargeCapacityAh() : s.chargeCapacityAh(),
                flip ? s.chargeCapacityAh() : s.dischargeCapacityAh(),
                flip ? s.dischargeEnergyWh() : s.chargeEnergyWh(),
                flip ? s.chargeEnergyWh() : s.dischargeEnergyWh(),
                s.temperatureC(),
                s.auxiliary());
    }

    /** True when this sample's current charges the cell (raises |V|) and the direction is known. */
    public boolean charging(Sample sample) {
        Boolean positive = positiveCurrentCharges();
        if (positive == null || sample.currentA() == 0) {
            return false;
        }
        return (sample.currentA() > 0) == positive;
    }
}
