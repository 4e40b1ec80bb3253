package io.cellwatch.ingest.format.row;

import io.cellwatch.model.StepType;

/**
 * Charge and discharge counters from one signed counter that a cycler keeps as a running balance: a charge
 * adds to it and a discharge takes from it, across steps and cycles (Novonix HPC software 2.3 and 3.0: a
 * discharge takes the balance from 0 to −0.43 Ah, the next charge from −0.43 to +0.50 Ah; in another file a
 * discharge takes it from 0.90 down to 0.09 Ah, and the charge after it goes on from 0.09).
 *
 * <p>Inside a step what flowed between two rows is the size of the counter's change, whichever way it moves
 * and wherever it crosses zero; it is added to the counter of the row's direction. A row with no direction
 * (logged at zero current at a step's end, or in a rest) takes the change's own: the balance is the cycler's
 * integral of the current, so a rise was charge and a fall discharge (a rest holds the balance, and a
 * zero-current row where it moved closes a step that passed charge since the row before). At a step's first
 * row the counter may instead have started again from zero (a test restarted inside the file, software that
 * counts each step on its own): what flowed is then the new value, not the change. Of the two, the one nearer
 * to what the step's current and time since the step began say flowed is taken; without them, the smaller (a
 * step's first row is logged as it starts, when one of the two is close to zero and the other is the whole
 * balance). A step's first row without a reading passes the question to the next row that has one. A row
 * logged out of order (its test time before the row above it: a copy of an older row) is not counted, and the
 * next row is compared with the balance before it. The two counters never fall and never reset, so the cycle
 * summarizer's difference between two rows is what flowed between them.
 */
public final class RunningBalanceSplit {
    private Double last;
    private boolean stepStartPending;
    private double charge;
    private double discharge;

    /**
     * Folds in one row's counter value (null when the row has none: nothing changes).
     *
     * @param stepStart         whether the row is the first of a step (its step time went back, its step changed)
     * @param sinceStepStarted  about what flowed since the step began (its current times its step time), or NaN
     *                          when the row does not say
     */
    public void accept(Double raw, StepType direction, boolean stepStart, double sinceStepStarted) {
        stepStartPending |= stepStart;
        if (raw == null) {
            return;
        }
        boolean atStepStart = stepStartPending;
        stepStartPending = false;
        Double previous = last;
        last = raw;
        if (previous == null) {
            return; // what flowed before the file's first row is not in the file
        }
        double change = raw - previous;
        double flowed = Math.abs(change);
        if (atStepStart && restarted(change, raw, sinceStepStarted)) {
            flowed = Math.abs(raw);
        } else if (direction != StepType.CHARGE && direction != StepType.DISCHARGE) {
            direction = change > 0 ? StepType.CHARGE : StepType.DISCHARGE;
        }
        if (direction == StepType.CHARGE) {
            charge += flowed;
        } else if (direction == StepType.DISCHARGE) {
            discharge += flowed;
        }
    }

    /** A row logged out of order: nothing is counted, and the next row is compared with the balance before it. */
    public void outOfOrder(boolean stepStart) {
        stepStartPending |= stepStart;
    }

    /** Charge passed since the file began. */
    public double charge() {
        return charge;
    }

    /** Discharge passed since the file began (positive). */
    public double discharge() {
        return discharge;
    }

    /** Whether a step's first reading is a counter started again from zero rather than the balance gone on. */
    static boolean restarted(double change, double current, double sinceStepStarted) {
        double goneOn = Math.abs(change);
        double fromZero = Math.abs(current);
        if (Double.isNaN(sinceStepStarted)) {
            return fromZero < goneOn;
        }
        return Math.abs(fromZero - sinceStepStarted) < Math.abs(goneOn - sinceStepStarted);
    }
}
