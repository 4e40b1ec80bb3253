package io.cellwatch.streams.detect.replicate;

import java.util.Arrays;

/** The robust statistics a replicate group is judged by: medians and median absolute deviations. */
final class GroupStatistics {
    /** Scale of a median absolute deviation to a standard deviation (normal scatter). */
    static final double MAD_TO_SIGMA = 1.4826;

    private GroupStatistics() {}

    /** Column j of every row but self, NaNs left out: the siblings' values of one quantity. */
    static double[] siblings(double[][] values, int self, int j) {
        double[] out = new double[values.length];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (i != self && !Double.isNaN(values[i][j])) {
                out[n++] = values[i][j];
            }
        }
        return Arrays.copyOf(out, n);
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }

    static double medianAbsoluteDeviation(double[] values, double median) {
        double[] deviations = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            deviations[i] = Math.abs(values[i] - median);
        }
        return median(deviations);
    }

    static double[] append(double[] values, double value) {
        double[] out = Arrays.copyOf(values, values.length + 1);
        out[values.length] = value;
        return out;
    }
}
