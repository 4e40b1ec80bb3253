package io.cellwatch.streams.detect.quality;

import io.cellwatch.model.CellType;
import io.cellwatch.model.StepType;
import io.cellwatch.streams.detect.Episode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Judges a finished step's logging: a full cell's charge, or a symmetric cell's half-cycle, with
 * fewer samples than the detectors that judge it need.
 */
final class StepLogging {
    private StepLogging() {}

    /** The finished step in {@code state} (before the next one opens), or null when it was logged finely enough. */
    static Finding judge(DataQualityState state, String channelId, CellType cellType, DataQualitySettings settings) {
        boolean underCurrent = state.stepType == StepType.CHARGE || state.stepType == StepType.DISCHARGE;
        double durationS = state.lastTestTimeS - state.stepFromTestTimeS;
        int needed;
        String what;
        if (cellType == CellType.SYMMETRIC) {
            if (!underCurrent || durationS < settings.minJudgedHalfCycleS()) {
                return null;
            }
            needed = settings.minHalfCycleSamples();
            what = "half-cycle";
        } else {
            if (state.stepType != StepType.CHARGE || durationS < settings.minJudgedChargeS()) {
                return null;
            }
            needed = settings.minChargeStepSamples();
            what = "charge step";
        }
        if (state.stepSamples >= needed) {
            return null;
        }
        // A step that began the channel's data has no sample before it: its span starts at its own first sample.
        double intervalS = durationS / Math.max(1, state.stepBeganData ? state.stepSamples - 1 : state.stepSamples);
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("step", (double) state.stepIndex);
        evidence.put("samples", (double) state.stepSamples);
        evidence.put("minSamples", (double) needed);
        evidence.put("stepDurationS", durationS);
        evidence.put("meanIntervalS", intervalS);
        String message = String.format(
                Locale.ROOT,
                "Logged too coarsely: %s %d of cycle %d has %d samples over %.1f h (one every %.0f s; at least %d needed)",
                what,
                state.stepIndex,
                state.cycleIndex,
                state.stepSamples,
                durationS / 3600,
                intervalS,
                needed);
        Episode.Evidence at =
                new Episode.Evidence(channelId, state.cycleIndex, state.lastTestTimeS, state.lastWallTimeMs);
        return new Finding(
                Condition.COARSE_LOGGING, at, message, "for every " + what + " logged this coarsely", evidence);
    }
}
