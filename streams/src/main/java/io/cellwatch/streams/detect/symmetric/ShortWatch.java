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
 *   <li>under the hard-short fraction: {@code hard_short}, the voltage pinned at I·R of the short;
 *       where the pin threshold is within the usual noise of the live value or within the offset the
 *       cell reads at zero current, each direction must also be resolved under the collapse fraction.</li>
 * </ul>
 * Neither is judged when the cell's zero-current readings ({@link ZeroCurrentOffset}) show an offset
 * big enough to have cancelled the missing part of the overpotential: there a reading near zero tells
 * nothing (a data-quality blind spot, not a short).
 */
final class ShortWatch {
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
        double signedV = sample.voltageV() * Math.signum(sample.currentA());
        double sigmaFraction = ParallelPath.noiseSigma(usualNoise) / expected;
        boolean positive = sample.currentA() > 0;
        double sigmas = settings.runSigmas();
        double noisyStepV = settings.noiseRiseFactor() * usualNoise;
        double fraction = signedV / expected;
        state.pinRun.fold(fraction, signedV, positive, settings.hardShortFraction(), sigmaFraction, sigmas, noisyStepV);
        state.lowRun.fold(fraction, signedV, positive, settings.collapseFraction(), sigmaFraction, sigmas, noisyStepV);
        double noise = state.halves.liveNoiseV();
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("overpotentialV", state.halves.liveV());
        evidence.put("referenceV", expected);
        evidence.put("noiseV", noise);
        evidence.put("usualNoiseV", usualNoise);
        evidence.put("currentA", sample.currentA());
        evidence.put("zeroCurrentOffsetV", state.offset.offsetV());
        Episode.Evidence at = Episode.Evidence.of(sample);
        int confirm = settings.samplesToConfirm();
        // A pin threshold within the usual noise of the live value (a few-mV cell), or within the offset the
        // cell reads at zero current, is not resolved by the voltage alone: a pickup or offset of the signal's
        // size reads the same in one direction.
        double liveSigma =
                ParallelPath.noiseSigma(usualNoise) * Math.sqrt(settings.liveAlpha() / (2 - settings.liveAlpha()));
        double pinV = settings.hardShortFraction() * expected;
        boolean pinResolved = pinV > settings.resolutionSigmas() * liveSigma && pinV > state.offset.offsetV();
        if (state.pinRun.resolvedUnder(settings.hardShortFraction(), sigmaFraction, sigmas, confirm)
                && offsetCannotCancel(state.offset, settings.hardShortFraction(), expected)
                && (pinResolved
                        || state.pinRun.resolvedUnderBothWays(
                                settings.collapseFraction(), sigmaFraction, sigmas, confirm))) {
            LeakEstimate leak = leak(sample, state.pinRun, usualNoise, expected);
            evidence.put("thresholdFraction", settings.hardShortFraction());
            evidence.put("meanFraction", state.pinRun.mean());
            evidence.put("runSamples", (double) state.pinRun.samples());
            leak.addTo(evidence);
            String message = String.format(
                    Locale.ROOT,
                    "Hard short: voltage pinned at %.2f mV (%.0f %% of the usual %.1f mV overpotential, mean of %d samples)"
                            + " at %.3g A: %s",
                    1000 * state.pinRun.meanSignedV(),
                    100 * state.pinRun.mean(),
                    1000 * expected,
                    state.pinRun.samples(),
                    Math.abs(sample.currentA()),
                    leak.describe());
            return state.hardShort.fire(AlertKind.HARD_SHORT, Severity.CRITICAL, at, message, evidence);
        }
        boolean noisy = state.lowRun.noisy(confirm);
        if (!state.hardShort.firing()
                && state.lowRun.resolvedUnder(settings.collapseFraction(), sigmaFraction, sigmas, confirm)
                && offsetCannotCancel(state.offset, settings.collapseFraction(), expected)
                && (noisy
                        || state.lowRun.resolvedUnderBothWays(
                                settings.collapseFraction(), sigmaFraction, sigmas, confirm))) {
            // (A pinned cell has collapsed too: while the hard short fires it speaks for the cell.)
            LeakEstimate leak = leak(sample, state.lowRun, usualNoise, expected);
            evidence.put("thresholdFraction", settings.collapseFraction());
            evidence.put("meanFraction", state.lowRun.mean());
            evidence.put("runSamples", (double) state.lowRun.samples());
            evidence.put("noiseRiseFactor", settings.noiseRiseFactor());
            evidence.put("noisySteps", (double) state.lowRun.noisySteps());
            leak.addTo(evidence);
            String message = String.format(
                    Locale.ROOT,
                    "Soft short: overpotential down to %.1f mV (%.0f %% of the %.1f mV it had at this current) %s: "
                            + "a parallel path is carrying current; %s",
                    1000 * state.lowRun.meanSignedV(),
                    100 * state.lowRun.mean(),
                    1000 * expected,
                    noisy
                            ? String.format(
                                    Locale.ROOT,
                                    "with %d of %d steps over %.1f mV (usual noise %.2f mV): a filament forming and "
                                            + "burning out",
                                    state.lowRun.noisySteps(),
                                    state.lowRun.samples() - 1,
                                    1000 * noisyStepV,
                                    1000 * usualNoise)
                            : "in both current directions without a noise rise: a resistive bridge",
                    leak.describe());
            return state.collapse.fire(AlertKind.OVERPOTENTIAL_COLLAPSE, Severity.CRITICAL, at, message, evidence);
        }
        return List.of();
    }

    /**
     * Whether the largest recent zero-current offset is under half of the shortfall a reading at this
     * fraction of the expected overpotential shows: only then can an offset not explain it.
     */
    static boolean offsetCannotCancel(ZeroCurrentOffset offset, double fraction, double expectedV) {
        return 2 * offset.offsetV() < (1 - fraction) * expectedV;
    }

    /**
     * The short and the electrolyte share the applied current ({@link ParallelPath}): the voltage they
     * see is the run's mean (signed with the current), its noise the usual one over √n.
     */
    static LeakEstimate leak(Sample sample, LowRun run, double noiseV, double pathV) {
        int n = Math.max(1, run.samples());
        return ParallelPath.estimate(
                sample.currentA(), run.meanSignedV(), ParallelPath.noiseSigma(noiseV) / Math.sqrt(n), pathV);
    }
}
