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
 * against the baseline of the channel's first half-cycles of the same current direction at its
 * current rate ({@code overpotential_drift}, a warning: interphase growth or contact loss raise it;
 * it often precedes a short). A half-cycle has drifted when it is off its baseline by more than the
 * drift fraction and by more than the plateau's own scatter can explain: the deviation resolved
 * against the combined standard error of one half-cycle and of the baseline's mean. Each direction
 * has its own baseline, so an instrument offset (which raises one direction and lowers the other)
 * is learnt into them, and a run of drifted half-cycles must move one way: a cell's interphase
 * raises both directions. A rate change re-learns the baseline, as the overpotential follows the
 * current. A slower rise, which never takes one half-cycle {@code driftFraction} off, is judged on
 * each direction's recent level (its plateaus smoothed as a mean of as many half-cycles as the
 * baseline holds), discounted for what the cell's cooling since its baseline can explain: risen by
 * {@code riseFraction} and three combined standard errors in both directions, for as many
 * half-cycles in a row as a drift must persist, it is a drift of the same episode.
 */
final class OverpotentialDrift {
    private OverpotentialDrift() {}

    /**
     * What lowers a symmetric cell's overpotential, for a falling drift's message: how fast it fell says which.
     * A bridge whose fall lies within the bridge watch's 6 times the level's scatter is left to this warning
     * (held-out 87014: a 24 % fall within one half-cycle, reported as falling since the baseline).
     */
    static final String FALLING_CAUSES = ": the electrodes' surface growing (mossy or pitted lithium) or the cell"
            + " warming lowers it over many half-cycles; a parallel path (a soft short) lowers both directions at"
            + " once";

    /** Folds a normal (not collapsed) half-cycle into the baseline, or judges it against it. */
    static List<Alert> onHalfCycle(
            OverpotentialState state, HalfCycle half, Episode.Evidence at, OverpotentialSettings settings) {
        DriftBaseline baseline = state.driftBaseline;
        if (baseline.total() > 0 && Math.abs(half.meanCurrentA() / baseline.currentA() - 1) > settings.currentBand()) {
            // The lab changed the rate: the overpotential follows the current, so drift is judged
            // against a baseline at this current, learnt afresh.
            baseline.reset();
            state.driftRun = 0;
            state.riseRun = 0;
        }
        if (!baseline.learnt(half, settings.baselineHalfCycles())) {
            baseline.learn(half, state.lastTemperatureC);
            return List.of();
        }
        return judgeDrift(state, half, at, settings);
    }

    private static List<Alert> judgeDrift(
            OverpotentialState state, HalfCycle half, Episode.Evidence at, OverpotentialSettings settings) {
        DriftBaseline baseline = state.driftBaseline;
        double baselineV = baseline.baselineV(half);
        double drift = half.plateauV() / baselineV - 1;
        // One half-cycle's scatter plus the baseline mean's: the deviation a steady cell shows.
        double scatter = baseline.scatterV();
        double standardErrorV = Double.isNaN(scatter) ? 0 : scatter * Math.sqrt(1 + 1.0 / baseline.baselineCount(half));
        double sigmas = standardErrorV > 0 ? (half.plateauV() - baselineV) / standardErrorV : Double.POSITIVE_INFINITY;
        double hours = (0.5 * (half.startTestTimeS() + half.endTestTimeS()) - baseline.timeS()) / 3600;
        double mvPer100h = hours > 0 ? 1000 * (half.plateauV() - baselineV) / hours * 100 : 0;
        Map<String, Double> evidence = halfCycleEvidence(half, state);
        evidence.put("baselineV", baselineV);
        evidence.put("driftFraction", drift);
        evidence.put("driftMvPer100h", mvPer100h);
        evidence.put("thresholdFraction", settings.driftFraction());
        evidence.put("standardErrorV", standardErrorV);
        evidence.put("hoursSinceBaseline", hours);
        boolean drifted = Math.abs(drift) > settings.driftFraction() && Math.abs(sigmas) > settings.driftSigmas();
        baseline.judged(half, drifted);
        baseline.followRecent(half, state.lastTemperatureC, settings.riseWeight());
        boolean risen = slowRise(baseline, settings, evidence);
        state.riseRun = risen ? state.riseRun + 1 : 0;
        if (drifted) {
            int sign = drift > 0 ? 1 : -1;
            // A rise in one direction and a fall in the other is an offset moving, not the cell.
            state.driftRun = sign == state.driftSign ? state.driftRun + 1 : 1;
            state.driftSign = sign;
            state.drift.signatureSeen();
            if (state.driftRun >= settings.driftPersistence()) {
                String message = String.format(
                        Locale.ROOT,
                        "Overpotential %s: %s plateau %.1f mV vs baseline %.1f mV ± %.1f mV (%+.1f %%, %+.1f mV per 100 h) over %.0f h%s",
                        drift > 0 ? "rising" : "falling",
                        half.plating() ? "plating" : "stripping",
                        1000 * half.plateauV(),
                        1000 * baselineV,
                        1000 * standardErrorV,
                        100 * drift,
                        mvPer100h,
                        hours,
                        drift > 0 ? ": interphase growth or contact loss" : FALLING_CAUSES);
                return state.drift.fire(AlertKind.OVERPOTENTIAL_DRIFT, Severity.WARNING, at, message, evidence);
            }
        } else {
            state.driftRun = 0;
        }
        if (risen) {
            state.drift.signatureSeen();
            if (state.riseRun < settings.driftPersistence()) {
                return List.of();
            }
            evidence.put("thresholdFraction", settings.riseFraction());
            String message = String.format(
                    Locale.ROOT,
                    "Overpotential rising slowly in both directions: plating %.1f mV vs baseline %.1f mV (%+.1f %%),"
                            + " stripping %.1f mV vs %.1f mV (%+.1f %%), each ± %.1f mV%s, over %.0f h:"
                            + " interphase growth or contact loss",
                    1000 * baseline.recentV(1),
                    1000 * baseline.baselineV(1),
                    100 * evidence.get("risePlatingFraction"),
                    1000 * baseline.recentV(0),
                    1000 * baseline.baselineV(0),
                    100 * evidence.get("riseStrippingFraction"),
                    1000 * evidence.get("riseStandardErrorV"),
                    evidence.get("coolingK") > 0
                            ? String.format(
                                    Locale.ROOT,
                                    " (after the most a %.1f K cooling since the baseline explains)",
                                    evidence.get("coolingK"))
                            : "",
                    hours);
            return state.drift.fire(AlertKind.OVERPOTENTIAL_DRIFT, Severity.WARNING, at, message, evidence);
        }
        if (drifted) {
            return List.of();
        }
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

    /**
     * The slow rise: true when the recent level of each current direction, divided by the most the cell's
     * cooling since its baseline can raise it, stands {@code riseFraction} over that direction's baseline and
     * {@code driftSigmas} combined standard errors of one half-cycle and of the baseline's mean (the smoothed
     * level is not credited with the scatter it would shed on independent half-cycles: a cell's plateaus can
     * wander together over several). Puts what it judged into the evidence.
     */
    private static boolean slowRise(
            DriftBaseline baseline, OverpotentialSettings settings, Map<String, Double> evidence) {
        int halves = settings.baselineHalfCycles();
        double baselineC = baseline.baselineTemperatureC();
        double coolingK = Double.isNaN(baselineC) || Double.isNaN(baseline.recentTemperatureC())
                ? 0
                : Math.max(0, baselineC - baseline.recentTemperatureC());
        double explained = settings.coolingRaisesBy(coolingK, baselineC);
        double scatter = baseline.scatterV();
        boolean risen = true;
        double standardErrorV = 0;
        for (int d = 1; d >= 0; d--) {
            double recentV = baseline.recentV(d);
            if (baseline.baselineCount(d) < halves || Double.isNaN(recentV)) {
                return false;
            }
            double baselineV = baseline.baselineV(d);
            double levelV = recentV / explained;
            double rise = levelV / baselineV - 1;
            standardErrorV = Double.isNaN(scatter) ? 0 : scatter * Math.sqrt(1 + 1.0 / baseline.baselineCount(d));
            evidence.put(d == 1 ? "risePlatingFraction" : "riseStrippingFraction", rise);
            risen &= rise > settings.riseFraction() && levelV - baselineV > settings.driftSigmas() * standardErrorV;
        }
        evidence.put("riseStandardErrorV", standardErrorV);
        evidence.put("coolingK", coolingK);
        return risen;
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
