package io.cellwatch.ingest.format.row;

import io.cellwatch.model.StepType;

/**
 * Cycle numbers for a file that writes none: a cycle starts each time the current turns back to the
 * direction the file began with (charge-first files: charge then discharge is one cycle; half cells that
 * start with lithiation: discharge then charge). Rests belong to the cycle they fall in. Serves one file.
 */
public final class DirectionCycles {
    private StepType firstDirection;
    private StepType lastDirection;
    private int cycle = 1;

    /** The cycle of a row whose step type (or, without one, current) says {@code direction}. */
    public int cycleOf(StepType direction) {
        if (direction.underCurrent()) {
            if (firstDirection == null) {
                firstDirection = direction;
            } else if (direction == firstDirection && lastDirection != firstDirection) {
                cycle++;
            }
            lastDirection = direction;
        }
        return cycle;
    }

    /** The cycle of {@code r}, from its step type or else the sign of its current. */
    public int cycleOf(SampleRow r) {
        return cycleOf(r.stepType != null ? r.stepType : StepType.fromCurrent(r.currentA, 0));
    }
}
