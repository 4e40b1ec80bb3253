package io.cellwatch.streams.detect.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The rest between a discharge and a charge: drained only where its voltage fell beyond a cycler's noise. */
class RestDrainTest {

    @Test
    void aRestThatOnlyClimbsWasNotDrained() {
        RestDrain rest = new RestDrain();
        rest.discharging(2.50, 0);
        double[] relaxing = {2.86, 3.10, 3.21, 3.24, 3.25, 3.252, 3.249, 3.251}; // mV of noise at the end
        for (int i = 0; i < relaxing.length; i++) {
            rest.resting(relaxing[i], 100 * (i + 1));
        }
        assertThat(rest.drainedSince(900)).isNaN();
    }

    @Test
    void aRestThatFellFromItsPeakWasDrainedFromTheDischargesEnd() {
        RestDrain rest = new RestDrain();
        rest.discharging(2.50, 1000);
        double[] draining = {2.87, 3.29, 3.32, 3.32, 3.31, 3.25}; // relaxing, then falling 70 mV
        for (int i = 0; i < draining.length; i++) {
            rest.resting(draining[i], 1000 + 100 * (i + 1));
        }
        assertThat(rest.drainedSince(1650)).isEqualTo(1000);
        // Each row's voltage held until the next reading: 2.50 V for the first 100 s, ..., 3.25 V for 50 s.
        double expected = 100 * (2.50 + 2.87 + 3.29 + 3.32 + 3.32 + 3.31) + 50 * 3.25;
        assertThat(rest.voltSecondsBefore()).isCloseTo(expected, within(1e-9));
        assertThat(rest.drainedSince(5000))
                .as("a second charge without a discharge between")
                .isNaN();
    }

    @Test
    void withoutADischargeBeforeThereIsNoRestToCount() {
        RestDrain rest = new RestDrain();
        rest.resting(3.4, 0);
        rest.resting(3.3, 100);
        assertThat(rest.drainedSince(200)).isNaN();
    }
}
