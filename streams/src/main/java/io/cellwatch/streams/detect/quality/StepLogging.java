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

    /**
     * A step logged at no less than half the interval warned about is logged at the same rate: a warned
     * channel whose logging really changed logs at least twice as often (a 19-sample step would have 38).
     */
    static final double SAME_LOGGING = 0.5;

    /** The finished step in {@code state} (before the next one opens), or null when it was logged finely enough. */
    static Finding judge(DataQualityState state, String channelId, CellType cellType, DataQualitySettings settings) {
        boolean underCurrent = state.stepType == StepType.CHARGE || state.stepType == StepType.DISCHARGE;
        double durationS = loggedS(state);
        long samples = state.stepSamples; // with its earlier parts' when it resumed after an interruption
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
        // A step that began the channel's data has no sample before it: its span starts at its own first sample.
        double intervalS = durationS / Math.max(1, state.stepBeganData ? samples - 1 : samples);
        Episode warned = state.episodes.get(Condition.COARSE_LOGGING.name());
        boolean warnedBefore = warned != null && warned.firing();
        if (samples >= needed) {
            if (warnedBefore && intervalS >= SAME_LOGGING * state.coarseIntervalS) {
                // The channel still logs at the rate it was warned about; this step was long enough for it. The
                // condition is the rate, not the step: the warning stands once, instead of resolving and firing
                // again with every charge that happens to be a little shorter (fade, a rate change, a pulse).
                state.seenThisCycle |= Condition.COARSE_LOGGING.bit();
            }
            return null;
        }
        if (!warnedBefore) {
            state.coarseIntervalS = intervalS;
        }
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("step", (double) state.stepIndex);
        evidence.put("samples", (double) samples);
        evidence.put("minSamples", (double) needed);
        evidence.put("stepDurationS", durationS);
        evidence.put("meanIntervalS", intervalS);
        String message = String.format(
                Locale.ROOT,
                "Logged too coarsely: %s %d of cycle %d has %d samples over %.1f h (one every %.0f s; at least %d needed)",
                what,
                state.stepIndex,
                state.cycleIndex,
                samples,
                durationS / 3600,
                intervalS,
                needed);
        Episode.Evidence at = state.evidenceAt(channelId);
        return new Finding(
                Condition.COARSE_LOGGING,
                at,
                message,
                String.format(
                        Locale.ROOT,
                        "for every %s shorter than %.1f h while the channel logs every %.0f s",
                        what,
                        needed * intervalS / 3600,
                        intervalS),
                evidence);
    }

    /**
     * The open step's logged time: from the sample before it to its last, less the time its counter
     * stood still ({@link io.cellwatch.streams.detect.PausedInterval}), plus its earlier parts' when it resumed after an interruption.
     */
    static double loggedS(DataQualityState state) {
        return state.lastTestTimeS - state.stepFromTestTimeS - state.stepPausedS + state.carriedStepS;
    }
}
