package io.cellwatch.streams.detect.symmetric;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import io.cellwatch.streams.detect.leak.LeakEstimate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The readings a symmetric short's estimate names: the run's since the voltage fell while a filament
 * flickers, its steady tail's (the readings since the last noisy step) once that holds.
 */
class ShortWatchReadingsTest {
    /** Collapse under 0.5 of the level, pinned under 0.1, noisy steps over 5× the usual noise, 3 standard errors. */
    private static final RunThresholds THRESHOLDS = new FixedRunThresholds(0.5, 0.1, 5, 3, 3);

    private static Sample reading(double t, double v) {
        return new Sample(1, "li-li", (long) t, null, t, 5, 1, StepType.CHARGE, v, 0.001, null, null, null, null, null);
    }

    @Test
    void aSteadyTailsEstimateNamesTheTailsFirstReadingAFlickeringRunsTheRunsFirst() {
        LowRun low = new LowRun();
        LowRun pin = new LowRun();
        double expectedV = 0.1; // 100 mV at 1 mA before the short: the electrolyte's 100 Ω
        double noiseV = 0.001;
        // A filament flickering (30, 10, 35 mV: steps far over 5 mV), then holding at 20 mV for four readings.
        double[] volts = {0.030, 0.010, 0.035, 0.020, 0.0201, 0.0199, 0.0200};
        for (int k = 0; k < volts.length; k++) {
            ShortWatch.foldRuns(low, pin, reading(600 + 60 * k, volts[k]), expectedV, noiseV, THRESHOLDS);
            if (k == 2) {
                Map<String, Double> flickering = new LinkedHashMap<>();
                ShortWatch.runEvidence(flickering, reading(720, 0.035), low, 0.5, noiseV, expectedV, 3, false);
                assertThat(flickering).containsEntry(LeakEstimate.FROM_TEST_TIME_KEY, 600.0);
            }
        }
        Map<String, Double> steady = new LinkedHashMap<>();
        LeakEstimate leak = ShortWatch.runEvidence(steady, reading(960, 0.020), low, 0.5, noiseV, expectedV, 3, false);

        // The tail began at the reading of 780 s (20 mV, after the step from 35 mV): the short over 780-960 s.
        assertThat(steady).containsEntry(LeakEstimate.FROM_TEST_TIME_KEY, 780.0);
        // 20 mV of the 100 mV: the electrolyte takes a fifth of the current, the short 0.8 mA, 25 Ω.
        assertThat(leak.shortResistanceOhm()).isBetween(24.0, 26.0);
    }
}
