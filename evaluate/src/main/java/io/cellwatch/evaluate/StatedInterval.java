package io.cellwatch.evaluate;

import java.util.Map;

/**
 * The interval an alert states for a short's resistance or leak current: the bounds it names
 * ({@code shortResistanceLowerBoundOhm}/{@code UpperBoundOhm}, {@code leakCurrentLowerBoundA}/{@code
 * UpperBoundA}), narrowed by its estimate ± two of its stated uncertainties (one standard deviation
 * each, {@code shortResistanceUncertaintyOhm}, {@code leakCurrentUncertaintyA}): about 95 % of a normal
 * error. An estimate without an uncertainty states a point, which the truth almost never equals: a
 * number with no stated uncertainty is scored as claiming to be exact. A side no key bounds is open.
 *
 * @param lower the smallest value the alert allows (0 when it names none)
 * @param upper the largest (infinite when it names none)
 */
record StatedInterval(double lower, double upper) {

    /** Standard deviations either side of an estimate that its interval spans. */
    static final double SIGMAS = 2;

    /** The interval the evidence states for the resistance (or the leak current), or null when it states nothing. */
    static StatedInterval of(Map<String, Double> evidence, boolean resistance) {
        String prefix = resistance ? "shortResistance" : "leakCurrent";
        String unit = resistance ? "Ohm" : "A";
        Double value = evidence.get(prefix + unit);
        Double sigma = evidence.get(prefix + "Uncertainty" + unit);
        Double lowerBound = evidence.get(prefix + "LowerBound" + unit);
        Double upperBound = evidence.get(prefix + "UpperBound" + unit);
        if (value == null && lowerBound == null && upperBound == null) {
            return null;
        }
        double lower = lowerBound == null ? 0 : lowerBound;
        double upper = upperBound == null ? Double.POSITIVE_INFINITY : upperBound;
        if (value != null) {
            double spread = sigma == null || !(sigma >= 0) ? 0 : SIGMAS * sigma;
            lower = Math.max(lower, value - spread);
            upper = Math.min(upper, value + spread);
        }
        return new StatedInterval(lower, upper);
    }

    boolean contains(double truth) {
        return truth >= lower && truth <= upper;
    }
}
