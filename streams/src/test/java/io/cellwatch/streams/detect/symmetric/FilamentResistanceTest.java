package io.cellwatch.streams.detect.symmetric;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import io.cellwatch.streams.detect.leak.LeakEstimate;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A flickering filament's resistance from a run read whole: the filament's conductance differs at
 * every reading and it is burnt out at one reading in ten, where the cell reads its own level. Its
 * resistance is V/I_short over the readings where it conducted (as the evaluation's truth is, ∫V dt
 * over ∫I_short dt while it carried current); the mean voltage of all the readings counts the
 * burnt-out ones at the full level and reads it high.
 */
class FilamentResistanceTest {
    private static final OverpotentialSettings SETTINGS = OverpotentialSettings.defaults();
    /** An ohmic cell: 100 mV at 1 mA, one reading's noise (standard deviation) 1 mV. */
    private static final double PATH_V = 0.100;

    private static final double CURRENT_A = 0.001;
    private static final double SIGMA_V = 0.001;
    private static final double USUAL_NOISE_V = 2 * SIGMA_V / Math.sqrt(Math.PI);
    /** The filament's median conductance: twice the cell's (it takes two thirds of the current), log-normal spread 0.6. */
    private static final double CELL_S = CURRENT_A / PATH_V;

    private static final double SPREAD = 0.6;
    private static final double BURNT_OUT = 0.1;
    private static final int READINGS = 200;

    private static Sample reading(double t, double v) {
        return new Sample(
                1, "li-li", (long) t, null, t, 5, 1, StepType.CHARGE, v, CURRENT_A, null, null, null, null, null);
    }

    @Test
    void theFilamentsResistanceIsReadFromTheReadingsWhereItConducted() {
        double sumFilament = 0;
        double sumAllReadings = 0;
        int seeds = 50;
        for (long seed = 1; seed <= seeds; seed++) {
            Random random = new Random(seed);
            LowRun low = new LowRun();
            LowRun pin = new LowRun();
            double conductingVolts = 0;
            double shortAmps = 0;
            Sample last = null;
            for (int k = 0; k < READINGS; k++) {
                boolean burntOut = random.nextDouble() < BURNT_OUT;
                double g = burntOut ? 0 : 2 * CELL_S * Math.exp(SPREAD * random.nextGaussian());
                double v = CURRENT_A / (CELL_S + g);
                last = reading(600 + 60 * k, v + SIGMA_V * random.nextGaussian());
                ShortWatch.foldRuns(low, pin, last, PATH_V, USUAL_NOISE_V, SETTINGS);
                if (low.samples() <= 1) { // the run (re)started: the truth over the readings it holds
                    conductingVolts = 0;
                    shortAmps = 0;
                }
                if (low.samples() > 0 && !burntOut) {
                    conductingVolts += v;
                    shortAmps += g * v;
                }
            }
            assertThat(low.samples()).isGreaterThan(READINGS * 9 / 10); // a burnt-out start may restart it once
            assertThat(low.flickers()).isTrue();
            double trueR = conductingVolts / shortAmps;
            LowRun.Readings whole = ShortWatch.read(low, USUAL_NOISE_V, ShortWatch.WHOLE_RUN);
            LeakEstimate filament = FilamentResistance.estimate(last, low, whole, USUAL_NOISE_V, PATH_V);
            LeakEstimate allReadings = ShortWatch.leak(last, low, USUAL_NOISE_V, PATH_V, ShortWatch.WHOLE_RUN);
            sumFilament += filament.shortResistanceOhm() / trueR;
            sumAllReadings += allReadings.shortResistanceOhm() / trueR;
            // The leak is the short's mean current over all the readings, burnt-out ones included.
            assertThat(filament.leakCurrentA()).isEqualTo(allReadings.leakCurrentA());
        }
        // All the readings' mean voltage reads R a fifth high or more (the burnt-out tenth at the full level,
        // twice the rest); the conducting readings' within a few percent (the weakest moments, inside the
        // cell's own band, are left out with the burnt-out ones: they carry under a sixth of the current).
        assertThat(sumAllReadings / seeds).isGreaterThan(1.15);
        assertThat(sumFilament / seeds).isBetween(0.95, 1.05);
    }
}
