package io.cellwatch.ingest.format.row;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.StepType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cycles counted from the direction: typed rows, untyped currents, and a file's opening rest. */
class DirectionCyclesTest {

    private static List<Integer> cycles(Object... rows) {
        DirectionCycles counter = new DirectionCycles();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < rows.length; i += 2) {
            SampleRow r = new SampleRow();
            r.stepType = (StepType) rows[i];
            r.currentA = (Double) rows[i + 1];
            out.add(counter.cycleOf(r));
        }
        return out;
    }

    @Test
    void anUntypedPulseAmongTypedStepsDoesNotTakeTheFileForARest() {
        // A BaSyTec plan's own command (a pulse) between typed charge and discharge steps.
        assertThat(cycles(
                        StepType.CHARGE,
                        0.5,
                        StepType.CHARGE,
                        0.5,
                        null,
                        -2.0,
                        StepType.DISCHARGE,
                        -0.5,
                        StepType.CHARGE,
                        0.5,
                        StepType.DISCHARGE,
                        -0.5))
                .containsExactly(1, 1, 1, 1, 2, 2);
    }

    @Test
    void aSmallFirstCycleIsNotTakenForOffsetsOnceItIsCounted() {
        // A C/50 check cycle, then cycling 250 times harder.
        assertThat(cycles(null, 0.02, null, -0.02, null, 0.02, null, 5.0, null, -5.0, null, 5.0))
                .containsExactly(1, 1, 2, 2, 2, 3);
    }

    @Test
    void anOpeningRestsOffsetOfEitherSignLeavesTheDirectionToTheFirstStep() {
        assertThat(cycles(null, 0.000002, null, -0.000001, null, -0.001, null, 0.001, null, -0.001))
                .as("a discharge-first half cell: its rest flipped sign once before the first step")
                .containsExactly(1, 1, 1, 1, 2);
    }
}
