package io.cellwatch.streams.detect.symmetric;

import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.leak.LeakEstimate;
import io.cellwatch.streams.detect.leak.ParallelPath;
import java.util.Map;

/**
 * The CCD short's resistance from the cycler's counters over the last steady stretch of its steady
 * tail's intervals: the energy counter over the charge counter ({@link CountersRun}, {@link
 * IntervalMeanVoltage}), which the firmware integrates at its fast internal rate, so the readings'
 * noise does not reach it. R = V̄/Ī_short with Ī_short = I·(1 − V̄/η) ({@link ParallelPath}): at one
 * current the short's mean current is linear in the mean voltage, so this is ∫V dt / ∫I_short dt over
 * exactly the stretch's span (named by its first reading), the short's effective value over it.
 *
 * <p>Why not the readings: a hard short of a fraction of an ohm pins a mA-cell at 0.5-2 mV, under a
 * cycler's reading noise of about 1 mV. Three steady readings then give V to 60-100 % of itself, and
 * an R sent once the run's voltage is first resolved from zero, or once three readings happen to
 * agree, is the noise swung up: range 1's ccd-step-up seed 4 sent 1.35 Ω for a pinned 0.557 Ω (three
 * readings of mean 1.43 mV for the short's 0.60 mV). The counters read that 0.60 mV over the same
 * span to the energy counter's printed step: 1e-9 Wh over the ~2e-5 Ah of two intervals at 1 mA is
 * 0.05 mV, over a longer stretch less.
 *
 * <p>A filament that changes between the readings is not one resistance: the stretch starts again at
 * an interval whose mean steps from the last by more than the readings' noisy step (range 9001's
 * ccd-step-up seed 9004: 9.4, 15.3, 1.2 and 1.2 mV over four 175 s intervals, a burn-out at η inside
 * the second, under readings that never stepped so), and R is read only where the readings closing
 * its intervals agree with it ({@link #usable}). The uncertainty of V̄ is the printed step over the
 * charge the stretch passed (both ends rounded: their difference is off by up to one step, taken as one
 * standard deviation, which is wider than the rounding's own), or the intervals' own scatter where
 * larger.
 *
 * <p>Where the steady stretch is too short because it started again after the readings of a half's
 * first minutes, which are not read (a tail across the current's reversal), the tail's own intervals
 * are read by the same tests, provided none of them steps from the one before it by more than the
 * noisy step ({@code CcdShortReport.countersRead}).
 */
final class TailCountersResistance {
    private TailCountersResistance() {}

    /**
     * Whether the counters describe a steady stretch of the steady tail's intervals plainly (and give a
     * mean): as many intervals as a steady tail's readings close, {@code steadyReadings} − 1, none
     * stepping from the last by more than a noisy step of the readings ({@link CountersRun#foldSteady}).
     */
    static boolean cover(LowRun run, CountersRun counters, int steadyReadings) {
        return !counters.broken
                && counters.intervals() >= Math.max(1, steadyReadings - 1)
                && counters.intervals() <= run.tailSamples() - 1
                && counters.meanV() > 0;
    }

    /**
     * Whether R can be read from the counters' steady stretch: it {@link #cover}s, and the readings that
     * close its intervals agree with it (their mean within two standard errors of both, as {@link
     * CcdShortReport#flickeredBetweenReadings} for the whole tail): a filament that burns out between the
     * readings reads alike interval by interval over long intervals, but its burnt-out moments at η are
     * in the counters and not in the readings that found it conducting (range 9001's
     * ccd-step-up-undeclared seed 9003: 23.5 mV on the counters over two 196 s intervals, 2.4 mV on
     * their readings).
     */
    static boolean usable(
            LowRun run,
            CountersRun counters,
            IntervalMeanVoltage interval,
            Sample sample,
            CriticalCurrentDensitySettings settings,
            double usualNoiseV) {
        if (!cover(run, counters, settings.steadyReadings())) {
            return false;
        }
        double allowed =
                2 * Math.hypot(counters.readingsErrorV(usualNoiseV), errorV(counters, interval, sample.currentA()));
        return Math.abs(counters.meanV() - counters.readingsMeanV()) <= allowed;
    }

    /**
     * The standard error of the counters' mean voltage over the tail: the printed energy step over the
     * charge passed, or the intervals' own scatter where that is larger (a filament whose conductance
     * changes between the readings, or that burns out for a moment, reads differently interval by
     * interval, and its mean over them is known only to that), widened for the few intervals it is read
     * from ({@link SmallSampleCoverage}: two intervals that happen to agree say little of the spread).
     */
    static double errorV(CountersRun counters, IntervalMeanVoltage interval, double currentA) {
        double passedAh = Math.abs(currentA) * counters.sumSeconds / 3600;
        double printedV = passedAh > 0 ? interval.energyStepWh / passedAh : Double.POSITIVE_INFINITY;
        // The scatter of a few intervals is itself uncertain: widened for their number (SmallSampleCoverage).
        double scatterV = counters.scatterErrorV() * SmallSampleCoverage.factor(counters.intervals());
        return Double.isNaN(scatterV) ? printedV : Math.max(printedV, scatterV);
    }

    /** Whether the counters give the tail's voltage to this relative standard error (R = V/I to that). */
    static boolean measured(
            LowRun run,
            CountersRun counters,
            IntervalMeanVoltage interval,
            Sample sample,
            CriticalCurrentDensitySettings settings) {
        return cover(run, counters, settings.steadyReadings())
                && errorV(counters, interval, sample.currentA())
                        < settings.resistanceRelativeError() * counters.meanV();
    }

    /**
     * The estimate from the counters, into the evidence in place of the readings': R, or where the
     * counters' voltage is not resolved from zero by two of its errors, the bound (V̄ + 2σ)/I_short, as
     * {@link ShortWatch} does for readings.
     */
    static LeakEstimate estimate(
            Map<String, Double> evidence,
            Sample sample,
            CountersRun counters,
            IntervalMeanVoltage interval,
            double pathV) {
        double meanV = counters.meanV();
        double errorV = errorV(counters, interval, sample.currentA());
        LeakEstimate leak = ParallelPath.estimate(sample.currentA(), meanV, errorV, pathV);
        evidence.remove("shortResistanceOhm");
        evidence.remove("shortResistanceUncertaintyOhm");
        evidence.remove("shortResistanceUpperBoundOhm");
        evidence.put("tailCountersMeanV", meanV);
        evidence.put("tailCountersErrorV", errorV);
        evidence.put("tailCountersIntervals", (double) counters.intervals());
        // The estimate is of the counters' steady stretch: from the reading its first interval began at.
        evidence.put(LeakEstimate.FROM_TEST_TIME_KEY, counters.startTestTimeS);
        if (leak.resistanceResolved() && !(meanV > 2 * errorV)) {
            evidence.put("shortResistanceUpperBoundOhm", (meanV + 2 * errorV) / leak.leakCurrentA());
            leak = ShortResistanceFollowUp.withoutResistance(leak);
        }
        leak.addTo(evidence);
        return leak;
    }
}
