package io.cellwatch.streams.detect.symmetric;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import io.cellwatch.streams.detect.leak.LeakEstimate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A run that began on a healthy cell sitting a little under its level, before a resistor connected:
 * the estimate reads the readings since the fall, not the healthy ones before it; a run that began
 * at the fall is read whole.
 */
class RunFallTest {
    /** Collapse under 0.75 of the level, pinned under 0.1, noisy steps over 5× the usual noise, 3 standard errors. */
    private static final RunThresholds THRESHOLDS = new FixedRunThresholds(0.75, 0.1, 5, 3, 3);

    /** 100 mV at 1 mA before the short: the electrolyte's 100 Ω. */
    private static final double EXPECTED_V = 0.1;
    /** Mean absolute step of the usual noise: a standard deviation of 17.7 mV, a sixth of the level. */
    private static final double NOISE_V = 0.02;
    /** 25 Ω across 100 Ω at 1 mA: 20 mV. */
    private static final double SHORT_OHM = 25;

    private static final double SHORTED_V = 0.001 * SHORT_OHM * 100 / (SHORT_OHM + 100);

    private static Sample reading(double t, double v) {
        return new Sample(1, "li-li", (long) t, null, t, 5, 1, StepType.CHARGE, v, 0.001, null, null, null, null, null);
    }

    /** Folds readings at these levels (with Gaussian noise of the usual size) 60 s apart from t = 600 s. */
    private static LowRun run(double[] levelsV, long seed) {
        return run(levelsV, seed, NOISE_V);
    }

    private static LowRun run(double[] levelsV, long seed, double noiseV) {
        Random noise = new Random(seed);
        LowRun low = new LowRun();
        LowRun pin = new LowRun();
        double sigma = noiseV * Math.sqrt(Math.PI) / 2;
        for (int k = 0; k < levelsV.length; k++) {
            double v = levelsV[k] + sigma * noise.nextGaussian();
            ShortWatch.foldRuns(low, pin, reading(600 + 60 * k, v), EXPECTED_V, noiseV, THRESHOLDS);
        }
        return low;
    }

    private static double[] levels(int healthy, int shorted) {
        double[] v = new double[healthy + shorted];
        for (int k = 0; k < v.length; k++) {
            v[k] = k < healthy ? 0.8 * EXPECTED_V : SHORTED_V;
        }
        return v;
    }

    @Test
    void aRunThatBeganOnTheHealthyCellIsReadFromTheFall() {
        LowRun low = run(levels(20, 40), 13);
        assertThat(low.samples()).as("the healthy readings stayed in the run").isEqualTo(60);
        // The whole run's mean mixes 20 readings of 80 mV into 40 of 20 mV: 40 mV, R read as 67 Ω.
        assertThat(low.meanSignedV()).isGreaterThan(0.035);

        Map<String, Double> evidence = new LinkedHashMap<>();
        LeakEstimate leak = ShortWatch.runEvidence(
                evidence, reading(4200, SHORTED_V), low, 0.75, NOISE_V, EXPECTED_V, ShortWatch.WHOLE_RUN, false);

        // The fall came at the 21st reading (1800 s): the estimate names it (give or take a reading) and reads 25 Ω.
        assertThat(evidence.get(LeakEstimate.FROM_TEST_TIME_KEY)).isBetween(1740.0, 1860.0);
        assertThat(evidence.get("estimateSamples")).isBetween(39.0, 41.0);
        assertThat(leak.shortResistanceOhm()).isBetween(0.8 * SHORT_OHM, 1.2 * SHORT_OHM);
    }

    @Test
    void aFlickeringFilamentsRunIsReadWhole() {
        // 74 mV for 20 readings (a quiet cell, 5 mV usual noise), then a filament jumping between 2 and
        // 60 mV at every reading (steps over 5× the usual noise): its low stretches are lucky moments, not a
        // fall, so the whole run is read.
        double quietNoiseV = 0.005;
        double[] levels = new double[60];
        for (int k = 0; k < levels.length; k++) {
            levels[k] = k < 20 ? 0.074 : k % 2 == 0 ? 0.002 : 0.06;
        }
        LowRun low = run(levels, 13, quietNoiseV);
        assertThat(low.samples()).isEqualTo(60);
        assertThat(low.noisySteps()).isGreaterThan(30);
        LowRun.Readings read = ShortWatch.read(low, quietNoiseV, ShortWatch.WHOLE_RUN);
        assertThat(read.samples()).isEqualTo(60);
        assertThat(read.startTestTimeS()).isEqualTo(600.0);
    }

    @Test
    void aRunThatBeganAtTheFallIsReadWhole() {
        for (long seed = 1; seed <= 20; seed++) {
            LowRun low = run(levels(0, 40), seed);
            assertThat(low.samples()).isEqualTo(40);
            LowRun.Readings read = ShortWatch.read(low, NOISE_V, ShortWatch.WHOLE_RUN);
            assertThat(read.samples()).as("seed %d", seed).isEqualTo(40);
            assertThat(read.startTestTimeS()).isEqualTo(600.0);
        }
    }
}
