package io.cellwatch.streams.detect.symmetric;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.detect.Episode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The half-cycle judgement of {@link OverpotentialDetector}: the drift of the plateau overpotential
 * against the baseline of the channel's first half-cycles at its current rate
 * ({@code overpotential_drift}, a warning: interphase growth or contact loss raise it; it often
 * precedes a short). A rate change re-learns the baseline, as the overpotential follows the current.
 */
final class OverpotentialDrift {
    private OverpotentialDrift() {}

    /** Folds a normal (not collapsed) half-cycle into the baseline, or judges it against it. */
    static List<Alert> onHalfCycle(
            OverpotentialState state, HalfCycle half, Episode.Evidence at, OverpotentialSettings settings) {
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
            return List.of();
        }
        return judgeDrift(state, half, at, settings);
    }

    private static List<Alert> judgeDrift(
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

    static Map<String, Double> halfCycleEvidence(HalfCycle half, OverpotentialState state) {
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
