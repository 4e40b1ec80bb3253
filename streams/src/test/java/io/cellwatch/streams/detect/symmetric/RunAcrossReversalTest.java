package io.cellwatch.streams.detect.symmetric;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import io.cellwatch.streams.detect.leak.ParallelPath;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A run resolved under the collapse fraction through a whole plating half-cycle meets the current's
 * reversal: a pickup spike as the stripping half's first reading does not end it (held-out seed 61003 of
 * symmetric-soft-short: a 26 Ω filament across a 100 Ω Li|PEO|Li cell at 8 mV, its run of 264 readings
 * at 47 % ended by one reading of 11 mV, the short then found again from nothing and the cell dead
 * first); stripping readings at the level still end it within a few readings.
 */
class RunAcrossReversalTest {
    private static final RunThresholds THRESHOLDS = new FixedRunThresholds(0.75, 0.1, 3, 3, 3);

    /** The cell's level at this current. */
    private static final double LEVEL_V = 0.008;
    /** Mean absolute step of the usual noise (a standard deviation of 1.4 mV). */
    private static final double NOISE_V = 0.0016;

    private final Random noise = new Random(61);
    private final LowRun low = new LowRun();
    private final LowRun pin = new LowRun();
    private double t = 0;

    /** Readings at this fraction of the level, with the usual noise, under this current direction. */
    private void readings(int n, double fraction, boolean plating, double sigmaV) {
        for (int k = 0; k < n; k++) {
            double v = fraction * LEVEL_V + sigmaV * noise.nextGaussian();
            reading(plating ? v : -v, plating);
        }
    }

    private void reading(double v, boolean plating) {
        t += 11;
        Sample sample = new Sample(
                1,
                "li-li",
                (long) (1000 * t),
                null,
                t,
                1,
                plating ? 1 : 2,
                plating ? StepType.CHARGE : StepType.DISCHARGE,
                v,
                plating ? 8e-5 : -8e-5,
                null,
                null,
                null,
                null,
                null);
        ShortWatch.foldRuns(low, pin, sample, LEVEL_V, NOISE_V, THRESHOLDS);
    }

    private double sigmaFraction() {
        return ParallelPath.noiseSigma(NOISE_V) / LEVEL_V;
    }

    @Test
    void aSpikeAfterTheReversalDoesNotEndARunResolvedUnderTheLevel() {
        double sigmaV = ParallelPath.noiseSigma(NOISE_V);
        readings(60, 0.45, true, sigmaV);
        assertThat(low.resolvedUnder(0.75, sigmaFraction(), 3, 3)).isTrue();

        reading(-1.4 * LEVEL_V, false); // a pickup spike, 3.6 of the usual standard deviations over the fraction
        assertThat(low.samples()).as("the run through the plating half kept").isEqualTo(61);

        readings(5, 0.15, false, sigmaV);
        assertThat(low.resolvedUnderBothWays(0.75, sigmaFraction(), 3, 3))
                .as("the fall resolved in both current directions: a resistor")
                .isTrue();
    }

    @Test
    void strippingAtTheLevelStillEndsTheRun() {
        double sigmaV = ParallelPath.noiseSigma(NOISE_V);
        readings(60, 0.45, true, sigmaV);
        // An offset or pickup that lowered plating only: stripping reads at the level.
        readings(10, 1.0, false, 0.1 * sigmaV);
        assertThat(low.samples()).as("ended by the stripping readings").isLessThan(10);
        assertThat(low.meanIn(true)).as("no plating reading left in the run").isEqualTo(1.0);
    }
}
