package io.cellwatch.streams.detect.quality;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import io.cellwatch.streams.detect.AnodeHalfCell;
import io.cellwatch.streams.detect.Episode;
import java.util.Locale;
import java.util.Map;

/**
 * Judges whether a channel declared an anode half cell cycles at an anode's voltages against lithium.
 *
 * <p>Why: a lab that puts a new cell on a channel often leaves the channel's metadata as they were. A full
 * cell left under an anode half cell's metadata has its CE read the anode's way (Q_charge / Q_discharge),
 * over 1 by all its healthy losses, and the CE watch holds an anode half cell to that line of 1 (nothing
 * healthy in it gives out more than it took). The voltages tell the two apart: no intercalation or alloy
 * anode reacts against lithium above {@link AnodeHalfCell#MAX_MEAN_VOLTAGE_V} on average. A charge and the
 * discharge next to it both above it (charge-weighted, as the cycle summary's mean voltages are) are a
 * cycle of another cell; a conversion anode gives out its lithium above 2 V on one step only. It takes two
 * cycles running: a pair of pulses at a fresh electrode's open-circuit voltage (about 3 V before its first
 * lithiation) is one, and the first lithiation after it is an anode's.
 */
final class DeclaredCell {
    private DeclaredCell() {}

    /** Cycles running with both steps above an anode's voltages that fire the warning. */
    static final int CYCLES_RUNNING = 2;

    /** Folds the interval up to {@code sample}, in the open step, into the step's charge-weighted voltage. */
    static void count(DataQualityState state, Sample sample) {
        double dt = sample.testTimeS() - state.lastTestTimeS;
        if (!state.stepType.underCurrent() || !(dt > 0)) {
            return;
        }
        double ah = Math.abs(sample.currentA()) * dt / 3600;
        state.stepVoltAh += Math.abs(sample.voltageV()) * ah;
        state.stepAh += ah;
    }

    /** The finished step in {@code state} (before the next one opens): a finding, or null. */
    static Finding judge(DataQualityState state, ChannelInfo channel) {
        StepType type = state.stepType;
        if (!type.underCurrent() || !(state.stepAh > 0)) {
            return null;
        }
        double meanV = state.stepVoltAh / state.stepAh;
        StepType previousType = state.lastMeanStepType;
        double previousMeanV = state.lastStepMeanAbsV;
        state.lastMeanStepType = type;
        state.lastStepMeanAbsV = meanV;
        if (!AnodeHalfCell.declared(channel) || previousType == null || previousType == type) {
            return null;
        }
        if (AnodeHalfCell.atAnodeVoltage(meanV) || AnodeHalfCell.atAnodeVoltage(previousMeanV)) {
            state.cyclesAboveAnode = 0;
            return null;
        }
        if (state.cyclesAboveAnode == 0 || state.lastCycleAboveAnode != state.cycleIndex) {
            state.cyclesAboveAnode++;
            state.lastCycleAboveAnode = state.cycleIndex;
        }
        if (state.cyclesAboveAnode < CYCLES_RUNNING) {
            return null;
        }
        double chargeV = type == StepType.CHARGE ? meanV : previousMeanV;
        double dischargeV = type == StepType.CHARGE ? previousMeanV : meanV;
        String what = String.format(
                Locale.ROOT,
                "Declared an anode half cell (%s, CE = Q_charge/Q_discharge) but its charge and discharge ran at "
                        + "%.2f V and %.2f V on average for %d cycles running (to cycle %d), where no anode reacts "
                        + "against lithium (at most %.1f V): the metadata describe another cell, maybe the channel's "
                        + "last one",
                channel.chemistry() == null ? "no chemistry given" : channel.chemistry(),
                chargeV,
                dischargeV,
                state.cyclesAboveAnode,
                state.cycleIndex,
                AnodeHalfCell.MAX_MEAN_VOLTAGE_V);
        Map<String, Double> evidence = Finding.evidence(
                Map.entry("meanChargeVoltageV", chargeV),
                Map.entry("meanDischargeVoltageV", dischargeV),
                Map.entry("cyclesAboveAnodeVoltages", (double) state.cyclesAboveAnode),
                Map.entry("maxAnodeMeanVoltageV", AnodeHalfCell.MAX_MEAN_VOLTAGE_V));
        Episode.Evidence at = state.evidenceAt(channel.channelId());
        return new Finding(
                Condition.DECLARED_CELL,
                at,
                what,
                "(its anode half cell line, CE held to 1; its band and floor judge on) until the channel declares "
                        + "the cell on it",
                evidence);
    }
}
