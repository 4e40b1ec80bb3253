package io.cellwatch.streams.detect.symmetric;

import java.util.Arrays;

/**
 * Where, inside a {@link LowRun}, the voltage fell: the readings the short's estimate reads are those
 * after it. A run begins at the first reading under its fraction that its mean has not yet left, so a
 * healthy cell sitting a little under its level (early in a half-cycle, before concentration
 * polarisation builds) keeps a run open for dozens of readings before the short connects; the
 * run's mean then mixes the healthy readings into the short's, and V/I_leak reads the short's
 * resistance too high (a 41 Ω resistor read as 71 Ω on a run whose first 25 readings were the healthy
 * cell's). A resistor connecting lowers the mean from one reading to the next and holds it there:
 * the fall is the split of the run into a higher first part and a lower rest whose difference of
 * means is the most standard errors ({@link #fallIndex}), the maximum-likelihood change point of a
 * step in the mean under Gaussian noise; a split counts only when that difference is resolved by the
 * run's sigmas (a steady run has none, and is read whole).
 *
 * <p>The run's first {@value #KEPT} readings are kept: a healthy cell's run ends once its mean is
 * resolved above the collapse fraction, within (3σ/0.25)² readings of a cell whose noise is its
 * level's (σ/η = 1 gives 144), so a fall is looked for there; the readings after the kept ones are
 * known by the run's sums alone, and are all after any fall found.
 */
public final class RunFall {
    /** Readings of the run kept to look for the fall in. */
    static final int KEPT = 256;
    /**
     * Standard errors by which the part before must stand above the rest at one split: three, as a run's
     * own test ({@link OverpotentialSettings#runSigmas()}), a 1-in-740 one-sided chance. The fall is the
     * best of many splits, so {@link #fallIndex} asks more (Bonferroni over the splits tried).
     */
    static final double SIGMAS = 3;

    /** The run's first readings' signed voltages and test times; {@code kept} of them are in use. */
    double[] signedV = new double[0];

    double[] testTimeS = new double[0];
    int kept;

    public RunFall() {
        // for the state-store codec
    }

    void keep(double v, double timeS) {
        if (kept >= KEPT) {
            return;
        }
        if (kept == signedV.length) {
            int size = Math.min(KEPT, Math.max(8, 2 * kept));
            signedV = Arrays.copyOf(signedV, size);
            testTimeS = Arrays.copyOf(testTimeS, size);
        }
        signedV[kept] = v;
        testTimeS[kept] = timeS;
        kept++;
    }

    void reset() {
        signedV = new double[0];
        testTimeS = new double[0];
        kept = 0;
    }

    /**
     * How many of the run's first readings came before its fall (0: no fall resolved, the run is read
     * whole).
     *
     * @param n        the run's readings
     * @param sum      their summed signed voltage
     * @param sumSq    their summed squares
     * @param sigmaV   one reading's usual noise (standard deviation), V
     * @param sigmas   standard errors by which the part before must stand above the rest
     */
    int fallIndex(int n, double sum, double sumSq, double sigmaV, double sigmas) {
        // The first reading after the split must be a kept one (its time names the estimate's readings).
        int splits = Math.min(kept - 1, n - 2);
        if (splits < 1) {
            return 0;
        }
        // The best of m splits of pure noise stands above the rest more often than one split does: a
        // Gaussian tail falls as e^(−z²/2), so keeping the one split's chance over m asks z² larger by 2·ln m
        // (m = 40: 4.1 standard errors for 3; m = 255: 4.5). A steady run is then read whole as often as a
        // single 3σ test would let it through.
        int best = 0;
        double bestZ = Math.sqrt(sigmas * sigmas + 2 * Math.log(splits));
        double before = 0;
        double beforeSq = 0;
        for (int k = 1; k <= splits; k++) {
            before += signedV[k - 1];
            beforeSq += signedV[k - 1] * signedV[k - 1];
            int rest = n - k;
            double meanBefore = before / k;
            double meanRest = (sum - before) / rest;
            // Each part's scatter about its own mean: a run with a filament's noise is judged by that, not the usual.
            double within = (beforeSq - k * meanBefore * meanBefore) + (sumSq - beforeSq - rest * meanRest * meanRest);
            double sigma = Math.max(sigmaV, n > 2 ? Math.sqrt(Math.max(0, within) / (n - 2)) : 0);
            double z = (meanBefore - meanRest) / (sigma * Math.sqrt(1.0 / k + 1.0 / rest));
            if (z > bestZ) {
                bestZ = z;
                best = k;
            }
        }
        return best;
    }

    /** The summed signed voltage and squares of the first {@code k} readings kept. */
    double[] sums(int k) {
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < k; i++) {
            sum += signedV[i];
            sumSq += signedV[i] * signedV[i];
        }
        return new double[] {sum, sumSq};
    }

    /** Test time of the kept reading at this index. */
    double testTimeAt(int index) {
        return testTimeS[index];
    }
}
