package io.cellwatch.streams.detect.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The charge-slope estimate with the usual curve's spread of local slopes, and the charge balance
 * checked against it. Numbers: a charge at 1 A and 3.4 V whose curve's local dV/dQ runs from 0.2× to
 * 5× its mean (mean/local 0.2-5: a plateau and a steep end).
 */
class ChargeSlopeRangeTest {
    private static final double CURRENT_A = 1.0;
    private static final double VOLTS = 3.4;
    private static final double LEAST = 0.2;
    private static final double MOST = 5.0;

    @Test
    void aSlopeOnAPlateauGivesTheLeaksRangeNotTheMeansValue() {
        // Half the current leaks, and the plateau's local dV/dQ is a third of the mean: f = 0.5/3.
        double f = 0.5 / 3;
        LeakEstimate mean = LeakEstimate.ofChargeSlope(CURRENT_A, VOLTS, 0, f);
        LeakEstimate onCurve = LeakEstimate.ofChargeSlopeOnCurve(CURRENT_A, VOLTS, 0, f, LEAST, MOST);

        // The mean's reading: 0.83 of the current ± 0.17, R 40 % low; its interval reaches the truth only at its
        // very end, where the leak's own two σ do (I − 2σ_I = 0.5 A), and not beyond.
        double trueOhm = VOLTS / (0.5 * CURRENT_A);
        assertThat(mean.shortResistanceOhm() + 2 * mean.shortResistanceUncertaintyOhm())
                .isCloseTo(trueOhm, within(1e-9 * trueOhm));
        // On the curve: the same value, with the range I·(1 − f·most) to I·(1 − f·least) as its spread.
        assertThat(onCurve.leakCurrentA()).isEqualTo(mean.leakCurrentA());
        double half = CURRENT_A * f * (MOST - LEAST) / 2;
        assertThat(onCurve.leakCurrentUncertaintyA()).isCloseTo(half, within(1e-9));
        assertThat(onCurve.shortResistanceOhm() + 2 * onCurve.shortResistanceUncertaintyOhm())
                .isGreaterThan(trueOhm);
        // A steeper-still plateau (most 10) leaves the leak unresolved: R only as the interval of its ends.
        LeakEstimate wider = LeakEstimate.ofChargeSlopeOnCurve(CURRENT_A, VOLTS, 0, f, LEAST, 10);
        assertThat(wider.resistanceResolved()).isFalse();
        assertThat(wider.shortResistanceLowerBoundOhm()).isCloseTo(VOLTS / (CURRENT_A * (1 - f * LEAST)), within(1e-9));
        assertThat(wider.shortResistanceUpperBoundOhm()).isNaN(); // 1 − f·10 < 0: the leak may be nil
    }

    @Test
    void aSlopeAtTheSteepTopReadWithTheTopsRatiosGivesTheLeakTheMeanMissed() {
        // 0.94 of the current leaks at a top whose local dV/dQ is 4-6× the mean (mean/local 1/6 to 1/4): f = 0.3.
        double f = 0.3;
        LeakEstimate mean = LeakEstimate.ofChargeSlope(CURRENT_A, VOLTS, 0, f);
        LeakEstimate local = LeakEstimate.ofChargeSlopeOnLocalCurve(CURRENT_A, VOLTS, 0, f, 1.0 / 6, 1.0 / 4);

        // The mean's reading: 0.7 of the current, R 34 % high.
        double trueOhm = VOLTS / (0.9375 * CURRENT_A);
        assertThat(mean.shortResistanceOhm() / trueOhm - 1).isGreaterThan(0.3);
        // The top's ratios: the middle of 0.925-0.95 of the current, R within 2 % of the truth.
        assertThat(local.leakCurrentA()).isCloseTo(0.9375, within(1e-9));
        assertThat(local.shortResistanceOhm()).isCloseTo(trueOhm, within(0.02 * trueOhm));
        // Its uncertainty is the slope fraction's own, never narrower: the voltage placing the window moves with the
        // leak.
        assertThat(local.leakCurrentUncertaintyA()).isEqualTo(mean.leakCurrentUncertaintyA());
        // A falling voltage is the mean's case.
        assertThat(LeakEstimate.ofChargeSlopeOnLocalCurve(CURRENT_A, VOLTS, 0, -0.2, 1.0 / 6, 1.0 / 4))
                .isEqualTo(LeakEstimate.ofChargeSlope(CURRENT_A, VOLTS, 0, -0.2));
    }

    @Test
    void aStalledChargeIsResolvedWhateverTheCurve() {
        // f = 0.01: the leak is 0.95-1.0 of the current for any local slope the curve has.
        LeakEstimate onCurve = LeakEstimate.ofChargeSlopeOnCurve(CURRENT_A, VOLTS, 0, 0.01, LEAST, MOST);
        assertThat(onCurve.resistanceResolved()).isTrue();
        assertThat(onCurve.shortResistanceOhm()).isCloseTo(VOLTS / CURRENT_A, within(0.06 * VOLTS / CURRENT_A));
    }

    @Test
    void aBalanceOutsideWhatTheSlopeAllowsGivesOnlyTheIntervalBothSpan() {
        // The slope (f = 0.05) allows 0.75-0.99 of the current; a balance reading 0.3 ± 0.01 disagrees.
        LeakEstimate balance = LeakEstimate.of(0.3, 0.01, CURRENT_A, VOLTS, 0, LeakEstimate.Basis.CHARGE_BALANCE);
        LeakEstimate checked = LeakEstimate.checkedAgainstSlope(balance, CURRENT_A, VOLTS, 0.05, LEAST, MOST);

        assertThat(balance.resistanceResolved()).isTrue();
        assertThat(checked.resistanceResolved()).isFalse();
        assertThat(checked.leakCurrentA()).isEqualTo(0.3);
        assertThat(checked.basis()).isEqualTo(LeakEstimate.Basis.CHARGE_BALANCE);
        // The interval runs from the slope's most (0.99 A) to the balance's least (0.28 A).
        assertThat(checked.shortResistanceLowerBoundOhm()).isCloseTo(VOLTS / (1 - 0.05 * LEAST), within(1e-9));
        assertThat(checked.shortResistanceUpperBoundOhm()).isCloseTo(VOLTS / 0.28, within(1e-9));
        // The leak's stated spread (± 2σ) reaches both ends.
        assertThat(checked.leakCurrentA() + 2 * checked.leakCurrentUncertaintyA())
                .isGreaterThanOrEqualTo(0.99 - 1e-9);
    }

    @Test
    void aBalanceTheSlopeAllowsIsKept() {
        LeakEstimate balance = LeakEstimate.of(0.5, 0.02, CURRENT_A, VOLTS, 0, LeakEstimate.Basis.CHARGE_BALANCE);
        assertThat(LeakEstimate.checkedAgainstSlope(balance, CURRENT_A, VOLTS, 0.5 / 3, LEAST, MOST))
                .isSameAs(balance);
        assertThat(LeakEstimate.checkedAgainstSlope(balance, CURRENT_A, VOLTS, -0.2, LEAST, MOST))
                .as("a falling voltage is the slope's own case")
                .isSameAs(balance);
    }
}
