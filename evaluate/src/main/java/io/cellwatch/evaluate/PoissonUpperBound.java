package io.cellwatch.evaluate;

/**
 * The one-sided upper confidence limit of a Poisson mean after observing k events: the λ for which
 * P(X ≤ k | λ) equals 1 − confidence. With no false alarm in N channel-days the rate is not zero,
 * it is "under 3.0 per N at 95 %", and that is what the report says.
 */
final class PoissonUpperBound {
    private PoissonUpperBound() {}

    static double of(int k, double confidence) {
        double target = 1 - confidence;
        double lo = k;
        double hi = k + 10 + 10 * Math.sqrt(k + 1);
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (cumulative(k, mid) > target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** P(X ≤ k) for a Poisson variable of mean lambda. */
    static double cumulative(int k, double lambda) {
        double term = Math.exp(-lambda);
        double sum = term;
        for (int i = 1; i <= k; i++) {
            term *= lambda / i;
            sum += term;
        }
        return sum;
    }
}
