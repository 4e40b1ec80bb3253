package io.cellwatch.streams.detect;

/**
 * An exponentially weighted mean with an exponentially weighted mean absolute deviation: a
 * channel's own baseline, two numbers of state, following slow drift (fade) while forgetting old
 * cycles. The deviation is a robust scale for "how noisy is this cell normally".
 */
public final class Ewma {
    double mean;
    double meanAbsDeviation;
    int count;

    public Ewma() {
        // for the state-store codec
    }

    /** Folds a value in with weight {@code alpha} (after a plain running mean for the first 1/alpha values). */
    public void add(double value, double alpha) {
        count++;
        double weight = Math.max(alpha, 1.0 / count);
        double deviation = Math.abs(value - mean);
        if (count == 1) {
            mean = value;
            meanAbsDeviation = 0;
            return;
        }
        meanAbsDeviation += weight * (deviation - meanAbsDeviation);
        mean += weight * (value - mean);
    }

    /** Forgets everything: the next value starts a new baseline. */
    public void reset() {
        mean = 0;
        meanAbsDeviation = 0;
        count = 0;
    }

    public double mean() {
        return mean;
    }

    public double meanAbsDeviation() {
        return meanAbsDeviation;
    }

    public int count() {
        return count;
    }
}
