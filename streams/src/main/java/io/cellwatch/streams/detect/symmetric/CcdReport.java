package io.cellwatch.streams.detect.symmetric;

import java.util.Locale;
import java.util.Map;

/**
 * The words and figures of a critical-current-density alert: the last level completed, the level it
 * shorted at, the step, the capacity per step and in all; per cm² with a declared electrode area,
 * per cell (mA, mAh) without one.
 */
final class CcdReport {
    private CcdReport() {}

    /** Puts the figures into the evidence and returns the message's first part. */
    static String describe(
            CriticalCurrentDensityState state,
            CriticalCurrentDensitySettings settings,
            double areaCm2,
            boolean perArea,
            Map<String, Double> evidence) {
        double resolution = settings.resolutionMaPerCm2();
        double shortAt = CriticalCurrentDensityDetector.round(1000 * state.halves.meanCurrentA() / areaCm2, resolution);
        // Two distinct levels completed give the step; before that, the level shorted at less the one completed.
        double step = state.previousCompletedMaPerCm2 > 0
                ? CriticalCurrentDensityDetector.round(
                        state.completedMaPerCm2 - state.previousCompletedMaPerCm2, resolution)
                : CriticalCurrentDensityDetector.round(shortAt - state.completedMaPerCm2, resolution);
        double cumulative = 1000 * (state.passedAh + state.halves.chargeAh()) / areaCm2;
        String current = perArea ? "MaPerCm2" : "Ma";
        String charge = perArea ? "MahPerCm2" : "Mah";
        evidence.put(perArea ? "criticalCurrentDensityMaPerCm2" : "criticalCurrentMa", state.completedMaPerCm2);
        evidence.put("shortAt" + current, shortAt);
        evidence.put("step" + current, step);
        evidence.put("capacityPerStep" + charge, state.completedArealCapacityMahPerCm2);
        evidence.put("halfCycleDurationS", state.completedStepS);
        evidence.put((perArea ? "cumulativeArealCapacity" : "cumulativeCapacity") + charge, cumulative);
        evidence.put("levelsCompleted", (double) state.levelsCompleted);
        String unit = perArea ? "mA/cm²" : "mA";
        String capacityUnit = perArea ? "mAh/cm²" : "mAh";
        return String.format(
                Locale.ROOT,
                "Shorted at %.2f %s in the step-up test: critical current%s %.2f %s (last level completed%s; "
                        + "steps of %.2f %s, %.3g %s per step, %.3g %s passed in all)",
                shortAt,
                unit,
                perArea ? " density" : "",
                state.completedMaPerCm2,
                unit,
                perArea ? "" : "; no electrode area declared: divide by it for the density",
                step,
                unit,
                state.completedArealCapacityMahPerCm2,
                capacityUnit,
                cumulative,
                capacityUnit);
    }
}
