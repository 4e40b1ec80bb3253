package io.cellwatch.streams.detect.imminent;

import io.cellwatch.model.Sample;

/**
 * Charge passed into the cell since the open cycle began, and charge taken out of it since the
 * channel's first row, from the cycler's cumulative counters where there are some (reset-aware, as
 * the cycle summarizer reads them) and from the current otherwise.
 */
final class ChargeCounter {
    double chargeAh;
    Double lastCounterAh;
    /** Charge taken out since the first row (never reset): the difference between two moments is what went out. */
    double dischargeAh;

    Double lastDischargeCounterAh;
    double lastCurrentA;
    boolean any;

    /** Starts a new cycle's count; the counter's last reading stays to tell a reset from a continuation. */
    void newCycle() {
        chargeAh = 0;
    }

    void add(Sample sample, double dtS) {
        // The current over the interval, where a counter is missing: none across a pause (its rows are missing).
        double integratedAh = any && dtS <= 3600 ? 0.5 * (sample.currentA() + lastCurrentA) * dtS / 3600 : 0;
        chargeAh += passed(sample.chargeCapacityAh(), lastCounterAh, Math.max(0, integratedAh));
        dischargeAh += passed(sample.dischargeCapacityAh(), lastDischargeCounterAh, Math.max(0, -integratedAh));
        if (sample.chargeCapacityAh() != null) {
            lastCounterAh = sample.chargeCapacityAh();
        }
        if (sample.dischargeCapacityAh() != null) {
            lastDischargeCounterAh = sample.dischargeCapacityAh();
        }
        lastCurrentA = sample.currentA();
        any = true;
    }

    /** What a cumulative counter says passed since its last reading, or the integrated current without one. */
    private static double passed(Double counter, Double last, double integratedAh) {
        if (counter == null) {
            return integratedAh;
        }
        if (last == null || counter < last - 1e-9 * Math.abs(last)) {
            // First reading, or the cycler reset it: it has counted its whole value since.
            return Math.max(0, counter);
        }
        return Math.max(0, counter - last);
    }
}
