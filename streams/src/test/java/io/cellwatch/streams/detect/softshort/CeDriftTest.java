package io.cellwatch.streams.detect.softshort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CeDriftTest {
    private static final double ALPHA = 0.1;
    private static final double BAND = 0.003;

    private final CeDrift drift = new CeDrift();
    private double baseline = Double.NaN;

    /**
     * Feeds {@code cycles} alike, each running {@code hoursPerAh} under current per Ah charged and returning
     * {@code returned} of it, learnt into a returned-fraction baseline with the same weight as the drift's
     * hours (the detector learns both from the same cycles); returns the largest slide seen.
     */
    private double cycles(int cycles, double hoursPerAh, double returned) {
        double slide = 0;
        for (int i = 0; i < cycles; i++) {
            baseline = Double.isNaN(baseline) ? returned : baseline + ALPHA * (returned - baseline);
            drift.learn(3600 * hoursPerAh, 1.0, ALPHA);
            slide = Math.max(slide, drift.update(baseline, BAND, 25.0));
        }
        return slide;
    }

    @Test
    void theSameParasiticCurrentOverTheLongerCyclesOfASlowerRateIsNoSlide() {
        // 2 mA of side reactions: at 1 A both ways (2 h per Ah charged) 0.4 % of the charge a cycle, at 0.5 A
        // (4 h per Ah) 0.8 %: more per cycle by over a band, the same current, while the baseline learns it too.
        cycles(50, 2.0, 1 - 0.002 * 2.0);

        assertThat(cycles(50, 4.0, 1 - 0.002 * 4.0)).isCloseTo(0, within(1e-12));
        assertThat(drift.anchorRatio()).as("the baseline, learnt alike").isCloseTo(baseline, within(1e-12));
    }

    @Test
    void aLossCurrentRisingIsASlideInTheShareOfTheUsualCyclesCharge() {
        // 2 mA risen to 5 mA at 2 h per Ah: 0.6 % of the usual cycle's charge more than the least lost.
        cycles(50, 2.0, 1 - 0.002 * 2.0);
        baseline = 1 - 0.005 * 2.0; // as the baseline stands once it has followed the rise

        assertThat(drift.update(baseline, BAND, 25.0)).isCloseTo(0.006, within(1e-12));
        assertThat(drift.band()).isEqualTo(BAND);
    }

    @Test
    void theAnchorRestartsWhenTheChamberMoves() {
        cycles(50, 2.0, 1 - 0.002 * 2.0);
        drift.learn(3600 * 2.0, 1.0, ALPHA);

        assertThat(drift.update(1 - 0.005 * 2.0, BAND, 35.0)).isZero();
    }
}
