package io.cellwatch.streams.detect.symmetric;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.Sample;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.leak.LeakEstimate;
import io.cellwatch.streams.detect.leak.ParallelPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The live short judgement of {@link OverpotentialDetector}, sample by sample inside a half-cycle.
 * A short of resistance R in parallel with the electrolyte takes the share R_cell/(R_cell+R) of the
 * constant applied current, and the cell's voltage falls to the overpotential of what is left: a
 * fraction of the level it had at this current. Two {@link LowRun}s follow that fraction:
 * <ul>
 *   <li>under the collapse fraction, resolved from the noise: {@code overpotential_collapse}, a soft
 *       or resistive short; it must either come with noisy steps between samples (a filament forming
 *       and burning out) or be resolved under the fraction in both current directions (a resistor
 *       lowers both; a pickup or an offset lowers one);</li>
 *   <li>under the hard-short fraction: {@code hard_short}, the voltage pinned at I·R of the short
 *       (resolved as a run is, or at two standard errors while the collapse already fires: the short is
 *       established, its size is what is judged);
 *       where the pin threshold is within the usual noise of the live value or within the offset the
 *       cell reads at zero current, each direction must also be resolved under the collapse fraction.</li>
 * </ul>
 * Neither fires while the cell's own warming since its level was learnt explains the fall (a chamber
 * step: {@link #warmingExplains}); the level is then learnt afresh at the new temperature. Neither is
 * judged when the cell's zero-current readings ({@link ZeroCurrentOffset}) show an offset
 * big enough to have cancelled the missing part of the overpotential: there a reading near zero tells
 * nothing (a data-quality blind spot, not a short).
 */
final class ShortWatch {
    /**
     * The steady tail this detector's estimates ask for: none, they read the whole run. A cell whose
     * noise rose with the short (a filament, a noisier contact) makes stretches of quiet steps by
     * chance, so a tail of a few readings would be a lucky few; the hard short's alert waits until the
     * whole run resolves the voltage instead. (The step-up test's dendrite, which turns hard within
     * minutes of connecting, is read on its tail: {@link CcdShortReport}.)
     */
    static final int WHOLE_RUN = Integer.MAX_VALUE;

    private ShortWatch() {}

    /**
     * The least overpotential a healthy cell has at this current, from its recent level at the recent
     * current: η rises with the current, sub-linearly (charge transfer), so at a higher current it is at
     * least the recent level and at a lower one at least the ohmically scaled level.
     */
    static double leastExpectedV(double referenceV, double referenceCurrentA, double currentA) {
        return referenceCurrentA > 0 ? referenceV * Math.min(1, Math.abs(currentA) / referenceCurrentA) : referenceV;
    }

    static List<Alert> judge(
            OverpotentialState state, Sample sample, OverpotentialSettings settings, double usualNoise) {
        double expected = leastExpectedV(state.referenceV, state.referenceCurrentA, sample.currentA());
        if (expected <= 0) {
            return List.of();
        }
        double sigmas = settings.runSigmas();
        double noisyStepV = settings.noiseRiseFactor() * usualNoise;
        double sigmaFraction = foldRuns(state.lowRun, state.pinRun, sample, expected, usualNoise, settings);
        // While the cell is warmer than where its level was learnt by enough to explain a fall to a run's
        // fraction, its level at this temperature is not known yet: that run starts again once it is.
        if (warmingExplains(state, settings.collapseFraction(), settings)) {
            state.lowRun.reset();
        }
        if (warmingExplains(state, settings.hardShortFraction(), settings)) {
            state.pinRun.reset();
        }
        double noise = state.halves.liveNoiseV();
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("overpotentialV", state.halves.liveV());
        evidence.put("referenceV", expected);
        evidence.put("noiseV", noise);
        evidence.put("usualNoiseV", usualNoise);
        evidence.put("currentA", sample.currentA());
        evidence.put("zeroCurrentOffsetV", state.offset.offsetV());
        Episode.Evidence at = Episode.Evidence.of(sample);
        List<Alert> followed = ShortResistanceFollowUp.pending(state, sample, settings, usualNoise, expected);
        if (!followed.isEmpty()) {
            return followed;
        }
        int confirm = settings.samplesToConfirm();
        boolean positive = sample.currentA() > 0;
        // A pin threshold within the usual noise of the live value (a few-mV cell), or within the offset the
        // cell reads at zero current, is not resolved by the voltage alone: a pickup or offset of the signal's
        // size reads the same in one direction.
        double liveSigma =
                ParallelPath.noiseSigma(usualNoise) * Math.sqrt(settings.liveAlpha() / (2 - settings.liveAlpha()));
        double pinV = settings.hardShortFraction() * expected;
        boolean pinResolved = pinV > settings.resolutionSigmas() * liveSigma && pinV > state.offset.offsetV();
        boolean pinned = state.pinRun.resolvedUnder(settings.hardShortFraction(), sigmaFraction, sigmas, confirm);
        // While the collapse fires, the short is established: whether it is pinned is its size, judged at the
        // usual two standard errors, not a detection repeated on every healthy run
        // ({@link OverpotentialSettings#establishedShortSigmas}).
        boolean pinnedInShort = state.collapse.firing()
                && state.pinRun.resolvedUnder(
                        settings.hardShortFraction(), sigmaFraction, settings.establishedShortSigmas(), confirm);
        if ((pinned || pinnedInShort)
                && !warmingExplains(state, state.pinRun.mean(), settings)
                && resistanceMeasuredOrWaitedFor(state.pinRun, sample, settings, usualNoise)
                && offsetCannotCancel(state.offset, settings.hardShortFraction(), expected)
                && ((pinResolved && !state.offsetPair.explainsFall(positive, state.pinRun.meanIn(positive)))
                        || state.pinRun.resolvedUnderBothWays(
                                settings.collapseFraction(), sigmaFraction, sigmas, confirm))) {
            LeakEstimate leak = runEvidence(
                    evidence,
                    sample,
                    state.pinRun,
                    settings.hardShortFraction(),
                    usualNoise,
                    expected,
                    WHOLE_RUN,
                    false);
            // The alert came when the pin's readings were judged to carry R (or at the wait's end, R given only
            // if they did): R from those same readings is the stopping rule's, biased high. It follows from the
            // readings after that judgement ({@link ShortResistanceFollowUp}).
            // A flickering filament's readings are read as they are ({@link ShortResistanceFollowUp#steadyUnderNoise}).
            boolean fresh = !state.hardShort.firing();
            boolean flickering = ShortResistanceFollowUp.flickering(state);
            boolean carried = ShortResistanceFollowUp.carried(state.pinRun, usualNoise, expected, flickering, settings);
            boolean steady = ShortResistanceFollowUp.steadyUnderNoise(state.pinRun, flickering);
            if (fresh && steady && carried && !state.pinRun.carriedMarked()) {
                state.pinRun.markCarried();
            }
            boolean withheld = steady || !carried;
            leak = withheld ? ShortResistanceFollowUp.withheld(leak, evidence) : leak;
            if (fresh) { // (a firing episode sends nothing again: what is pending stays so)
                state.hardShortResistancePending = withheld;
            }
            String message = "Hard short: voltage pinned at " + level(state.pinRun, expected)
                    + String.format(Locale.ROOT, " at %.3g A: %s", Math.abs(sample.currentA()), leak.describe())
                    + resistanceNote(leak, evidence, withheld ? ShortResistanceFollowUp.follows(state.pinRun) : "");
            return state.hardShort.fire(AlertKind.HARD_SHORT, Severity.CRITICAL, at, message, evidence);
        }
        boolean noisy = state.lowRun.noisy(confirm);
        // (A pinned cell has collapsed too: while the hard short fires, or waits to measure R, it speaks.)
        if (!state.hardShort.firing()
                && !pinned
                && state.lowRun.resolvedUnder(settings.collapseFraction(), sigmaFraction, sigmas, confirm)
                && !warmingExplains(state, state.lowRun.mean(), settings)
                && offsetCannotCancel(state.offset, settings.collapseFraction(), expected)
                && ((noisy && !state.offsetPair.explainsFall(positive, state.lowRun.meanIn(positive)))
                        || state.lowRun.resolvedUnderBothWays(
                                settings.collapseFraction(), sigmaFraction, sigmas, confirm))) {
            LeakEstimate leak = runEvidence(
                    evidence,
                    sample,
                    state.lowRun,
                    settings.collapseFraction(),
                    usualNoise,
                    expected,
                    WHOLE_RUN,
                    false);
            boolean withheld = !ShortResistanceFollowUp.carried(state.lowRun, usualNoise, expected, noisy, settings);
            leak = withheld ? ShortResistanceFollowUp.withheld(leak, evidence) : leak;
            if (!state.collapse.firing()) { // (a firing episode sends nothing again: what is pending stays so)
                state.collapseFlickered = noisy;
                state.collapseResistancePending = withheld;
            }
            evidence.put("noiseRiseFactor", settings.noiseRiseFactor());
            String how = noisy
                    ? String.format(
                            Locale.ROOT,
                            "with %d of %d steps over %.1f mV (usual noise %.2f mV): a filament forming and burning out",
                            state.lowRun.noisySteps(),
                            state.lowRun.samples() - 1,
                            1000 * noisyStepV,
                            1000 * usualNoise)
                    : "in both current directions without a noise rise: a resistive bridge";
            String message = "Soft short: overpotential down to " + level(state.lowRun, expected) + " " + how
                    + ": a parallel path is carrying current; " + leak.describe()
                    + resistanceNote(leak, evidence, withheld ? FOLLOWS : "");
            return state.collapse.fire(AlertKind.OVERPOTENTIAL_COLLAPSE, Severity.CRITICAL, at, message, evidence);
        }
        return List.of();
    }

    /** What an alert says of R while its readings do not carry it yet. */
    static final String FOLLOWS = ", the short's resistance follows once the readings carry it";

    /**
     * Folds a sample into both runs, as a fraction of the expected overpotential (a run's first sample
     * sets its start); returns one sample's noise (standard deviation) as that fraction.
     */
    static double foldRuns(
            LowRun low, LowRun pin, Sample sample, double expectedV, double usualNoiseV, RunThresholds thresholds) {
        double signedV = sample.voltageV() * Math.signum(sample.currentA());
        double sigmaFraction = ParallelPath.noiseSigma(usualNoiseV) / expectedV;
        boolean positive = sample.currentA() > 0;
        double fraction = signedV / expectedV;
        double sigmas = thresholds.runSigmas();
        double noisyStepV = thresholds.noiseRiseFactor() * usualNoiseV;
        double conductingUnder = 1 - thresholds.healthyPlateauBand();
        pin.fold(
                fraction,
                signedV,
                positive,
                thresholds.hardShortFraction(),
                sigmaFraction,
                sigmas,
                noisyStepV,
                conductingUnder,
                thresholds.samplesToConfirm());
        low.fold(
                fraction,
                signedV,
                positive,
                thresholds.collapseFraction(),
                sigmaFraction,
                sigmas,
                noisyStepV,
                conductingUnder,
                thresholds.samplesToConfirm());
        for (LowRun run : List.of(pin, low)) {
            run.keep(signedV, sample.testTimeS());
            if (run.samples() == 1) {
                run.startTestTimeS = sample.testTimeS();
            }
            if (run.tailSamples == 1) {
                run.tailStartTestTimeS = sample.testTimeS();
            }
        }
        return sigmaFraction;
    }

    /**
     * A hard short's R is V/I of the pinned voltage: the alert waits until the run's mean voltage is
     * known to the relative standard error the settings ask, or for at most the settings' number of
     * samples or time since the run began (the cell is dead already; a voltage far under the noise gives
     * no R in any useful time).
     */
    private static boolean resistanceMeasuredOrWaitedFor(
            LowRun run, Sample sample, OverpotentialSettings settings, double usualNoiseV) {
        return run.samples() >= settings.resistanceWaitSamples()
                || sample.testTimeS() - run.startTestTimeS >= settings.resistanceWaitS()
                || measured(run, usualNoiseV, WHOLE_RUN, settings.resistanceRelativeError());
    }

    /**
     * Whether the voltage the estimate reads ({@link #leak}) is known to this relative standard error,
     * from the readings' own scatter (R = V/I to that).
     */
    static boolean measured(LowRun run, double noiseV, int steadySamples, double relativeError) {
        LowRun.Readings read = read(run, noiseV, steadySamples);
        return read.standardErrorV() >= 0 && read.standardErrorV() < relativeError * Math.abs(read.meanV());
    }

    /** "0.41 mV (4 % of the 9.6 mV it had at this current, mean of 57 samples)". */
    private static String level(LowRun run, double expectedV) {
        return String.format(
                Locale.ROOT,
                "%.2f mV (%.0f %% of the %.1f mV it had at this current, mean of %d samples)",
                1000 * run.meanSignedV(),
                100 * run.mean(),
                1000 * expectedV,
                run.samples());
    }

    /**
     * The run's figures and the short estimate from it, into the evidence. The estimate reads the run's
     * steady tail once it has held {@code steadySamples} readings, else the whole run; with
     * {@code onlyWhenSteady} it gives no resistance before that (a detector that sends R later).
     */
    static LeakEstimate runEvidence(
            Map<String, Double> evidence,
            Sample sample,
            LowRun run,
            double level,
            double usualNoiseV,
            double pathV,
            int steadySamples,
            boolean onlyWhenSteady) {
        LowRun.Readings read = read(run, usualNoiseV, steadySamples);
        LeakEstimate leak = run.flickers()
                ? FilamentResistance.estimate(sample, run, read, usualNoiseV, pathV)
                : leak(sample, read, usualNoiseV, pathV);
        if (onlyWhenSteady && !steady(run, steadySamples)) {
            leak = ShortResistanceFollowUp.withoutResistance(leak);
        }
        return readingsEvidence(evidence, run, level, usualNoiseV, read, leak);
    }

    /**
     * As {@link #runEvidence}, the estimate from the given readings of the run (those after the
     * judgement that they carry R: {@link LowRun#sinceCarried()}).
     */
    static LeakEstimate readingsEvidence(
            Map<String, Double> evidence,
            Sample sample,
            LowRun run,
            double level,
            double usualNoiseV,
            double pathV,
            LowRun.Readings read) {
        return readingsEvidence(evidence, run, level, usualNoiseV, read, leak(sample, read, usualNoiseV, pathV));
    }

    static LeakEstimate readingsEvidence(
            Map<String, Double> evidence,
            LowRun run,
            double level,
            double usualNoiseV,
            LowRun.Readings read,
            LeakEstimate estimate) {
        LeakEstimate leak = resolvedResistance(estimate, read, usualNoiseV, evidence);
        evidence.put("thresholdFraction", level);
        evidence.put("meanFraction", run.mean());
        evidence.put("runSamples", (double) run.samples());
        evidence.put("noisySteps", (double) run.noisySteps());
        evidence.put("steadySamples", (double) run.tailSamples());
        evidence.put("estimateSamples", (double) read.samples());
        // The estimate is of the readings it read: the steady tail's, or those since the voltage fell. A filament
        // can change between two readings without a noisy step showing it (a steady tail of a few readings
        // minutes apart), so what the readings carry is its effective value over them, not its value at the
        // alert's moment (that read a flickering filament up to 10x off).
        evidence.put(LeakEstimate.FROM_TEST_TIME_KEY, read.startTestTimeS());
        leak.addTo(evidence);
        return leak;
    }

    /**
     * Whether the cell has warmed, since its level was learnt, by enough to bring its overpotential
     * down to this fraction by itself (a chamber step, not a short: {@link
     * OverpotentialSettings#warmingThatExplainsK}). False when the cycler logs no temperature.
     */
    static boolean warmingExplains(OverpotentialState state, double fraction, OverpotentialSettings settings) {
        double warming = state.lastTemperatureC - state.referenceTemperatureC;
        return warming > 0 && warming >= settings.warmingThatExplainsK(fraction, state.referenceTemperatureC);
    }

    /**
     * Whether the largest recent zero-current offset is under half of the shortfall a reading at this
     * fraction of the expected overpotential shows: only then can an offset not explain it.
     */
    static boolean offsetCannotCancel(ZeroCurrentOffset offset, double fraction, double expectedV) {
        return 2 * offset.offsetV() < (1 - fraction) * expectedV;
    }

    /**
     * The short and the electrolyte share the applied current ({@link ParallelPath}). The voltage they
     * see is the run's steady tail (signed with the current; {@link LowRun#tailMeanV()}), the short as it
     * is now, once that has held {@code steadySamples} readings; before, the mean since the voltage fell
     * ({@link RunFall}), the effective value over the moments a flickering filament went through. Its
     * uncertainty: the usual noise over √n, or the readings' own scatter if larger.
     */
    static LeakEstimate leak(Sample sample, LowRun run, double noiseV, double pathV, int steadySamples) {
        return leak(sample, read(run, noiseV, steadySamples), noiseV, pathV);
    }

    static LeakEstimate leak(Sample sample, LowRun.Readings read, double noiseV, double pathV) {
        return ParallelPath.estimate(sample.currentA(), read.meanV(), readErrorV(read, noiseV), pathV);
    }

    /**
     * The readings an estimate reads: the steady tail once it has held {@code steadySamples}, else the
     * readings since the voltage fell inside the run ({@link RunFall}; the whole run where it did not).
     */
    static LowRun.Readings read(LowRun run, double noiseV, int steadySamples) {
        return steady(run, steadySamples) ? run.tail() : run.sinceFall(ParallelPath.noiseSigma(noiseV), RunFall.SIGMAS);
    }

    /** The standard error of the readings' mean voltage: the usual noise over √n, or their own scatter if larger. */
    static double readErrorV(LowRun.Readings read, double noiseV) {
        double usualError = ParallelPath.noiseSigma(noiseV) / Math.sqrt(Math.max(1, read.samples()));
        double ownError = read.standardErrorV();
        return Double.isNaN(ownError) ? usualError : Math.max(usualError, ownError);
    }

    /**
     * R = V / I_leak is resolved when both are: the leak resolved from zero ({@link LeakEstimate#of}) and
     * the voltage too, by two of its standard errors. A pinned voltage of µV under mV of noise gives only
     * a bound, R under (|V| + 2σ)/I_leak, which goes into the evidence as such, not as an estimate.
     */
    private static LeakEstimate resolvedResistance(
            LeakEstimate leak, LowRun.Readings read, double noiseV, Map<String, Double> evidence) {
        double v = Math.abs(read.meanV());
        double errorV = readErrorV(read, noiseV);
        if (!leak.resistanceResolved() || v > 2 * errorV) {
            return leak;
        }
        evidence.put("shortResistanceUpperBoundOhm", (v + 2 * errorV) / leak.leakCurrentA());
        return ShortResistanceFollowUp.withoutResistance(leak);
    }

    /** For a message: nothing when R is given, its bound when only that is known, else {@code otherwise}. */
    static String resistanceNote(LeakEstimate leak, Map<String, Double> evidence, String otherwise) {
        if (leak.resistanceResolved()) {
            return "";
        }
        Double bound = evidence.get("shortResistanceUpperBoundOhm");
        return bound == null
                ? otherwise
                : String.format(Locale.ROOT, ", short under %.3g Ω (its voltage is not resolved from zero)", bound);
    }

    /**
     * Whether the run's steady tail holds a short of one resistance: at least {@code minSamples}
     * readings since the last noisy step. A flickering filament's conductance changes from one reading
     * to the next by more than the noise, so V/I of its last reading is a moment, not the short's
     * resistance: before the tail is steady, the estimate reads the whole run (or, for a detector
     * that sends R later, gives none).
     */
    static boolean steady(LowRun run, int minSamples) {
        return run.tailSamples() >= minSamples;
    }
}
