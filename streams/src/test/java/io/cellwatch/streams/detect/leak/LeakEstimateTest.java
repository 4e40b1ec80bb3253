package io.cellwatch.streams.detect.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The resistance a leak current makes, and how far the leak's uncertainty carries into it through R = V/I. */
class LeakEstimateTest {
    private static final double VOLTS = 0.135; // an anode half cell's mean voltage against Li over a charge

    @Test
    void theResistancesIntervalReachesWhatTheSmallestLeakAllowed() {
        // A leak of 62 ± 15.6 µA (a quarter of it: the curve's bracket on a graphite plateau): the readings allow a
        // leak down to 30.8 µA, R up to 4.4 kΩ, twice the value's 2.2 kΩ.
        double leakA = 62e-6;
        double sigmaA = 15.6e-6;
        LeakEstimate estimate = LeakEstimate.of(leakA, sigmaA, 4.2e-4, VOLTS, 0, LeakEstimate.Basis.CHARGE_BALANCE);

        double r = estimate.shortResistanceOhm();
        double sigmaR = estimate.shortResistanceUncertaintyOhm();
        assertThat(r).isCloseTo(VOLTS / leakA, within(1e-9));
        assertThat(r + 2 * sigmaR).isCloseTo(VOLTS / (leakA - 2 * sigmaA), within(1e-6));
        // The first-order R·σ_I/I stopped at 3.3 kΩ: a true 3.2 kΩ (a leak 1.3 σ under the value) sat at its edge.
        assertThat(r - 2 * sigmaR).isLessThanOrEqualTo(VOLTS / (leakA + 2 * sigmaA));
    }

    @Test
    void aSmallUncertaintyKeepsTheFirstOrderSpread() {
        LeakEstimate estimate = LeakEstimate.of(1.0, 0.01, 2.0, 3.7, 0, LeakEstimate.Basis.CYCLE_IMBALANCE);

        assertThat(estimate.shortResistanceUncertaintyOhm()).isCloseTo(3.7 * 0.01, within(0.03 * 3.7 * 0.01));
    }

    @Test
    void aLeakNotResolvedFromZeroGivesNoResistance() {
        LeakEstimate estimate = LeakEstimate.of(1.0, 0.5, 2.0, 3.7, 0, LeakEstimate.Basis.CYCLE_IMBALANCE);

        assertThat(estimate.resistanceResolved()).isFalse();
    }

    @Test
    void aStalledChargesResistanceCarriesItsOneReadingsVoltage() {
        // A hard short pinned at 12.35 mV under 1.27 mA, the charge stalled (slope 0.5 % of usual): the leak is
        // resolved to half a percent, but V is one reading; read to 0.8 mV, 6.5 % of it. Stated as exact, R
        // (9.75 Ω) claimed 0.6 %, and a true 9.45 Ω lay 5 of those outside (lab library hard-short-full-cell
        // seed 9).
        LeakEstimate exact = LeakEstimate.ofChargeSlope(0.001273, 0.01235, 0, 0.0048);
        LeakEstimate read = LeakEstimate.ofChargeSlope(0.001273, 0.01235, 0.0008, 0.0048);

        assertThat(read.shortResistanceOhm()).isEqualTo(exact.shortResistanceOhm());
        double r = read.shortResistanceOhm();
        assertThat(read.shortResistanceUncertaintyOhm()).isGreaterThanOrEqualTo(r * 0.0008 / 0.01235);
        assertThat(Math.abs(r - 9.449)).isGreaterThan(2 * exact.shortResistanceUncertaintyOhm());
        assertThat(Math.abs(r - 9.449)).isLessThan(2 * read.shortResistanceUncertaintyOhm());
    }

    @Test
    void anotherReadingOfTheSameLeakWidensTheEstimateToReachIt() {
        // A slope read on two scales (the largest recent charge's mean dV/dQ and the usual curve's): 1.11 A ± 0.156
        // on the one, 0.85 A on the other, 3.39 V, a true 0.76 A (4.45 Ω) outside the first's two uncertainties.
        LeakEstimate one = LeakEstimate.of(1.11, 0.156, 1.54, 3.39, 0.001, LeakEstimate.Basis.CHARGE_SLOPE);
        LeakEstimate both = one.reaching(0.85, 3.39, 0.001);

        assertThat(Math.abs(one.shortResistanceOhm() - 4.45)).isGreaterThan(2 * one.shortResistanceUncertaintyOhm());
        assertThat(both.leakCurrentA()).isEqualTo(1.11);
        assertThat(both.leakCurrentUncertaintyA()).isCloseTo(Math.hypot(0.156, 0.26), within(1e-9));
        assertThat(both.leakCurrentA() - 2 * both.leakCurrentUncertaintyA()).isLessThan(0.85);
        // Resolved still (1.11 over two of 0.303): R keeps its value, its interval now reaching the other reading's.
        assertThat(both.shortResistanceOhm()).isEqualTo(one.shortResistanceOhm());
        assertThat(both.shortResistanceOhm() + 2 * both.shortResistanceUncertaintyOhm())
                .isGreaterThan(4.45);
        // The same reading again changes nothing.
        assertThat(one.reaching(1.11, 3.39, 0.001)).isEqualTo(one);
    }
}
