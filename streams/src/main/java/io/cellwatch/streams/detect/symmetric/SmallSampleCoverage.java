package io.cellwatch.streams.detect.symmetric;

/**
 * How much a standard error read from a few values' own scatter must be widened to cover what a known
 * one would. With n values the scatter is itself known only roughly (n − 1 degrees of freedom): two
 * values can happen to agree to a fraction of their true spread, and a filament still flickering read
 * over two intervals stated R to 2.7 % for a value 21 % away (range 13001's ccd-step-up seed 13015).
 * The factor is Student's t at 95 % two-sided for n − 1 degrees of freedom over the normal's 1.96, so
 * that two of the widened errors cover what two known ones would: 6.5 for two values, 2.2 for three,
 * 1.6 for four, under 1.2 from ten on. Plain statistics (the GUM's coverage for a Type A evaluation
 * from few readings), no number of cellwatch's own.
 */
final class SmallSampleCoverage {
    /** Student's t, 97.5th percentile, for 1 to 10 degrees of freedom. */
    private static final double[] T_975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228};

    private static final double NORMAL_975 = 1.959964;

    private SmallSampleCoverage() {}

    /** The factor for a standard error from {@code values} values' own scatter (1 where there are none to widen). */
    static double factor(int values) {
        int degrees = values - 1;
        if (degrees < 1) {
            return 1;
        }
        // Beyond the table, the Cornish-Fisher expansion of t about the normal's z (within 0.1 % from ν = 11 on).
        double z = NORMAL_975;
        double t = degrees <= T_975.length
                ? T_975[degrees - 1]
                : z
                        + (z * z * z + z) / (4.0 * degrees)
                        + (5 * Math.pow(z, 5) + 16 * z * z * z + 3 * z) / (96.0 * degrees * degrees);
        return t / NORMAL_975;
    }
}
