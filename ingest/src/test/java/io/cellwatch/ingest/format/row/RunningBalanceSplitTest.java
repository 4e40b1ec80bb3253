package io.cellwatch.ingest.format.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.model.StepType;
import org.junit.jupiter.api.Test;

class RunningBalanceSplitTest {
    private static final double NaN = Double.NaN;

    @Test
    void aBalanceThatFallsInADischargeAndCrossesZeroInAChargeIsSplitByWhatFlowed() {
        RunningBalanceSplit split = new RunningBalanceSplit();
        split.accept(0.0, StepType.REST, false, NaN, NaN);
        split.accept(0.0, StepType.DISCHARGE, true, NaN, NaN);
        split.accept(-0.2761, StepType.DISCHARGE, false, NaN, NaN);
        split.accept(-0.4328, StepType.DISCHARGE, false, NaN, NaN);
        split.accept(-0.4328, StepType.REST, true, NaN, NaN); // the rest holds the balance
        split.accept(-0.4328, StepType.CHARGE, true, NaN, NaN); // the charge goes on from it
        split.accept(-0.3228, StepType.CHARGE, false, NaN, NaN);
        split.accept(0.4956, StepType.CHARGE, false, NaN, NaN); // across zero inside the step
        split.accept(0.5300, StepType.CHARGE, true, NaN, NaN); // CV after CC: a new step, the balance goes on
        assertThat(split.discharge()).isCloseTo(0.4328, within(1e-12));
        assertThat(split.charge()).isCloseTo(0.4328 + 0.5300, within(1e-12));
    }

    @Test
    void aBalanceKeptPositiveFallsThroughTheDischarge() {
        // Software 2.3.0: the discharge takes the balance from the charge's 0.90 down to 0.09.
        RunningBalanceSplit split = new RunningBalanceSplit();
        split.accept(0.0, StepType.CHARGE, false, NaN, NaN);
        split.accept(0.90, StepType.CHARGE, false, NaN, NaN);
        split.accept(0.90, StepType.DISCHARGE, true, NaN, NaN);
        split.accept(0.40, StepType.DISCHARGE, false, NaN, NaN);
        split.accept(0.09, StepType.DISCHARGE, false, NaN, NaN);
        split.accept(0.09, StepType.CHARGE, true, NaN, NaN);
        split.accept(0.19, StepType.CHARGE, false, NaN, NaN);
        assertThat(split.charge()).isCloseTo(1.00, within(1e-12));
        assertThat(split.discharge()).isCloseTo(0.81, within(1e-12));
    }

    @Test
    void aCounterStartingAgainAtAStepCountsItsNewValueNotTheFall() {
        RunningBalanceSplit split = new RunningBalanceSplit();
        split.accept(0.0, StepType.CHARGE, false, NaN, NaN);
        split.accept(0.28, StepType.CHARGE, false, NaN, NaN);
        split.accept(0.0, StepType.REST, true, NaN, NaN);
        split.accept(0.25, StepType.DISCHARGE, true, NaN, NaN); // the step's first row logged half an hour in
        split.accept(0.275, StepType.DISCHARGE, false, NaN, NaN);
        assertThat(split.charge()).isCloseTo(0.28, within(1e-12));
        assertThat(split.discharge()).isCloseTo(0.275, within(1e-12));
    }

    @Test
    void whatFlowedBeforeTheFirstRowIsNotCountedAndARowWithoutDirectionTakesTheChangesSign() {
        RunningBalanceSplit split = new RunningBalanceSplit();
        split.accept(-0.43, StepType.CHARGE, false, NaN, NaN); // the file starts mid-test
        split.accept(-0.42, StepType.CHARGE, false, NaN, NaN);
        split.accept(null, StepType.CHARGE, false, NaN, NaN); // an empty cell changes nothing
        split.accept(-0.40, null, false, NaN, NaN); // logged at zero current, the charge since the row above
        split.accept(-0.39, StepType.REST, false, NaN, NaN); // a rest's drift is neither
        split.accept(-0.30, StepType.CHARGE, false, NaN, NaN);
        split.accept(-0.35, null, false, NaN, NaN); // a fall with no direction is discharge
        assertThat(split.charge()).isCloseTo(0.01 + 0.02 + 0.09, within(1e-12));
        assertThat(split.discharge()).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void aStepWhoseFirstRowsAreMissingTakesTheReadingItsCurrentAndStepTimeSay() {
        // A file thinned for sharing: the charge's first rows gone, the next kept row 4.65 h into the step.
        RunningBalanceSplit split = new RunningBalanceSplit();
        split.accept(-0.4328, StepType.REST, false, NaN, NaN);
        split.accept(0.4956, StepType.CHARGE, true, 0.1999 * 4.6494, 0.1999 * 4.6494);
        assertThat(split.charge()).as("the change, not the smaller new value").isCloseTo(0.9284, within(1e-12));

        RunningBalanceSplit restarted = new RunningBalanceSplit();
        restarted.accept(0.28, StepType.CHARGE, false, NaN, NaN);
        restarted.accept(0.25, StepType.DISCHARGE, true, 0.5 * 0.5, 0.5 * 0.5); // a counter restarted, logged 0.5 h in
        assertThat(restarted.discharge()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void aStepsFirstRowWithoutAReadingLeavesTheQuestionToTheNextRow() {
        RunningBalanceSplit split = new RunningBalanceSplit();
        split.accept(0.0, StepType.CHARGE, false, NaN, NaN);
        split.accept(0.28, StepType.CHARGE, false, NaN, NaN);
        split.accept(null, StepType.CHARGE, true, NaN, NaN); // the CV step's first row, its cell empty
        split.accept(0.01, StepType.CHARGE, false, NaN, NaN); // the counter started again with the step
        split.accept(0.02, StepType.CHARGE, false, NaN, NaN);
        assertThat(split.charge()).isCloseTo(0.30, within(1e-12));
    }
}
