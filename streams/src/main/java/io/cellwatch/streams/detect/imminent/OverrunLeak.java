package io.cellwatch.streams.detect.imminent;

import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.leak.ChargeCurve;
import io.cellwatch.streams.detect.leak.LeakEstimate;
import java.util.Map;

/**
 * The leak current and short resistance an imminent-short alert carries: from the charge balance
 * against the usual charge curve where the charge was compared with the usual one, from the charge's
 * slope otherwise, and only a bound where the voltage falls faster than the slope resolves.
 */
final class OverrunLeak {
    private OverrunLeak() {}

    /**
     * Adds the estimate (or its bound) to {@code evidence}; returns how the alert's message says it. {@code
     * usualApplies}: the usual charge was taken at this charge's current and temperature, so its curve
     * is this charge's too (also when the charge was judged past the deep overrun, against the bound); {@code
     * slopeWindowAh}: the charge the slope window spans at the least.
     */
    static String addTo(
            Map<String, Double> evidence,
            ImminentShortState state,
            Sample sample,
            ImminentShortOverrun overrun,
            boolean usualApplies,
            double slopeWindowAh) {
        // The charge balance against the usual charge curve wherever the usual charge applies (the curve is the
        // usual charge's, read with its size and rise); the slope otherwise. Past the deep overrun the slope
        // alone took the local dV/dQ for the usual charge's mean: on a full cell's plateau the local one is
        // a third of it or less, and a leak of half the current read as 0.8 of it (R 35-50 % low).
        RecentCharges.Reference usual = overrun.deep() ? state.usual.reference() : null;
        LeakEstimate balance = !usualApplies
                ? null
                : state.curve.estimate(
                        sample.voltageV(),
                        sample.testTimeS(),
                        overrun.passedAh(),
                        usual == null ? overrun.referenceAh() : usual.chargeAh(),
                        state.usual.sizeUncertaintyAh(),
                        usual == null ? overrun.referenceRiseV() : usual.riseV(),
                        state.gap.resistanceOhm());
        SlopeNow now = slopeNow(state, sample, overrun);
        double slopeNow = now.fraction();
        double[] slopeRange = state.curve.meanOverLocalSlopeRange();
        if (balance != null && slopeRange != null) {
            balance = LeakEstimate.checkedAgainstSlope(
                    balance, sample.currentA(), sample.voltageV(), slopeNow, slopeRange[0], slopeRange[1]);
        }
        // R = V/I_leak reads V from this one row: the channel's own reading scatter is its uncertainty.
        double readingSigmaV = state.scatter.sigmaV();
        double voltageSigmaV = Double.isNaN(readingSigmaV) ? 0 : readingSigmaV;
        // The slope read over the recent window: the curve's ratios where the cell was on it over that window; where
        // the window left the curve (or the latest step's fall is what was read: a cell falling under charge current
        // is off it), the whole curve's range around the mean's value.
        double[] windowRange = slopeNow == overrun.slopeFraction()
                ? state.curve.meanOverLocalSlopeRange(state.slopeFromV, sample.voltageV())
                : null;
        LeakEstimate leak =
                balance != null ? balance : slopeLeak(sample, slopeNow, windowRange, slopeRange, voltageSigmaV);
        if (balance == null && usual != null && slopeNow > 0) {
            // Past the deep overrun the slope fraction is against the largest recent charge's mean dV/dQ, the curve's
            // ratios against the usual charge's: where the two climbed differently (a rate change, a chamber step, a
            // leaking reference), the fraction on the curve's own scale is another reading of the same slope, and
            // which scale is the cell's depends on why the reference climbed further, which the readings do not say
            // (a 57 % leak after a rate change read 0.72 of the current on the reference's scale, its R 31 % low at
            // 2.3 of its σ; on the curve's, 0.55, while two fast leaks after a chamber step read truer on the
            // reference's). The estimate keeps the reference's reading and reaches the other.
            double scale = (overrun.referenceRiseV() / overrun.referenceAh()) / (usual.riseV() / usual.chargeAh());
            if (scale > 0 && Double.isFinite(scale) && scale != 1) {
                LeakEstimate onCurveScale = slopeLeak(sample, slopeNow * scale, windowRange, slopeRange, voltageSigmaV);
                leak = leak.reaching(onCurveScale.leakCurrentA(), sample.voltageV(), voltageSigmaV);
            }
        }
        // The window's slope is two readings' difference over the charge between them, so the fraction is known
        // only to √2 of the channel's reading scatter over the climb the reference makes across the window (at
        // least a tenth of a charge): a stalled charge (f near 0) otherwise took its leak for known to the
        // stall's own smallness (a hard short pinned at 0.115 V read 1.884 A ± 2.4 mA, a truth 41 mA away).
        double fractionSigma = balance == null && slopeNow == overrun.slopeFraction() && voltageSigmaV > 0
                ? Math.sqrt(2) * voltageSigmaV / (slopeWindowAh * overrun.referenceRiseV() / overrun.referenceAh())
                : Double.NaN;
        boolean sigmaKnown = fractionSigma > 0 && Double.isFinite(fractionSigma);
        if (slopeNow >= 0 && sigmaKnown) {
            LeakEstimate oneSigmaOver =
                    slopeLeak(sample, slopeNow + fractionSigma, windowRange, slopeRange, voltageSigmaV);
            leak = leak.reaching(oneSigmaOver.leakCurrentA(), sample.voltageV(), voltageSigmaV);
        }
        // A voltage that falls under charge current by more than two of the fraction's uncertainties (or by a step
        // no cycler's noise makes, which is what a fraction other than the window's reads) is a cell drained into
        // the short: it takes the current and what the cell gives up, which the slope does not read. That drain
        // goes with the cell's own electromotive force behind its resistance, not with the dV/dQ of a curve the
        // cell never ran on when healthy: pins at 8-78 mV still gave another 4-36 % of the current while the
        // fraction stated them as the current to within a few percent, the truth outside. Only the bound, then.
        boolean fallResolved =
                slopeNow < 0 && (slopeNow != overrun.slopeFraction() || sigmaKnown && slopeNow + 2 * fractionSigma < 0);
        // The first reading the estimate read: the charge's (or the drained rest's before it) for the balance; for
        // the slope, the first row of the window its dV/dQ was measured over (or of the latest step, where the
        // latest row's fall is what it read). A slope reads the leak of those rows, a tenth of a charge: a leak
        // that grows with the voltage or over the cycle is another current over the whole charge or cycle
        // (an anode half cell's slope read 0.60 mA, the truth over its rows 0.61, the cycle's mean 0.39).
        // Only a bound where the voltage falls beyond the readings' scatter, or faster than the slope resolves: that
        // says what the short takes while the voltage falls, so it names the row the charge rows' descent began at.
        // A window that closed across the fall began before it, on rows the short may not yet have touched (the mean
        // over a window the short struck half way through was under the current the bound names: 47 mA against 68).
        boolean boundOnly = balance == null && slopeNow < 0 && (!leak.resistanceResolved() || fallResolved);
        double fromS = balance != null
                ? state.curve.estimateFromTestTimeS()
                : boundOnly && !Double.isNaN(state.descent.fromTestTimeS)
                        ? Math.max(state.descent.fromTestTimeS, now.fromTestTimeS())
                        : now.fromTestTimeS();
        if (!Double.isNaN(fromS)) {
            evidence.put(LeakEstimate.FROM_TEST_TIME_KEY, fromS);
        }
        String said;
        if (boundOnly) {
            // The voltage falls under charge current beyond the readings' scatter, or faster than the slope
            // resolves: the cell itself is drained into the short, which takes the charge current and what the
            // cell gives up, by an amount nothing here gives: only that the leak is over the current.
            said = LeakEstimate.addBound(
                    evidence, sample.currentA(), sample.voltageV(), true, LeakEstimate.Basis.CHARGE_SLOPE);
        } else {
            leak.addTo(evidence);
            said = leak.describe();
        }
        return said;
    }

    /**
     * The leak the charge's slope fraction {@code f} gives: on the curve's ratios over the window it was read across
     * where known ({@code windowRange}), else on the whole curve's ({@code slopeRange}), else on the mean's alone.
     */
    private static LeakEstimate slopeLeak(
            Sample sample, double f, double[] windowRange, double[] slopeRange, double voltageSigmaV) {
        if (windowRange != null) {
            return LeakEstimate.ofChargeSlopeOnLocalCurve(
                    sample.currentA(), sample.voltageV(), voltageSigmaV, f, windowRange[0], windowRange[1]);
        }
        return slopeRange == null
                ? LeakEstimate.ofChargeSlope(sample.currentA(), sample.voltageV(), voltageSigmaV, f)
                : LeakEstimate.ofChargeSlopeOnCurve(
                        sample.currentA(), sample.voltageV(), voltageSigmaV, f, slopeRange[0], slopeRange[1]);
    }

    /** The slope fraction an estimate reads, and the test time of the first row it was read from, s. */
    record SlopeNow(double fraction, double fromTestTimeS) {}

    /**
     * The slope fraction the estimate reads: the recent window's, or the latest step's where that fell
     * unmistakably ({@link ChargeCurve#slopeFractionNow}); or, where the voltage
     * fell unmistakably since the window still open began, and by more than the usual charge climbs over the charge
     * passed since, that stretch's own fraction (under −1), the lower of the two. The recent window is closed only
     * once a tenth of a charge has passed, so it can be a stretch of the past: a hard short in a constant-voltage
     * taper dropped the voltage 1.1 V between two rows, the charge crossed its usual size one row later, on a step
     * that fell only 11 mV, and the window measured across the taper's flat voltage read a leak of exactly the
     * current, R the 2.3 kΩ that V/I gives for a true 352 Ω (a bound read as an estimate, at 475 of its σ).
     */
    private static SlopeNow slopeNow(ImminentShortState state, Sample sample, ImminentShortOverrun overrun) {
        double usualSlopeVPerAh = overrun.referenceRiseV() / overrun.referenceAh();
        double latest = state.curve.slopeFractionNow(overrun.slopeFraction(), usualSlopeVPerAh);
        SlopeNow read = latest == overrun.slopeFraction()
                ? new SlopeNow(latest, state.slopeFromTestTimeS)
                : new SlopeNow(latest, state.previousChargeRowTestTimeS);
        double open = ChargeCurve.drainedFraction(
                state.windowStartV - sample.voltageV(), state.counter.chargeAh - state.windowStartAh, usualSlopeVPerAh);
        return open < read.fraction() ? new SlopeNow(open, state.windowStartTestTimeS) : read;
    }
}
