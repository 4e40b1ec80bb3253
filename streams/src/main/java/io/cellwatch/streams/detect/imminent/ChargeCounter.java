package io.cellwatch.streams.detect.imminent;

import io.cellwatch.model.Sample;

/**
 * Charge passed into the cell since the open cycle began, from the cycler's cumulative counter where
 * there is one (reset-aware, as the cycle summarizer reads it) and from the current otherwise.
 */
final class ChargeCounter {
    double chargeAh;
    Double lastCounterAh;
    double lastCurrentA;
    boolean any;

    /** Starts a new cycle's count; the counter's last reading stays to tell a reset from a continuation. */
    void newCycle() {
        chargeAh = 0;
    }

    void add(Sample sample, double dtS) {
        Double counter = sample.chargeCapacityAh();
        if (counter != null) {
            if (lastCounterAh == null || counter < lastCounterAh - 1e-9 * Math.abs(lastCounterAh)) {
                // First reading, or the cycler reset it: it has counted its whole value since.
                chargeAh += Math.max(0, counter);
            } else if (counter > lastCounterAh) {
                chargeAh += counter - lastCounterAh;
            }
            lastCounterAh = counter;
        } else if (any && dtS <= 3600) {
            double meanCurrentA = 0.5 * (sample.currentA() + lastCurrentA);
            if (meanCurrentA > 0) {
                chargeAh += meanCurrentA * dtS / 3600;
            }
        }
        lastCurrentA = sample.currentA();
        any = true;
    }
}
