package io.cellwatch.streams.detect.imminent;

import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.leak.CycleLeak;
import io.cellwatch.streams.detect.leak.LeakEstimate;
import java.util.Locale;
import java.util.Map;

/**
 * The current a filament drew during a sudden voltage drop under charge current, for {@link
 * VoltageDropDetector}: what the drop's readings say of it, as a value or as a bound.
 *
 * <p>Physics: the terminal voltage is the open-circuit voltage plus (I − I_f)·R_cell, R_cell the
 * cell's resistance from the jumps at charge starts (seen over one logging interval, as the drop is).
 * A filament drawing I_f lowers it at once by I_f·R_cell; it also takes I_f out of what the cell
 * stores, so over the reading interval the open-circuit voltage climbs less than the charge's trend
 * by up to I_f/I of that trend (all of it when the filament was there the whole interval, none when it
 * touched just before the reading). The fall ΔV below the trend is therefore I_f·(R_cell + f·trend/I),
 * f in [0, 1]:
 *
 * <pre>
 *   ΔV / (R_cell + trend/I)  ≤  I_f  ≤  ΔV / R_cell
 * </pre>
 *
 * (the trend's slope is the curve's where the charge is, so this holds whether the filament takes less
 * current than the charge or more). The value given is ΔV/R_cell, a filament that touched as the reading
 * was taken (a flickering one's moment); one there since the reading before draws less, down to the
 * range's other end, and half the range counts as uncertainty, with those of R_cell's scatter and the
 * voltage jitter.
 *
 * <p>Where the voltage stands below where this charge began, the filament has drained the cell past
 * the state the charge started from, onto a part of its curve the charge never climbed (past the empty
 * end of a full cell the open-circuit voltage collapses, far steeper than any trend): the open-circuit
 * voltage fell under the drop by an amount nothing in the readings gives. The fall still bounds the
 * filament's current from above (a falling open-circuit voltage only adds to it), so the evidence
 * carries that bound and no value: I_f under ΔV/R_cell, the short over V over it (a value there read a
 * hard short's current up to 30x too high, its resistance 2x too low).
 *
 * <p>The estimate names the reading before the first drop standing in the charge ({@link
 * LeakEstimate#FROM_TEST_TIME_KEY}): what it measured is the filament over those readings.
 */
final class FilamentCurrent {
    /** Standard deviations on the bound's side, so that the bound holds for R_cell's scatter and the jitter. */
    private static final double BOUND_SIGMAS = 2;

    private FilamentCurrent() {}

    /**
     * Adds the filament's current (or its bound) to the evidence; returns the words for the message,
     * empty when no charge start has given the cell's resistance yet.
     *
     * @param standingV the fall standing below the charge's trend, V
     * @param trendV    the charge's climb over the reading before the drop, V
     */
    static String addTo(
            Map<String, Double> evidence, VoltageDropState state, Sample sample, double standingV, double trendV) {
        double r = state.resistanceOhm.mean();
        double i = Math.abs(sample.currentA());
        if (state.resistanceOhm.count() == 0 || !(r > 0) || !(i > 0) || !(standingV > 0)) {
            return "";
        }
        evidence.put("cellResistanceOhm", r);
        evidence.put("standingDropV", standingV);
        evidence.put(LeakEstimate.FROM_TEST_TIME_KEY, state.droppedFromTestTimeS);
        double highA = standingV / r;
        double relative = Math.hypot(
                CycleLeak.MAD_TO_SIGMA * state.resistanceOhm.meanAbsDeviation() / r, state.jitterV / standingV);
        double v = Math.abs(sample.voltageV());
        if (v < state.chargeStartV) {
            double boundA = highA * (1 + BOUND_SIGMAS * relative);
            LeakEstimate.addBound(evidence, boundA, v, false, LeakEstimate.Basis.VOLTAGE_DROP);
            return String.format(
                    Locale.ROOT,
                    "the cell is drained below where this charge began (%.3g A by the fall over the cell's"
                            + " resistance): its open-circuit voltage fell by an amount the readings do not give, so"
                            + " only a bound: leak under %.3g A, short over %.3g Ω",
                    highA,
                    boundA,
                    v / boundA);
        }
        double lowA = standingV / (r + Math.max(0, trendV) / i);
        double uncertaintyA = Math.hypot((highA - lowA) / 2, highA * relative);
        LeakEstimate leak = LeakEstimate.of(
                highA, uncertaintyA, i, sample.voltageV(), state.jitterV, LeakEstimate.Basis.VOLTAGE_DROP);
        leak.addTo(evidence);
        return leak.describe();
    }
}
