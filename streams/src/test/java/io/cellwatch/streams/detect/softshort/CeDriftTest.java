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
     * Feeds {@code cycles} alike, each taking {@code upAh}, running {@code hoursPerAh} under current per Ah
     * charged and returning {@code returned} of it, learnt into a returned-fraction baseline with the same
     * weight as the drift's hours (the detector learns both from the same cycles); returns the largest slide
     * seen, as a share of the usual charge.
     */
    private double cycles(int cycles, double upAh, double hoursPerAh, double returned) {
        double slide = 0;
        for (int i = 0; i < cycles; i++) {
            baseline = Double.isNaN(baseline) ? returned : baseline + ALPHA * (returned - baseline);
            drift.learn(3600 * hoursPerAh * upAh, upAh, ALPHA);
            slide = Math.max(slide, drift.update(baseline, upAh, BAND, 25.0).share());
        }
        return slide;
    }

    @Test
    void theSameParasiticCurrentOverTheLongerCyclesOfASlowerRateIsNoSlide() {
        // 2 mA of side reactions: at 1 A both ways (2 h per Ah charged) 0.4 % of the charge a cycle, at 0.5 A
        // (4 h per Ah) 0.8 %: more per cycle by over a band, the same current, while the baseline learns it too.
        cycles(50, 1.0, 2.0, 1 - 0.002 * 2.0);

        assertThat(cycles(50, 1.0, 4.0, 1 - 0.002 * 4.0)).isCloseTo(0, within(1e-12));
    }

    @Test
    void theSameChargeLostEachCycleAsAFadingCellsCyclesShortenIsNoSlide() {
        // 0.1 Ah lost at the top of every charge (a constant-voltage tail held past full), whatever the cycle's
        // length: 10 % of a 1 Ah charge, 11.1 % once the capacity has faded to 0.9 Ah. Per hour under current
        // the loss rises by 1.1 % of the charge, over three bands; per cycle it holds.
        double slide = 0;
        for (int c = 0; c <= 200; c++) {
            double upAh = 1.0 - 0.0005 * c;
            slide = Math.max(slide, cycles(1, upAh, 2.0, 1 - 0.1 / upAh));
        }

        assertThat(slide).isCloseTo(0, within(1e-12));
        assertThat(drift.anchorRatio(0.9))
                .as("the least charge lost per cycle, over the faded charge")
                .isCloseTo(1 - 0.1 / 0.9, within(1e-3));
    }

    @Test
    void anOffsetFromTheFirstCycleOfAFadingCellIsNoSlide() {
        // The sensor reads the cell as returning 2.8 % more than it took, from the first cycle: per cycle that
        // "negative loss" shrinks from 28 mAh to 19.6 mAh as the capacity fades 30 %, 0.84 % of the first
        // charge; as a share of a charge at the same hours per Ah, it holds.
        double slide = 0;
        for (int c = 0; c <= 600; c++) {
            slide = Math.max(slide, cycles(1, 1.0 - 0.0005 * c, 2.0, 1.028));
        }

        assertThat(slide).isCloseTo(0, within(1e-12));
    }

    @Test
    void aLossCurrentRisingIsASlideBothWays() {
        // 2 mA risen to 5 mA at 2 h per Ah: 0.6 % of the usual cycle's charge more than the least lost, per
        // cycle and per hour alike.
        cycles(50, 1.0, 2.0, 1 - 0.002 * 2.0);
        baseline = 1 - 0.005 * 2.0; // as the baseline stands once it has followed the rise

        CeDrift.Slide slide = drift.update(baseline, 1.0, BAND, 25.0);
        assertThat(slide.share()).isCloseTo(0.006, within(1e-12));
        assertThat(slide.band()).isEqualTo(BAND);
        assertThat(slide.bands()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void theAnchorsRestartWhenTheChamberMoves() {
        cycles(50, 1.0, 2.0, 1 - 0.002 * 2.0);
        drift.learn(3600 * 2.0, 1.0, ALPHA);

        assertThat(drift.update(1 - 0.005 * 2.0, 1.0, BAND, 35.0).share()).isZero();
    }

    @Test
    void noSlideBeforeTheHoursAreLearnt() {
        // A state stored before the loss current was kept: the per-cycle anchor alone does not judge.
        drift.update(0.996, 1.0, BAND, 25.0);

        assertThat(drift.update(0.990, 1.0, BAND, 25.0)).isEqualTo(CeDrift.Slide.NONE);
    }
}
