package io.cellwatch.ingest.format.row;

import io.cellwatch.model.StepType;

/**
 * Cycle numbers for a file that writes none: a cycle starts each time the current turns back to the
 * direction the file began with (charge-first files: charge then discharge is one cycle; half cells that
 * start with lithiation: discharge then charge). Rests belong to the cycle they fall in. Serves one file.
 *
 * <p>Without a step type, a current under {@link #REST_SHARE} of the largest the file has shown so far is a
 * rest's offset, not a direction: cyclers measure current to 0.1 % of their range or better, and a rest logged
 * at +2 µA then −1 µA must not count as a charge and a discharge. Rows before the file's first step under
 * current have nothing to compare with, so a file that begins with a rest takes its offset for a direction
 * until the first step shows the scale: a current that all the rows before it come under {@link #REST_SHARE}
 * of shows those rows were a rest's offsets, and the file's first direction is taken again from it (a
 * lithiation-first half cell that begins with a rest at +2 µA still pairs each discharge with the charge after
 * it). That is only done while nothing has shown a real step: before any row whose step type names a
 * direction, and before a cycle has been counted. Cycle numbers never go back, so a rest whose offset flipped
 * sign and back before that step (a cycle counted on offsets) keeps the first offset's direction; and a first
 * charge and discharge at under 0.5 % of the next step's current (C/400 before C/2) are taken for that rest, its
 * cycle joined with the next.
 */
public final class DirectionCycles {
    /** A two-hundredth: C/200 of a 1C step, under any step a cycling protocol runs. */
    private static final double REST_SHARE = 0.005;

    private StepType firstDirection;
    private StepType lastDirection;
    private int cycle = 1;
    private double largestCurrentA;
    /** Whether a row's step type has named a direction: the file's opening is over, offsets are judged no more. */
    private boolean typedDirectionSeen;

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
        double magnitude = Math.abs(r.currentA);
        if (r.stepType != null) {
            largestCurrentA = Math.max(largestCurrentA, magnitude);
            typedDirectionSeen |= r.stepType.underCurrent();
            return cycleOf(r.stepType);
        }
        boolean onlyOffsetsSoFar = !typedDirectionSeen && cycle == 1;
        if (onlyOffsetsSoFar && largestCurrentA < REST_SHARE * magnitude) {
            // Every row before was a rest's offset: the file's direction is this step's.
            firstDirection = null;
            lastDirection = null;
        }
        largestCurrentA = Math.max(largestCurrentA, magnitude);
        return cycleOf(StepType.fromCurrent(r.currentA, REST_SHARE * largestCurrentA));
    }
}
