package io.cellwatch.streams.detect.imminent;

import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.leak.LeakEstimate;
import java.util.Map;

/**
 * The leak current and short resistance an imminent-short alert carries: from the charge balance
 * against the usual charge curve where the charge was compared with the usual one, from the charge's
 * slope otherwise, and only a bound where the voltage falls faster than the slope resolves.
 */
final class OverrunLeak {
    private OverrunLeak() {}

    /** Adds the estimate (or its bound) to {@code evidence}; returns how the alert's message says it. */
    static String addTo(
            Map<String, Double> evidence, ImminentShortState state, Sample sample, ImminentShortOverrun overrun) {
        // The charge balance against the usual charge curve, where the charge is compared with the usual one
        // (the curve is the usual charge's); the slope otherwise.
        LeakEstimate balance = overrun.deep()
                ? null
                : state.curve.estimate(
                        sample.voltageV(),
                        sample.testTimeS(),
                        overrun.passedAh(),
                        overrun.referenceAh(),
                        overrun.referenceRiseV());
        double slopeNow =
                state.curve.slopeFractionNow(overrun.slopeFraction(), overrun.referenceRiseV() / overrun.referenceAh());
        LeakEstimate leak =
                balance != null ? balance : LeakEstimate.ofChargeSlope(sample.currentA(), sample.voltageV(), slopeNow);
        if (balance != null) {
            evidence.put(LeakEstimate.FROM_TEST_TIME_KEY, state.curve.chargeStartTestTimeS());
        }
        String said;
        if (balance == null && slopeNow < 0 && !leak.resistanceResolved()) {
            // The voltage falls under charge current, faster than the slope resolves: the cell itself is
            // drained into the short, which takes the charge current and what the cell gives up, at a local
            // dV/dQ (a cell past its empty end collapses steeply) that nothing here gives: only that the leak
            // is over the current.
            said = LeakEstimate.addBound(
                    evidence, sample.currentA(), sample.voltageV(), true, LeakEstimate.Basis.CHARGE_SLOPE);
        } else {
            leak.addTo(evidence);
            said = leak.describe();
        }
        return said;
    }
}
