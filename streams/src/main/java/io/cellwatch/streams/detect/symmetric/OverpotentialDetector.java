package io.cellwatch.streams.detect.symmetric;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.detect.Episode;
import io.cellwatch.streams.detect.HealthReading;
import io.cellwatch.streams.detect.ProfiledDetector;
import io.cellwatch.streams.detect.ReadingSink;
import io.cellwatch.streams.detect.SampleDetector;
import io.cellwatch.streams.detect.leak.LeakEstimate;
import io.cellwatch.streams.detect.leak.ParallelPath;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Symmetric Li|electrolyte|Li cells in steady plating/stripping: the overpotential per half-cycle
 * (plateau mean |V|, peak, half peak-to-peak), its drift against the channel's own baseline, and
 * the two short signatures, judged live inside the half-cycle:
 * <ul>
 *   <li>{@code overpotential_drift} (warning): the plateau more than 20 % off the baseline of the
 *       first half-cycles for two half-cycles running; the evidence gives % and mV per 100 h.
 *       Interphase growth or contact loss raise it; it often precedes a short.</li>
 *   <li>{@code overpotential_collapse} (critical): |V| suddenly under 60 % of its recent level while
 *       the noise is several times the usual: a filament carrying part of the current, forming and
 *       burning out. A drop of overpotential with growing noise is a short, not an improvement.</li>
 *   <li>{@code hard_short} (critical): |V| pinned under 10 % of its recent level: the filament
 *       carries the current, the voltage is I·R of the short.</li>
 * </ul>
 * Step-up tests raise the overpotential with the current by design: once the channel is
 * recognised as one ({@link StepUpRecognizer}) this detector stands down and the
 * critical-current-density detector speaks.
 */
public final class OverpotentialDetector extends ProfiledDetector<OverpotentialState>
        implements SampleDetector<OverpotentialState> {

    public static final String NAME = "overpotential";

    public OverpotentialDetector(ProfileSelector profiles) {
        super(NAME, OverpotentialState.class, OverpotentialState::new, SYMMETRIC, profiles);
    }

    @Override
    public List<Alert> onSample(OverpotentialState state, Sample sample, ChannelInfo channel, ReadingSink readings) {
        double dtS = state.clock.advance(sample);
        if (dtS < 0) {
            return List.of();
        }
        OverpotentialSettings settings = profiles.forChannel(channel).overpotential();
        double usualNoise = Math.max(settings.minNoiseV(), state.referenceNoiseV);
        HalfCycle closed = state.halves.accept(sample, dtS, settings.liveAlpha(), settings.noiseAlpha(), usualNoise);
        List<Alert> out = new ArrayList<>(0);
        if (closed != null) {
            state.stepUp.onHalfCycle(closed, channel);
            out.addAll(onHalfCycle(state, closed, sample, settings, readings));
        }
        if (!state.stepUp.stepUp(channel) && state.halves.live() && state.referenceCount > 0) {
            out.addAll(judgeLive(state, sample, settings, usualNoise));
        }
        return out;
    }

    private List<Alert> onHalfCycle(
            OverpotentialState state,
            HalfCycle half,
            Sample next,
            OverpotentialSettings settings,
            ReadingSink readings) {
        state.halvesSeen++;
        if (Double.isNaN(half.plateauV())) {
            return List.of();
        }
        readings.report(next.channelId(), HealthReading.OVERPOTENTIAL_V, half.plateauV());
        if (state.stepUp.stepUp || state.halvesSeen == 1) {
            return List.of(); // step-up: not ours; the first half-cycle may be a formation or partial one
        }
        boolean collapsed = state.referenceCount > 0
                && half.plateauV() < settings.collapseFraction() * expectedV(state, half.meanCurrentA());
        Episode.Evidence at =
                new Episode.Evidence(next.channelId(), half.cycleIndex(), half.endTestTimeS(), next.wallTimeMs());
        List<Alert> out = new ArrayList<>(0);
        if (!collapsed) {
            // The recent level at the recent current (a rate change scales it: ohmic to first order).
            state.referenceV = state.referenceCount == 0
                    ? half.plateauV()
                    : state.referenceV + settings.referenceAlpha() * (half.plateauV() - state.referenceV);
            state.referenceCurrentA = state.referenceCount == 0
                    ? half.meanCurrentA()
                    : state.referenceCurrentA
                            + settings.referenceAlpha() * (half.meanCurrentA() - state.referenceCurrentA);
            if (!Double.isNaN(half.noiseV())) {
                state.referenceNoiseV = state.referenceCount == 0
                        ? half.noiseV()
                        : state.referenceNoiseV + settings.referenceAlpha() * (half.noiseV() - state.referenceNoiseV);
            }
            state.referenceCount++;
            Map<String, Double> normal = halfCycleEvidence(half, state);
            out.addAll(state.collapse.quiet(
                    AlertKind.OVERPOTENTIAL_COLLAPSE,
                    settings.resolveAfterHalfCycles(),
                    at,
                    "Overpotential back at its level for " + settings.resolveAfterHalfCycles() + " half-cycles",
                    normal));
            out.addAll(state.hardShort.quiet(
                    AlertKind.HARD_SHORT,
                    settings.resolveAfterHalfCycles(),
                    at,
                    "Voltage no longer pinned for " + settings.resolveAfterHalfCycles() + " half-cycles",
                    normal));
        }
        if (collapsed) {
            return out; // the collapse alarm speaks for it; it is no drift
        }
        if (state.baselineCount > 0
                && Math.abs(half.meanCurrentA() / state.baselineCurrentA() - 1) > settings.currentBand()) {
            // The lab changed the rate: the overpotential follows the current, so drift is judged
            // against a baseline at this current, learnt afresh.
            state.baselineCount = 0;
            state.baselineSumV = 0;
            state.baselineSumTimeS = 0;
            state.baselineSumCurrentA = 0;
            state.driftRun = 0;
        }
        if (state.baselineCount < settings.baselineHalfCycles()) {
            state.baselineCount++;
            state.baselineSumV += half.plateauV();
            state.baselineSumCurrentA += half.meanCurrentA();
            state.baselineSumTimeS += 0.5 * (half.startTestTimeS() + half.endTestTimeS());
            return out;
        }
        out.addAll(judgeDrift(state, half, at, settings));
        return out;
    }

    /** The overpotential the cell's recent level gives at this current (ohmic scaling). */
    private static double expectedV(OverpotentialState state, double currentA) {
        return state.referenceCurrentA > 0
                ? state.referenceV * Math.abs(currentA) / state.referenceCurrentA
                : state.referenceV;
    }

    private List<Alert> judgeDrift(
            OverpotentialState state, HalfCycle half, Episode.Evidence at, OverpotentialSettings settings) {
        double baseline = state.baselineV();
        double drift = half.plateauV() / baseline - 1;
        double hours =
                (0.5 * (half.startTestTimeS() + half.endTestTimeS()) - state.baselineSumTimeS / state.baselineCount)
                        / 3600;
        double mvPer100h = hours > 0 ? 1000 * (half.plateauV() - baseline) / hours * 100 : 0;
        Map<String, Double> evidence = halfCycleEvidence(half, state);
        evidence.put("baselineV", baseline);
        evidence.put("driftFraction", drift);
        evidence.put("driftMvPer100h", mvPer100h);
        evidence.put("thresholdFraction", settings.driftFraction());
        evidence.put("hoursSinceBaseline", hours);
        if (Math.abs(drift) > settings.driftFraction()) {
            state.driftRun++;
            state.drift.signatureSeen();
            if (state.driftRun < settings.driftPersistence()) {
                return List.of();
            }
            String message = String.format(
                    Locale.ROOT,
                    "Overpotential %s: plateau %.1f mV vs baseline %.1f mV (%+.1f %%, %+.1f mV per 100 h) over %.0f h%s",
                    drift > 0 ? "rising" : "falling",
                    1000 * half.plateauV(),
                    1000 * baseline,
                    100 * drift,
                    mvPer100h,
                    hours,
                    drift > 0 ? ": interphase growth or contact loss" : "");
            return state.drift.fire(AlertKind.OVERPOTENTIAL_DRIFT, Severity.WARNING, at, message, evidence);
        }
        state.driftRun = 0;
        if (Math.abs(drift) < settings.driftResolveFraction()) {
            return state.drift.quiet(
                    AlertKind.OVERPOTENTIAL_DRIFT,
                    settings.resolveAfterHalfCycles(),
                    at,
                    String.format(
                            Locale.ROOT,
                            "Overpotential back within %.0f %% of its baseline (%.1f mV)",
                            100 * settings.driftResolveFraction(),
                            1000 * half.plateauV()),
                    evidence);
        }
        return List.of();
    }

    private List<Alert> judgeLive(
            OverpotentialState state, Sample sample, OverpotentialSettings settings, double usualNoise) {
        double live = state.halves.liveV();
        double noise = state.halves.liveNoiseV();
        double reference = expectedV(state, sample.currentA());
        boolean pinned = live < settings.hardShortFraction() * reference;
        boolean collapsed =
                live < settings.collapseFraction() * reference && noise > settings.noiseRiseFactor() * usualNoise;
        // Signed with the current (the cell's voltage follows it), so noise around a small value averages out.
        double absV = sample.voltageV() * Math.signum(sample.currentA());
        state.hardRun = pinned ? state.hardRun + 1 : 0;
        state.hardRunSumV = pinned ? state.hardRunSumV + absV : 0;
        int sign = sample.currentA() > 0 ? 1 : 2;
        if (!pinned) {
            state.hardRunSigns = 0;
            state.hardRunSameSign = 0;
            state.lastPinnedSign = 0;
        } else {
            state.hardRunSameSign = state.lastPinnedSign == sign ? state.hardRunSameSign + 1 : 1;
            state.hardRunSigns |= sign;
            state.lastPinnedSign = sign;
        }
        state.collapseRun = collapsed ? state.collapseRun + 1 : 0;
        boolean low = live < settings.collapseFraction() * reference;
        state.lowRun = low ? state.lowRun + 1 : 0;
        state.lowRunSumV = low ? state.lowRunSumV + absV : 0;
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("overpotentialV", live);
        evidence.put("referenceV", reference);
        evidence.put("noiseV", noise);
        evidence.put("usualNoiseV", usualNoise);
        evidence.put("currentA", sample.currentA());
        Episode.Evidence at = Episode.Evidence.of(sample);
        // Resolved by the voltage alone, or held through a current reversal (a short pins both directions).
        // The live value is an exponentially weighted mean: its noise is the samples' times √(α/(2−α)).
        double liveSigma =
                ParallelPath.noiseSigma(usualNoise) * Math.sqrt(settings.liveAlpha() / (2 - settings.liveAlpha()));
        boolean resolved = settings.hardShortFraction() * reference > settings.resolutionSigmas() * liveSigma;
        boolean reversed = state.hardRunSigns == 3 && state.hardRunSameSign >= settings.samplesToConfirm();
        if (state.hardRun >= settings.samplesToConfirm() && (resolved || reversed)) {
            LeakEstimate leak = leak(sample, state.hardRunSumV, state.hardRun, noise, reference);
            evidence.put("thresholdFraction", settings.hardShortFraction());
            leak.addTo(evidence);
            String message = String.format(
                    Locale.ROOT,
                    "Hard short: voltage pinned at %.1f mV (%.0f %% of the usual %.1f mV overpotential) at %.3g A: %s",
                    1000 * live,
                    100 * live / reference,
                    1000 * reference,
                    Math.abs(sample.currentA()),
                    leak.describe());
            return state.hardShort.fire(AlertKind.HARD_SHORT, Severity.CRITICAL, at, message, evidence);
        }
        if (state.collapseRun >= settings.samplesToConfirm() && !state.hardShort.firing()) {
            // (A pinned cell has collapsed too: while the hard short fires it speaks for the cell.)
            LeakEstimate leak = leak(sample, state.lowRunSumV, state.lowRun, noise, reference);
            evidence.put("thresholdFraction", settings.collapseFraction());
            evidence.put("noiseRiseFactor", settings.noiseRiseFactor());
            leak.addTo(evidence);
            String message = String.format(
                    Locale.ROOT,
                    "Soft short: overpotential collapsed to %.1f mV (%.0f %% of the recent %.1f mV) with noise %.1f mV "
                            + "(usual %.2f mV): a filament is carrying current; %s",
                    1000 * live,
                    100 * live / reference,
                    1000 * reference,
                    1000 * noise,
                    1000 * usualNoise,
                    leak.describe());
            return state.collapse.fire(AlertKind.OVERPOTENTIAL_COLLAPSE, Severity.CRITICAL, at, message, evidence);
        }
        return List.of();
    }

    /**
     * The short and the electrolyte share the applied current ({@link ParallelPath}). The voltage they
     * see: the mean voltage (signed with the current) over the samples since the live value fell into
     * the alert's band, under the collapse fraction or, for a hard short, under the pinned fraction
     * (the smoothed live value lags a fall), its noise averaged over them.
     */
    static LeakEstimate leak(Sample sample, double runSumV, int runSamples, double noiseV, double pathV) {
        int n = Math.max(1, runSamples);
        return ParallelPath.estimate(
                sample.currentA(), runSumV / n, ParallelPath.noiseSigma(noiseV) / Math.sqrt(n), pathV);
    }

    private static Map<String, Double> halfCycleEvidence(HalfCycle half, OverpotentialState state) {
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("plateauV", half.plateauV());
        evidence.put("peakV", half.peakV());
        evidence.put("halfPeakToPeakV", half.halfPeakToPeakV());
        if (!Double.isNaN(half.noiseV())) {
            evidence.put("noiseV", half.noiseV());
        }
        evidence.put("referenceV", state.referenceV);
        return evidence;
    }
}
