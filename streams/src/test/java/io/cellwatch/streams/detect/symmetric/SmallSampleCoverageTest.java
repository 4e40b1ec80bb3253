package io.cellwatch.streams.detect.symmetric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SmallSampleCoverageTest {

    @Test
    void twoValuesScatterIsWidenedToStudentsCoverageAndManyValuesHardlyAtAll() {
        assertThat(SmallSampleCoverage.factor(1)).isEqualTo(1.0);
        assertThat(SmallSampleCoverage.factor(2)).isCloseTo(12.706 / 1.959964, within(1e-9));
        assertThat(SmallSampleCoverage.factor(3)).isCloseTo(4.303 / 1.959964, within(1e-9));
        // Past the table: t(20) = 2.086, t(60) = 2.000.
        assertThat(SmallSampleCoverage.factor(21)).isCloseTo(2.086 / 1.959964, within(0.002));
        assertThat(SmallSampleCoverage.factor(61)).isCloseTo(2.000 / 1.959964, within(0.002));
    }

    @Test
    void theCountersErrorFromTwoIntervalsThatHappenToAgreeIsWidened() {
        // Two intervals of a filament still flickering that happen to read alike (range 13001's ccd-step-up
        // seed 13015 stated R to 2.7 % for a value 21 % away): their scatter's standard error, 0.1135 mV, is
        // known from one degree of freedom only.
        CountersRun run = new CountersRun();
        run.foldSteady(0.002265, 0, 15, 0.004, 0.0033);
        run.foldSteady(0.002038, 15, 30, 0.004, 0.0021);
        IntervalMeanVoltage interval = new IntervalMeanVoltage();
        interval.energyStepWh = 1e-12; // a counter printed far finer than the scatter

        double errorV = TailCountersResistance.errorV(run, interval, 1e-3);

        assertThat(errorV).isCloseTo(0.0001135 * 12.706 / 1.959964, within(1e-6));
    }
}
