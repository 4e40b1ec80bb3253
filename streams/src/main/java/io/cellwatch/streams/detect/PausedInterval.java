package io.cellwatch.streams.detect;

import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;

/**
 * Whether current flowed between two rows of one step under current, as the cycler's own capacity
 * counter tells it.
 *
 * <p>Physics: the counter integrates the current the cycler passed. Over an interval in which the
 * step's current flowed, it advances by about that current times the interval; a cycler that paused
 * the step (a pause command, a safety hold, an operator's stop, an interruption it resumes from) passes
 * no current and its counter stands still, whatever the clock did. So a counter that advanced by less
 * than {@link #FLOWED_FRACTION} of |I|·Δt says the step was paused for most of the interval: no row was
 * lost while current flowed, and the time is not logged time. Blind: a row without a counter, or a
 * counter that reset across the interval (another watch reports that): current is then assumed to
 * have flowed.
 */
public final class PausedInterval {
    private PausedInterval() {}

    /**
     * Half of what the current would have passed: a counter behind by more than that did not run
     * for most of the interval (a row's rounding and the current's ripple are far under a half).
     */
    static final double FLOWED_FRACTION = 0.5;

    /**
     * True when the step's counter shows that current did not flow for most of the interval to this row.
     *
     * @param lastChargeAh    the previous row's charge counter (null: none)
     * @param lastDischargeAh the previous row's discharge counter (null: none)
     * @param lastCurrentA    the previous row's current
     * @param intervalS       test time from the previous row to this one
     */
    public static boolean paused(
            Double lastChargeAh, Double lastDischargeAh, double lastCurrentA, Sample sample, double intervalS) {
        boolean charge = sample.stepType() == StepType.CHARGE;
        if (!charge && sample.stepType() != StepType.DISCHARGE) {
            return false;
        }
        Double before = charge ? lastChargeAh : lastDischargeAh;
        Double now = charge ? sample.chargeCapacityAh() : sample.dischargeCapacityAh();
        double currentA = Math.max(Math.abs(sample.currentA()), Math.abs(lastCurrentA));
        if (before == null || now == null || now < before || !(intervalS > 0) || currentA == 0) {
            return false;
        }
        return now - before < FLOWED_FRACTION * currentA * intervalS / 3600;
    }
}
