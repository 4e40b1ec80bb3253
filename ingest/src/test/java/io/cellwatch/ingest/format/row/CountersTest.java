package io.cellwatch.ingest.format.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.model.StepType;
import org.junit.jupiter.api.Test;

class CountersTest {

    @Test
    void aSingleCounterResetPerStepIsSummedPerDirection() {
        SingleCounterSplit split = new SingleCounterSplit();
        split.accept(0.0, StepType.CHARGE);
        split.accept(1.45, StepType.CHARGE); // CC
        split.accept(0.0, StepType.CHARGE); // the counter restarts for the CV step
        split.accept(1.13, StepType.CHARGE);
        split.accept(0.0, StepType.REST);
        split.accept(0.5, StepType.DISCHARGE);
        split.accept(1.84, StepType.DISCHARGE);
        assertThat(split.charge()).isCloseTo(2.58, within(1e-12));
        assertThat(split.discharge()).isCloseTo(1.84, within(1e-12));
    }

    @Test
    void aSingleCounterRunningOnAcrossADirectionChangeCountsOnlyTheNewPart() {
        SingleCounterSplit split = new SingleCounterSplit();
        split.accept(0.9, StepType.CHARGE); // the file starts mid-charge: counted from zero
        split.accept(1.0, StepType.DISCHARGE); // not reset at the switch: 0.1 of discharge so far
        split.accept(1.7, StepType.DISCHARGE);
        split.accept(1.8, StepType.OTHER); // a stop row moves nothing countable
        assertThat(split.charge()).isCloseTo(0.9, within(1e-12));
        assertThat(split.discharge()).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void aCounterWobblingInItsLastDigitIsNotAReset() {
        SingleCounterSplit split = new SingleCounterSplit();
        split.accept(0.00314244411235655, StepType.CHARGE);
        split.accept(0.0031424441123565497, StepType.CHARGE);
        split.accept(null, StepType.CHARGE); // no reading: nothing changes
        assertThat(split.charge()).isEqualTo(0.00314244411235655);
    }

    @Test
    void perCycleMaximumNeverResetsAndCountsEachCyclesLargestReading() {
        PerCycleMaximum max = new PerCycleMaximum();
        assertThat(max.accept(1, 0.0)).isZero();
        assertThat(max.accept(1, 0.5)).isEqualTo(0.5);
        assertThat(max.accept(1, null)).isEqualTo(0.5);
        assertThat(max.accept(1, 0.2)).isEqualTo(0.5);
        assertThat(max.accept(2, 0.01)).isCloseTo(0.51, within(1e-12));
        assertThat(max.accept(2, 0.4)).isCloseTo(0.9, within(1e-12));
    }
}
