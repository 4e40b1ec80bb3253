package io.cellwatch.streams.detect.symmetric;

import io.cellwatch.streams.detect.leak.ParallelPath;

/**
 * Consecutive intervals between readings whose mean voltage from the cycler's counters ({@link
 * IntervalMeanVoltage}) is resolved under the collapse fraction of what the level reads, whatever the
 * readings at their ends say. A flickering filament conducts for most of an interval and is burnt
 * out now and then: where a reading falls on such a moment it reads the level, while the firmware's
 * integral over the interval does not. One interval alone could be a fault of the counters; two in a
 * row are the cell spending most of two intervals well under its level, which is what two readings
 * under it show. Signed with the current, as {@link LowRun}. The same sums follow the intervals of a
 * short's steady tail, and a steady stretch of them ({@link #foldSteady}) with the readings closing
 * its intervals, for {@link TailCountersResistance}.
 */
public final class CountersRun {
    int intervals;
    /** Test time the first interval of the run began, s. */
    double startTestTimeS;

    double sumVoltSeconds;
    double sumSeconds;
    /** Sums of the intervals' own means and their squares: how much they scatter about one another. */
    double sumMeansV;

    double sumMeanSquaresV2;
    /** The last interval's mean, V, and the test time it ended, s. */
    double lastMeanV;

    double lastToS;
    /** Sums of the readings closing the intervals folded with them and their squares, signed. */
    double sumReadingsV;

    double sumReadingSquaresV2;
    /** Whether an interval the counters do not describe plainly fell inside the run (its mean is not the run's). */
    boolean broken;
    /** Whether an interval folded by {@link #foldClosedBy} stepped from the one before it by more than its limit. */
    boolean stepped;

    public CountersRun() {
        // for the state-store codec
    }

    /**
     * One more interval of a steady stretch: where its mean steps from the previous interval's by more
     * than {@code stepV} (the counters' own noisy step), or it does not follow on from it, the stretch
     * starts again from it.
     */
    void foldSteady(double meanV, double fromS, double toS, double stepV, double readingV) {
        // An interval that does not begin where the last ended follows readings not folded in (the first
        // minutes of a half after the current reversed): the stretch's span is no longer its intervals'.
        if (intervals > 0 && (!(Math.abs(meanV - lastMeanV) <= stepV) || fromS != lastToS)) {
            reset();
        }
        foldWithReading(meanV, fromS, toS, readingV);
    }

    /**
     * One more interval of a short's steady tail, with the reading that closes it (signed, as the mean):
     * where its mean steps from the previous interval's by more than {@code stepV}, the run notes it
     * ({@link #stepped}) and goes on.
     */
    void foldClosedBy(double meanV, double fromS, double toS, double stepV, double readingV) {
        if (intervals > 0 && !(Math.abs(meanV - lastMeanV) <= stepV)) {
            stepped = true;
        }
        foldWithReading(meanV, fromS, toS, readingV);
    }

    private void foldWithReading(double meanV, double fromS, double toS, double readingV) {
        fold(meanV, fromS, toS);
        sumReadingsV += readingV;
        sumReadingSquaresV2 += readingV * readingV;
    }

    /**
     * The mean of the readings that close the intervals folded with them ({@link #foldSteady}, {@link
     * #foldClosedBy}), signed.
     */
    double readingsMeanV() {
        return intervals > 0 ? sumReadingsV / intervals : Double.NaN;
    }

    /** The standard error of {@link #readingsMeanV()}: one reading's noise over √n, or their own scatter if larger. */
    double readingsErrorV(double usualNoiseV) {
        double usual = ParallelPath.noiseSigma(usualNoiseV) / Math.sqrt(Math.max(1, intervals));
        if (intervals < 2) {
            return usual;
        }
        double mean = sumReadingsV / intervals;
        double variance = Math.max(0, (sumReadingSquaresV2 - intervals * mean * mean) / (intervals - 1));
        return Math.max(usual, Math.sqrt(variance / intervals));
    }

    /** One more interval under the level: its counters' mean voltage, from and to (test time, s). */
    void fold(double meanV, double fromS, double toS) {
        if (intervals == 0) {
            startTestTimeS = fromS;
        }
        intervals++;
        sumVoltSeconds += meanV * (toS - fromS);
        sumSeconds += toS - fromS;
        sumMeansV += meanV;
        sumMeanSquaresV2 += meanV * meanV;
        lastMeanV = meanV;
        lastToS = toS;
    }

    void reset() {
        intervals = 0;
        sumVoltSeconds = 0;
        sumSeconds = 0;
        sumMeansV = 0;
        sumMeanSquaresV2 = 0;
        sumReadingsV = 0;
        sumReadingSquaresV2 = 0;
        broken = false;
        stepped = false;
    }

    int intervals() {
        return intervals;
    }

    /**
     * The standard error of the intervals' mean from their own scatter (NaN under two intervals): a short
     * of one resistance reads alike in every interval, a filament that changes or burns out between the
     * readings does not.
     */
    double scatterErrorV() {
        if (intervals < 2) {
            return Double.NaN;
        }
        double mean = sumMeansV / intervals;
        double variance = Math.max(0, (sumMeanSquaresV2 - intervals * mean * mean) / (intervals - 1));
        return Math.sqrt(variance / intervals);
    }

    /** The counters' mean voltage over the run's intervals (one current: time-weighted is charge-weighted). */
    double meanV() {
        return sumSeconds > 0 ? sumVoltSeconds / sumSeconds : Double.NaN;
    }
}
