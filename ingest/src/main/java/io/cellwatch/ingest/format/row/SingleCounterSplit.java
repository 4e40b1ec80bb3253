package io.cellwatch.ingest.format.row;

import io.cellwatch.model.StepType;

/**
 * Turns a cycler's single capacity (or energy) counter into separate charge and discharge
 * counters. Maccor's {@code Amp-hr} and Neware BTSDA's record {@code Capacity(Ah)} are one column
 * whose direction is the row's state; depending on the procedure they reset per step, per state or
 * per cycle, or run on across CC and CV steps and even across a change of direction.
 *
 * <p>Every row's increase of the raw counter, reset-aware (a drop is a reset, after which the
 * counter has counted its whole new value from zero), is added to the counter of the row's own
 * direction; rest and other rows add to neither. The two counters never reset: they are the charge
 * and discharge passed since the file began, which the cycle summarizer differences exactly,
 * whatever the vendor's reset rule was and wherever cycles begin.
 */
public final class SingleCounterSplit {
    /** Relative drop below which the counter wobbled in its last digit rather than reset (as in the summarizer). */
    private static final double JITTER = 1e-9;

    private Double last;
    private double charge;
    private double discharge;

    /** Folds in one row's raw counter value (null when the row has none: nothing changes). */
    public void accept(Double raw, StepType direction) {
        if (raw == null) {
            return;
        }
        double increase = increase(last, raw);
        last = raw;
        if (direction == StepType.CHARGE) {
            charge += increase;
        } else if (direction == StepType.DISCHARGE) {
            discharge += increase;
        }
    }

    /** Charge passed since the file began. */
    public double charge() {
        return charge;
    }

    /** Discharge passed since the file began (positive). */
    public double discharge() {
        return discharge;
    }

    static double increase(Double previous, double current) {
        double value = Math.abs(current); // some software writes discharge counters negative
        if (previous == null) {
            return value;
        }
        double before = Math.abs(previous);
        if (value >= before) {
            return value - before;
        }
        return before - value > JITTER * before ? value : 0;
    }
}
