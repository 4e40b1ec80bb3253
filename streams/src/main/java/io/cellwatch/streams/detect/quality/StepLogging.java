package io.cellwatch.streams.detect.quality;

import io.cellwatch.model.CellType;
import io.cellwatch.model.Sample;
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
        boolean underCurrent = state.stepType.underCurrent();
        // With its earlier parts' when it resumed after an interruption, and its charge's earlier steps'; less what
        // of it was held at constant voltage (a full cell's charge: what it reads is the climbing part).
        boolean fullCell = cellType != CellType.SYMMETRIC;
        long heldSamples = fullCell ? heldSamples(state, settings) : 0;
        double share = fullCell ? climbingShare(state, settings) : 1;
        long samples = state.stepSamples - heldSamples;
        double chargeS = loggedS(state);
        double durationS = chargeS - (fullCell ? heldS(state, settings) : 0);
        int needed;
        int rowsPerFloor; // rows a whole charge (half-cycle) needs over the judging floor: the rate that passes
        double minJudgedS;
        String what;
        if (cellType == CellType.SYMMETRIC) {
            if (!underCurrent) {
                return null;
            }
            needed = settings.minHalfCycleSamples();
            rowsPerFloor = needed;
            minJudgedS = settings.minJudgedHalfCycleS();
            what = "half-cycle";
        } else {
            if (state.stepType != StepType.CHARGE || samples == 0) {
                return null; // not a charge, or one held at constant voltage throughout: no dV/dQ to read
            }
            // The imminent short reads dV/dQ over tenths of the charge: the climbing part needs its share of the rows.
            // (At least 2: a row or none says nothing of a rate.)
            rowsPerFloor = settings.minChargeStepSamples();
            needed = Math.max(2, (int) Math.round(rowsPerFloor * share));
            minJudgedS = settings.minJudgedChargeS();
            what = "charge";
        }
        // A step that began the channel's data has no sample before it: its span starts at its own first sample.
        double intervalS = durationS / Math.max(1, state.stepBeganData ? samples - 1 : samples);
        Episode warned = state.episodes.get(Condition.COARSE_LOGGING.name());
        boolean warnedBefore = warned != null && warned.firing();
        if (chargeS < minJudgedS) {
            // Too short to be judged, so it raises nothing; but one logged at a rate that would pass the rule, and at
            // under half the warned interval, shows the logging fixed (a block of short charges after it was).
            if (warnedBefore
                    && samples >= 2
                    && intervalS <= minJudgedS / rowsPerFloor
                    && intervalS < SAME_LOGGING * state.coarseIntervalS) {
                state.loggingJudgedThisCycle = true;
            }
            return null;
        }
        state.loggingJudgedThisCycle = true;
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
        evidence.put("firstStep", (double) state.stepFirstIndex);
        evidence.put("samples", (double) samples);
        evidence.put("heldSamples", (double) heldSamples);
        evidence.put("minSamples", (double) needed);
        evidence.put("stepDurationS", durationS);
        evidence.put("chargeDurationS", chargeS);
        evidence.put("climbingShare", share);
        evidence.put("meanIntervalS", intervalS);
        String message = String.format(
                Locale.ROOT,
                "Logged too coarsely: %s %s of cycle %d has %d samples over %.1f h%s (one every %.0f s; at least %d needed)",
                what,
                state.stepFirstIndex == state.stepIndex || state.stepFirstIndex < 0 // -1: stored before it was kept
                        ? (fullCell ? "step " : "") + state.stepIndex
                        : "over steps " + state.stepFirstIndex + "–" + state.stepIndex,
                state.cycleIndex,
                samples,
                durationS / 3600,
                heldSamples > 0 ? " not held at constant voltage" : "",
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
     * The next sample opens the next step of the same charge or half-cycle (same cycle, same direction under
     * current): a constant-voltage step after a constant-current one, or a multi-step fast charge. A cycler that
     * writes a CC-CV charge as one step or as two logs the same charge, so it is judged whole when it ends.
     */
    static boolean goesOn(DataQualityState state, Sample next) {
        return state.started
                && next.cycleIndex() == state.cycleIndex
                && next.stepIndex() != state.stepIndex
                && next.stepType() == state.stepType
                && state.stepType.underCurrent();
    }

    /**
     * The open step's own part (since it opened, not its carried parts) held its voltage (its rows within {@link
     * DataQualitySettings#heldVoltageBand()} of its highest |V|) while its current tapered (ending under {@link
     * DataQualitySettings#taperedCurrentFraction()} of its highest): a constant-voltage step.
     */
    static boolean ownPartHeld(DataQualityState state, DataQualitySettings settings) {
        double highest = Math.max(Math.abs(state.stepHighV), Math.abs(state.stepLowV));
        return state.stepOwnSamples > 0
                && state.stepHighV - state.stepLowV <= settings.heldVoltageBand() * highest
                && Math.abs(state.lastCurrentA) < settings.taperedCurrentFraction() * state.stepPeakCurrentA;
    }

    /** Samples of the open step, with its carried parts, that were held at constant voltage. */
    static long heldSamples(DataQualityState state, DataQualitySettings settings) {
        return state.stepHeldSamples + (ownPartHeld(state, settings) ? state.stepOwnSamples : 0);
    }

    /**
     * Folds a row (after its step opened) into its step's own part: the voltage and current extremes, and the charge
     * over the interval it closes.
     */
    static void count(DataQualityState state, Sample sample, DataQualitySettings settings, boolean paused) {
        if (Math.abs(sample.voltageV()) > settings.maxAbsVoltageV()) {
            return; // no cell's reading: it would make any step look held or not
        }
        boolean first = Double.isNaN(state.stepHighV);
        state.stepHighV = first ? sample.voltageV() : Math.max(state.stepHighV, sample.voltageV());
        state.stepLowV = first ? sample.voltageV() : Math.min(state.stepLowV, sample.voltageV());
        state.stepPeakCurrentA = Math.max(state.stepPeakCurrentA, Math.abs(sample.currentA()));
        double dt = sample.testTimeS() - state.lastTestTimeS;
        if (state.started && !paused && dt > 0 && dt <= settings.maxSampleGapS() && state.stepType.underCurrent()) {
            // Trapezoids, so that a tapering current logged coarsely is not read at its interval's lowest; from a rest
            // or the other direction the interval is read at this row's current alone.
            boolean sameDirection = Math.signum(state.lastCurrentA) == Math.signum(sample.currentA());
            double currentA = sameDirection
                    ? (Math.abs(state.lastCurrentA) + Math.abs(sample.currentA())) / 2
                    : Math.abs(sample.currentA());
            state.stepPassedAh += currentA * dt / 3600;
        }
    }

    /**
     * The share of the charge passed by its climbing part (not held at constant voltage), from the current over the
     * row intervals; 1 when nothing was measured.
     */
    static double climbingShare(DataQualityState state, DataQualitySettings settings) {
        double totalAh = state.stepCarriedAh + state.stepPassedAh;
        double heldAh = state.stepHeldAh + (ownPartHeld(state, settings) ? state.stepPassedAh : 0);
        return totalAh > 0 ? Math.max(0, totalAh - heldAh) / totalAh : 1;
    }

    /** Logged time of the open step, with its carried parts, held at constant voltage. */
    static double heldS(DataQualityState state, DataQualitySettings settings) {
        return state.stepHeldS + (ownPartHeld(state, settings) ? ownS(state) : 0);
    }

    /** The open step's own logged time, since it opened. */
    static double ownS(DataQualityState state) {
        return state.lastTestTimeS - state.stepFromTestTimeS - state.stepPausedS;
    }

    /**
     * The open step's logged time: from the sample before it to its last, less the time its counter
     * stood still ({@link io.cellwatch.streams.detect.PausedInterval}), plus its earlier parts' when it resumed after an interruption or
     * went on from its charge's previous step.
     */
    static double loggedS(DataQualityState state) {
        return ownS(state) + state.carriedStepS;
    }
}
