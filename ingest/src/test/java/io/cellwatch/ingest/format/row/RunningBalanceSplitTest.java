package io.cellwatch.ingest.format.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.model.StepType;
import org.junit.jupiter.api.Test;

class RunningBalanceSplitTest {

    @Test
    void aBalanceThatFallsInADischargeAndCrossesZeroInAChargeIsSplitByWhatFlowed() {
        RunningBalanceSplit split = new RunningBalanceSplit();
        split.accept(0.0, StepType.REST, false);
        split.accept(0.0, StepType.DISCHARGE, true);
        split.accept(-0.2761, StepType.DISCHARGE, false);
        split.accept(-0.4328, StepType.DISCHARGE, false);
        split.accept(-0.4328, StepType.REST, true); // the rest holds the balance
        split.accept(-0.4328, StepType.CHARGE, true); // the charge goes on from it
        split.accept(-0.3228, StepType.CHARGE, false);
        split.accept(0.4956, StepType.CHARGE, false); // across zero inside the step
        split.accept(0.5300, StepType.CHARGE, true); // CV after CC: a new step, the balance goes on
        assertThat(split.discharge()).isCloseTo(0.4328, within(1e-12));
        assertThat(split.charge()).isCloseTo(0.4328 + 0.5300, within(1e-12));
    }

    @Test
    void aBalanceKeptPositiveFallsThroughTheDischarge() {
        // Software 2.3.0: the discharge takes the balance from the charge's 0.90 down to 0.09.
        RunningBalanceSplit split = new RunningBalanceSplit();
        split.accept(0.0, StepType.CHARGE, false);
        split.accept(0.90, StepType.CHARGE, false);
        split.accept(0.90, StepType.DISCHARGE, true);
        split.accept(0.40, StepType.DISCHARGE, false);
        split.accept(0.09, StepType.DISCHARGE, false);
        split.accept(0.09, StepType.CHARGE, true);
        split.accept(0.19, StepType.CHARGE, false);
        assertThat(split.charge()).isCloseTo(1.00, within(1e-12));
        assertThat(split.discharge()).isCloseTo(0.81, within(1e-12));
    }

    @Test
    void aCounterStartingAgainAtAStepCountsItsNewValueNotTheFall() {
        RunningBalanceSplit split = new RunningBalanceSplit();
        split.accept(0.0, StepType.CHARGE, false);
        split.accept(0.28, StepType.CHARGE, false);
        split.accept(0.0, StepType.REST, true);
        split.accept(0.25, StepType.DISCHARGE, true); // the step's first row logged half an hour in
        split.accept(0.275, StepType.DISCHARGE, false);
        assertThat(split.charge()).isCloseTo(0.28, within(1e-12));
        assertThat(split.discharge()).isCloseTo(0.275, within(1e-12));
    }

    @Test
    void whatFlowedBeforeTheFirstRowAndInsideARestIsNotCounted() {
        RunningBalanceSplit split = new RunningBalanceSplit();
        split.accept(-0.43, StepType.CHARGE, false); // the file starts mid-test
        split.accept(-0.42, StepType.CHARGE, false);
        split.accept(null, StepType.CHARGE, false); // an empty cell changes nothing
        split.accept(-0.40, StepType.REST, false); // a drift in a rest is not charge
        split.accept(-0.30, StepType.CHARGE, false);
        assertThat(split.charge()).isCloseTo(0.01 + 0.10, within(1e-12));
        assertThat(split.discharge()).isZero();
    }
}
