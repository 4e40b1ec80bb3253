package io.cellwatch.streams.detect.symmetric;

/**
 * A sequential test of "the cell reads under this fraction of what it should": consecutive live
 * samples' signed voltage as a fraction of the overpotential expected at their current (1 for a
 * healthy cell, 0 for a dead short), averaged since the run began. A run ends as soon as its mean,
 * or the mean of its samples under the present current direction, is resolved above the level (by
 * {@code sigmas} standard errors), so a healthy cell keeps no run; it is resolved under the level
 * when its mean plus {@code sigmas} standard errors is. A direction's samples end the run only once
 * they are as many as a run needs to be judged under the level: one reading is resolved by the
 * usual noise only where that noise is Gaussian, and a cycler's pickup makes spikes of several times
 * it (a few-mV cell: readings of 10 mV among 1–2 mV ones, one in twenty). Judged on a single reading,
 * the first spike after a current reversal would end a run resolved under the level for a whole
 * half-cycle, and the short it was would have to be found again from nothing in the new direction. The standard error falls as 1/√n: a small
 * signal in a noisy cell (a few mV against mV of noise) is resolved by averaging more samples, which
 * is the physically fastest the logging allows.
 *
 * <p>Signed with the current, so noise and an alternating pickup average out instead of adding up,
 * as a mean of |V| would. The run keeps each current direction apart, so a caller can ask that it be
 * resolved under the level in both: a short is a resistor and lowers both directions.
 */
public final class LowRun {
    /** Samples and summed fractions under positive (plating) and negative (stripping) current. */
    int positiveSamples;

    double positiveSum;
    int negativeSamples;
    double negativeSum;
    double sumSignedV;
    double sumSquaresV2;
    /** The previous sample's signed voltage, and the steps from one sample to the next above the noise limit. */
    double lastSignedV;

    int noisySteps;
    /**
     * The run's steady tail: its samples since the last noisy step (a flickering filament's last
     * moment, a pinned short's whole pin), their summed signed voltage and its squares. The short as
     * it is now is this tail, not the run's mean, which mixes the moments a changing filament went through.
     */
    int tailSamples;

    double tailSumV;
    double tailSumSquaresV2;
    /** Test time of the run's first sample, s (set by the caller, which knows the sample's time). */
    double startTestTimeS;
    /** Test time of the steady tail's first sample, s (set by the caller, as the run's start). */
    double tailStartTestTimeS;
    /** The run's first readings, where the voltage may have fallen after the run began. */
    RunFall fall = new RunFall();
    /**
     * The readings the run held when they were judged to carry the short's resistance (0: not judged so
     * yet), their summed signed voltage and its squares, and the test time of the first reading after
     * them: R is read from the readings after these ({@link #sinceCarried}), which the judgement did not see.
     */
    int carriedAtSamples;

    double carriedAtSumV;
    double carriedAtSumSquaresV2;
    double afterCarriedTestTimeS;
    /**
     * The run's readings under the band a healthy cell reads in by itself (the moments a flickering
     * filament conducted, {@link #conducting}): how many, their summed signed voltage and its squares.
     */
    int conductingSamples;

    double conductingSumV;
    double conductingSumSquaresV2;

    public LowRun() {
        // for the state-store codec
    }

    /**
     * Folds a sample in.
     *
     * @param fraction      signed voltage over the overpotential expected at this current
     * @param signedV       the voltage signed with the current
     * @param positive      the current's sign
     * @param level         the fraction under which the run counts
     * @param sigmaFraction one sample's noise (standard deviation) as a fraction of the expected overpotential
     * @param sigmas        standard errors that resolve a mean from the level
     * @param noisyStepV    a step from the previous sample's voltage larger than this is a noisy one
     * @param conductingUnder a reading under this fraction is one where a parallel path carried current
     * @param confirmSamples  a current direction's samples that can end the run by themselves
     */
    void fold(
            double fraction,
            double signedV,
            boolean positive,
            double level,
            double sigmaFraction,
            double sigmas,
            double noisyStepV,
            double conductingUnder,
            int confirmSamples) {
        if (samples() > 0 && Math.abs(signedV - lastSignedV) > noisyStepV) {
            noisySteps++;
            tailSamples = 0;
            tailSumV = 0;
            tailSumSquaresV2 = 0;
        }
        tailSamples++;
        tailSumV += signedV;
        tailSumSquaresV2 += signedV * signedV;
        lastSignedV = signedV;
        if (positive) {
            positiveSamples++;
            positiveSum += fraction;
        } else {
            negativeSamples++;
            negativeSum += fraction;
        }
        sumSignedV += signedV;
        sumSquaresV2 += signedV * signedV;
        if (fraction < conductingUnder) {
            conductingSamples++;
            conductingSumV += signedV;
            conductingSumSquaresV2 += signedV * signedV;
        }
        int sameSign = positive ? positiveSamples : negativeSamples;
        double signMean = (positive ? positiveSum : negativeSum) / sameSign;
        if (above(mean(), samples(), level, sigmaFraction, sigmas)
                || (sameSign >= confirmSamples && above(signMean, sameSign, level, sigmaFraction, sigmas))) {
            reset();
        }
    }

    private static boolean above(double mean, int n, double level, double sigmaFraction, double sigmas) {
        return mean - sigmas * sigmaFraction / Math.sqrt(n) > level;
    }

    private static boolean under(double mean, int n, double level, double sigmaFraction, double sigmas) {
        return mean + sigmas * sigmaFraction / Math.sqrt(n) < level;
    }

    /** Whether the run's mean is resolved under the level after at least {@code minSamples} samples. */
    boolean resolvedUnder(double level, double sigmaFraction, double sigmas, int minSamples) {
        return samples() >= minSamples && under(mean(), samples(), level, sigmaFraction, sigmas);
    }

    /** Whether the run is resolved under the level in each current direction, on {@code minSamples} samples each. */
    boolean resolvedUnderBothWays(double level, double sigmaFraction, double sigmas, int minSamples) {
        return positiveSamples >= minSamples
                && negativeSamples >= minSamples
                && under(positiveSum / positiveSamples, positiveSamples, level, sigmaFraction, sigmas)
                && under(negativeSum / negativeSamples, negativeSamples, level, sigmaFraction, sigmas);
    }

    void reset() {
        positiveSamples = 0;
        positiveSum = 0;
        negativeSamples = 0;
        negativeSum = 0;
        sumSignedV = 0;
        sumSquaresV2 = 0;
        noisySteps = 0;
        tailSamples = 0;
        tailSumV = 0;
        tailSumSquaresV2 = 0;
        fall.reset();
        carriedAtSamples = 0;
        carriedAtSumV = 0;
        carriedAtSumSquaresV2 = 0;
        afterCarriedTestTimeS = 0;
        conductingSamples = 0;
        conductingSumV = 0;
        conductingSumSquaresV2 = 0;
    }

    /** Keeps a reading the run took (after {@link #fold}, with its test time) to look for the fall in. */
    void keep(double signedV, double testTimeS) {
        if (samples() > 0) {
            fall.keep(signedV, testTimeS);
        }
        if (carriedAtSamples > 0 && samples() == carriedAtSamples + 1) {
            afterCarriedTestTimeS = testTimeS;
        }
    }

    /**
     * Marks the run's readings so far as those judged to carry the short's resistance. A judgement
     * made on a mean (its standard error under a fraction of it) comes soonest where the noise has
     * swung that mean away from zero, so R = V/I read from those same readings is biased high; the
     * readings after the mark are independent of the judgement, and their mean voltage is not.
     */
    void markCarried() {
        carriedAtSamples = samples();
        carriedAtSumV = sumSignedV;
        carriedAtSumSquaresV2 = sumSquaresV2;
    }

    /** Whether the run's readings have been judged to carry the short's resistance ({@link #markCarried}). */
    boolean carriedMarked() {
        return carriedAtSamples > 0;
    }

    /** Readings taken since the mark ({@link #markCarried}): none before it. */
    int samplesSinceCarried() {
        return carriedMarked() ? samples() - carriedAtSamples : 0;
    }

    /** The readings after the mark ({@link #markCarried}) as {@link Readings}. */
    Readings sinceCarried() {
        int n = samplesSinceCarried();
        double sum = sumSignedV - carriedAtSumV;
        return new Readings(
                n,
                n == 0 ? 0 : sum / n,
                standardError(sum, sumSquaresV2 - carriedAtSumSquaresV2, n),
                afterCarriedTestTimeS);
    }

    /**
     * The readings since the voltage fell inside the run ({@link RunFall}), or the whole run where no
     * fall is resolved by {@code sigmas} standard errors of one reading's noise {@code sigmaV}. A
     * flickering filament's run (a third of its steps noisy or more, as {@link #noisy} judges) is read
     * whole: it is a different short at every reading, with no one fall, and a split would pick the
     * stretch of readings that happened to sit low; the whole run is its effective value.
     */
    Readings sinceFall(double sigmaV, double sigmas) {
        int n = samples();
        int before = flickers() ? 0 : fall.fallIndex(n, sumSignedV, sumSquaresV2, sigmaV, sigmas);
        if (before == 0) {
            return new Readings(n, meanSignedV(), meanStandardErrorV(), startTestTimeS);
        }
        double[] sums = fall.sums(before);
        int rest = n - before;
        double sum = sumSignedV - sums[0];
        return new Readings(
                rest, sum / rest, standardError(sum, sumSquaresV2 - sums[1], rest), fall.testTimeAt(before));
    }

    /**
     * The run's readings where the short conducted, as {@link Readings} (from the run's start): those
     * under the band a healthy cell reads in by itself. A flickering filament is burnt out now and then,
     * and a reading at such a moment is the cell's own level with no current in the short: its
     * resistance is V/I_short over the moments it carried current, and a mean voltage that counts the
     * burnt-out readings reads it high (about a fifth, where one reading in ten is burnt out at twice the
     * voltage of the rest). The cut is the band itself, with no margin for the noise either way: a margin
     * under it (to keep out a burnt-out reading the noise pulled low) drops the weakly conducting readings
     * next to it, which in a cell of a few mV under a mV of noise are many more. (A run held in the state
     * store from before these sums were kept counts its conducting readings from the upgrade on: the
     * filament's later moments only, for that one run.)
     */
    Readings conducting() {
        int n = conductingSamples;
        return new Readings(
                n,
                n == 0 ? 0 : conductingSumV / n,
                standardError(conductingSumV, conductingSumSquaresV2, n),
                startTestTimeS);
    }

    /** The steady tail as {@link Readings}. */
    Readings tail() {
        return new Readings(tailSamples, tailMeanV(), tailStandardErrorV(), tailStartTestTimeS);
    }

    /**
     * Readings an estimate reads: how many, their mean signed voltage, its standard error from their own
     * scatter (NaN under two), and the first one's test time.
     */
    record Readings(int samples, double meanV, double standardErrorV, double startTestTimeS) {}

    double mean() {
        int n = samples();
        return n == 0 ? 1 : (positiveSum + negativeSum) / n;
    }

    /** The run's mean fraction over its samples under this current direction (1 while it has none). */
    double meanIn(boolean positive) {
        int n = positive ? positiveSamples : negativeSamples;
        return n == 0 ? 1 : (positive ? positiveSum : negativeSum) / n;
    }

    /** Mean voltage (signed with the current) over the run: what the short estimate uses. */
    double meanSignedV() {
        int n = samples();
        return n == 0 ? 0 : sumSignedV / n;
    }

    /**
     * Whether the run's steps from sample to sample are noisy: a third of them or more above the noise
     * limit, and at least the {@code minSamples − 1} steps that {@code minSamples} samples make. A filament
     * forming and burning out makes most steps large; a single fall (a bridge connecting, an offset
     * setting in) happens before the run's first sample and makes none within it; Gaussian noise makes
     * a step over three times its mean size in under 2 % of steps.
     */
    boolean noisy(int minSamples) {
        return noisySteps >= Math.max(1, minSamples - 1) && flickers();
    }

    /**
     * Whether the run is a flickering filament's: a third of its steps noisy or more (Gaussian noise
     * makes a step over three times its mean size in under 2 % of steps, so a long steady run has a few).
     */
    boolean flickers() {
        return noisySteps > 0 && 3 * noisySteps >= samples() - 1;
    }

    int noisySteps() {
        return noisySteps;
    }

    /** The standard error of {@link #meanSignedV()}, from the run's own scatter (NaN under two samples). */
    double meanStandardErrorV() {
        return standardError(sumSignedV, sumSquaresV2, samples());
    }

    private static double standardError(double sum, double sumSquares, int n) {
        if (n < 2) {
            return Double.NaN;
        }
        double mean = sum / n;
        double variance = Math.max(0, (sumSquares - n * mean * mean) / (n - 1));
        return Math.sqrt(variance / n);
    }

    /** Samples in the steady tail (since the last noisy step). */
    int tailSamples() {
        return tailSamples;
    }

    /** Mean signed voltage of the steady tail: the short as it is now. */
    double tailMeanV() {
        return tailSamples == 0 ? 0 : tailSumV / tailSamples;
    }

    /** The standard error of {@link #tailMeanV()} from the tail's own scatter (NaN under two samples). */
    double tailStandardErrorV() {
        return standardError(tailSumV, tailSumSquaresV2, tailSamples);
    }

    int samples() {
        return positiveSamples + negativeSamples;
    }
}
