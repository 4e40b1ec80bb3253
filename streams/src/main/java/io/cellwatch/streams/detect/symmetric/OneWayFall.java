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
 * A fall of the overpotential in a run whose current never reverses: plating one way until the cell
 * shorts (a Sand's-time or in-situ test), where the collapse rule of {@link ShortWatch} and the bridge of
 * {@link BridgeWatch} wait for both current directions (a pickup or an offset lowers one and raises the
 * other, a short lowers both), which never come. Whole half-cycles (here: loops or steps of the one
 * direction) resolved under the collapse fraction of the level the cell had at this current, two
 * running ({@link OverpotentialSettings#driftPersistence}, the number that makes a drift), are a
 * warning, not the critical a two-way collapse is: with no reversal, a short cannot be told from an
 * offset appearing mid-run, nor from the electrodes' surface growing under long one-way plating (mossy
 * lithium and pits take the current at a lower overpotential). The alert says so.
 */
final class OneWayFall {
    private OneWayFall() {}

    /** Notes a closed half-cycle's direction: the run has reversed once both were seen. */
    static void seen(OverpotentialState state, HalfCycle half) {
        state.directionsSeen |= half.directionBit();
    }

    /**
     * Judges a closed half-cycle fallen under the collapse fraction of {@code expectedV}; any other
     * half-cycle ends the run of fallen ones ({@link #notFallen}).
     */
    static List<Alert> judge(
            OverpotentialState state,
            HalfCycle half,
            double fraction,
            double expectedV,
            OverpotentialSettings settings,
            Episode.Evidence at) {
        if (state.directionsSeen == HalfCycle.BOTH_DIRECTIONS
                || state.referenceCount < settings.baselineHalfCycles()
                || !resolvedUnder(half, expectedV, settings)) {
            state.oneWayFallen = 0;
            return List.of();
        }
        state.oneWayFallen++;
        if (state.oneWayFallen < settings.driftPersistence() || state.collapse.firing()) {
            return List.of();
        }
        Map<String, Double> evidence = new LinkedHashMap<>();
        evidence.put("plateauV", half.plateauV());
        evidence.put("referenceV", expectedV);
        evidence.put("meanFraction", fraction);
        evidence.put("thresholdFraction", settings.collapseFraction());
        evidence.put("standardErrorV", half.plateauStandardErrorV());
        evidence.put("halfCyclesUnder", (double) state.oneWayFallen);
        evidence.put("currentA", half.meanCurrentA());
        String message = String.format(
                Locale.ROOT,
                "Soft short suspected: plateau overpotential down to %.1f mV (%.0f %% of the %.1f mV it had at this"
                        + " current) for %d half-cycles running, in a run whose current never reverses: without a"
                        + " reversal a short cannot be told from an offset or from the electrodes' surface growing"
                        + " under one-way plating",
                1000 * half.plateauV(),
                100 * fraction,
                1000 * expectedV,
                state.oneWayFallen);
        return state.collapse.fire(AlertKind.OVERPOTENTIAL_COLLAPSE, Severity.WARNING, at, message, evidence);
    }

    /** A half-cycle not fallen under the collapse fraction ends the run. */
    static void notFallen(OverpotentialState state) {
        state.oneWayFallen = 0;
    }

    /** The plateau mean under the fraction by as many of its standard errors as a run needs. */
    private static boolean resolvedUnder(HalfCycle half, double expectedV, OverpotentialSettings settings) {
        double se = half.plateauStandardErrorV();
        return !Double.isNaN(se)
                && half.plateauV() + settings.runSigmas() * se < settings.collapseFraction() * expectedV;
    }
}
