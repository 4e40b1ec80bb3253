package io.cellwatch.ingest.format.row;

import io.cellwatch.model.StepType;

/**
 * Charge and discharge counters from one signed counter that a cycler keeps as a running balance: a charge
 * adds to it and a discharge takes from it, across steps and cycles (Novonix HPC software 2.3 and 3.0: a
 * discharge takes the balance from 0 to −0.43 Ah, the next charge from −0.43 to +0.50 Ah; in another file a
 * discharge takes it from 0.90 down to 0.09 Ah, and the charge after it goes on from 0.09).
 *
 * <p>Inside a step what flowed between two rows is the size of the counter's change, whichever way it moves
 * and wherever it crosses zero; it is added to the counter of the row's direction. A row of a step under current
 * logged at zero current (at the step's end) has no direction of its own and takes the change's: the balance is
 * the cycler's integral of the current, so a rise was charge and a fall discharge. A rest's row adds to neither.
 * At a step's first row the counter may instead have started again from zero (software that counts each step on
 * its own): what flowed is then the new value, not the change. Of the two, the one nearer to what the currents
 * and times say is taken (the previous row's current until the step began and the row's own since, for the
 * balance gone on; the row's own since the step began, for the counter started again); without them, the
 * smaller (a step's first row is logged as it starts, when one of the two is close to zero and the other is the
 * whole balance). A step's first row without a reading passes the question to the next row that has one. The
 * two counters never fall and never reset, so the cycle summarizer's difference between two rows is what flowed
 * between them.
 */
public final class RunningBalanceSplit {
    private Double last;
    private boolean stepStartPending;
    private double charge;
    private double discharge;

    /**
     * Folds in one row's counter value (null when the row has none: nothing changes).
     *
     * @param direction   the row's direction; null for a row of a step under current logged at zero current
     * @param stepStart   whether the row is the first of a step (its step time went back, its step changed)
     * @param ifGoneOn    about what flowed since the row before if the balance went on, or NaN when the rows do not
     *                    say (only asked at a step's first row)
     * @param ifRestarted about what flowed since the step began (the row's current times its step time), or NaN
     */
    public void accept(Double raw, StepType direction, boolean stepStart, double ifGoneOn, double ifRestarted) {
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
        if (atStepStart && restarted(change, raw, ifGoneOn, ifRestarted)) {
            flowed = Math.abs(raw);
        } else if (direction == null) {
            direction = change > 0 ? StepType.CHARGE : StepType.DISCHARGE;
        }
        if (direction == StepType.CHARGE) {
            charge += flowed;
        } else if (direction == StepType.DISCHARGE) {
            discharge += flowed;
        }
    }

    /** Charge passed since the file (or the test in it) began. */
    public double charge() {
        return charge;
    }

    /** Discharge passed since the file (or the test in it) began (positive). */
    public double discharge() {
        return discharge;
    }

    /** Whether a step's first reading is a counter started again from zero rather than the balance gone on. */
    static boolean restarted(double change, double current, double ifGoneOn, double ifRestarted) {
        double goneOn = Math.abs(change);
        double fromZero = Math.abs(current);
        if (Double.isNaN(ifGoneOn) || Double.isNaN(ifRestarted)) {
            return fromZero < goneOn;
        }
        return Math.abs(fromZero - ifRestarted) < Math.abs(goneOn - ifGoneOn);
    }
}
