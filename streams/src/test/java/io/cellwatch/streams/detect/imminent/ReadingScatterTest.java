package io.cellwatch.streams.detect.imminent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** One reading's scatter, measured from charge rows whatever the charge's own climb. */
class ReadingScatterTest {

    @Test
    void aClimbingChargeReadsItsNoiseNotItsTrend() {
        SplittableRandom random = new SplittableRandom(11);
        ReadingScatter scatter = new ReadingScatter();
        double sigmaV = 0.0025;
        for (int i = 0; i < 2000; i++) {
            // 3.4 V climbing 2 mV a row, curving gently: the second difference cancels the climb.
            double trendV = 3.4 + 0.002 * i - 1e-7 * i * i;
            scatter.row(trendV + sigmaV * gaussian(random));
        }

        assertThat(scatter.sigmaV()).isCloseTo(sigmaV, within(0.25 * sigmaV));
    }

    @Test
    void aCollapseInsideAStepIsNotScatter() {
        SplittableRandom random = new SplittableRandom(12);
        ReadingScatter scatter = new ReadingScatter();
        double sigmaV = 0.001;
        for (int i = 0; i < 300; i++) {
            // A charge at 3.6 V collapsing to 0.1 V in one row at row 200 (a hard short), then pinned.
            double trendV = i < 200 ? 3.6 + 0.001 * i : 0.1;
            scatter.row(trendV + sigmaV * gaussian(random));
        }

        assertThat(scatter.sigmaV()).isCloseTo(sigmaV, within(0.5 * sigmaV));
    }

    @Test
    void aStepChangeIsNotScatter() {
        ReadingScatter scatter = new ReadingScatter();
        for (int step = 0; step < 20; step++) {
            scatter.newStep();
            // Each step at its own level, exact readings: the jumps between steps are never differenced.
            for (int i = 0; i < 5; i++) {
                scatter.row(3.0 + step * 0.1 + 0.001 * i);
            }
        }

        assertThat(scatter.sigmaV()).isCloseTo(0, within(1e-12));
    }

    @Test
    void unknownUntilEnoughRows() {
        ReadingScatter scatter = new ReadingScatter();
        for (int i = 0; i < ReadingScatter.LEAST_TRIPLES + 1; i++) {
            scatter.row(3.0 + 0.001 * i);
        }
        assertThat(scatter.sigmaV()).isNaN();
        scatter.row(3.0);
        assertThat(scatter.sigmaV()).isNotNaN();
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
