package io.cellwatch.streams.detect.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.model.CycleSummary;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cycle balance's estimate on cycles written from Ohm's law in the test: a resistor R across a cell
 * whose voltage the summary gives, drawing V/R through charge, rest and discharge.
 */
class CycleLeakTest {
    private static final double CURRENT_A = 0.001;
    private static final double SHORT_OHM = 37_000; // 0.1 mA at 3.7 V
    private static final CycleLeak.HealthyRatio HEALTHY = new CycleLeak.HealthyRatio(1.0, 0.001);

    @Test
    void aCycleThatReturnsWhatTheShortLeftGivesTheShortsResistance() {
        // Charge 2 h at 3.9 V mean, discharge at 3.5 V mean, rests of 10 min each at about 3.7 V.
        double chargeS = 7200;
        double restS = 1200;
        double leakedAh = (3.9 * chargeS + 3.7 * restS) / SHORT_OHM / 3600;
        double upAh = CURRENT_A * chargeS / 3600;
        double downAh = upAh - leakedAh - 3.5 / SHORT_OHM * (downSeconds(upAh - leakedAh)) / 3600;
        double dischargeS = downAh / CURRENT_A * 3600;
        CycleSummary cycle = cycle(upAh, downAh, chargeS, dischargeS, chargeS + dischargeS + restS, 3.5);

        LeakEstimate e = CycleLeak.estimate(cycle, CycleLeak.Oriented.of(cycle, true), HEALTHY, Double.NaN);

        assertThat(e.resistanceResolved()).isTrue();
        assertThat(e.shortResistanceOhm() / SHORT_OHM - 1).isBetween(-0.1, 0.1);
    }

    @Test
    void aHalfCellStartingWithItsDischargeIsBalancedFromThePreviousCyclesLastStepNotFromItsOwnFirstRow() {
        // Li | graphite: the cycler's discharge lithiates (|V| down to 5 mV), its charge delithiates (|V| up to
        // 1.5 V), so each cycle ends resting at the top. The cell stands at the same state where each charge
        // ends: the balance counts the short's charge from the previous charge's end, through the previous
        // cycle's rest (1.7 h here), to this charge's end; this cycle's own rest (2 min) is the next one's.
        double shortOhm = 30_000;
        double currentA = 0.0003;
        double restV = (1.5 + 0.005) / 2; // the rests at the voltage the estimate takes them at
        double previousRestS = 6000;
        double dischargeS = 14_000;
        double chargeS = 14_400;
        double ownRestS = 120;
        double leakedAh = (restV * previousRestS + 0.1 * dischargeS + 0.6 * chargeS) / shortOhm / 3600;
        double upAh = currentA * chargeS / 3600;
        double start = 50_000;
        double stepsEnd = start + dischargeS + chargeS;
        CycleSummary cycle = halfCellCycle(
                upAh,
                upAh - leakedAh,
                dischargeS,
                chargeS,
                start,
                stepsEnd + ownRestS,
                stepsEnd,
                start - previousRestS);

        LeakEstimate e = CycleLeak.estimate(cycle, CycleLeak.Oriented.of(cycle, true), HEALTHY, Double.NaN);

        assertThat(e.resistanceResolved()).isTrue();
        assertThat(e.shortResistanceOhm() / shortOhm - 1).isBetween(-0.05, 0.05);
        // The leak stated for the cycle is what that resistance drew over the cycle's own span.
        double cycleS = dischargeS + chargeS + ownRestS;
        double cycleLeakA = (0.1 * dischargeS + 0.6 * chargeS + restV * ownRestS) / shortOhm / cycleS;
        assertThat(e.leakCurrentA() / cycleLeakA - 1).isBetween(-0.05, 0.05);
    }

    @Test
    void anAnodeHalfCellRestingNearZeroVoltsIsBalancedAtItsRowsMeasuredVoltage() {
        // Li | Si as range 1 soft-short-anode-half-cell seed 14: the rest closing the previous cycle (1.9 h)
        // sat at 0.07 V, not midway between the cut-offs (0.75 V). Taken midway, the mean voltage over the
        // balance, and R with it, reads far too high; at the rows' ∫|V|dt it is the short's.
        double shortOhm = 25_000;
        double currentA = 0.0003;
        double previousRestS = 6800;
        double previousRestV = 0.07;
        double dischargeS = 14_000;
        double chargeS = 14_400;
        double ownRestS = 600;
        double ownRestV = 1.2;
        double leakedAh = (previousRestV * previousRestS + 0.1 * dischargeS + 0.6 * chargeS) / shortOhm / 3600;
        double upAh = currentA * chargeS / 3600;
        double start = 50_000;
        double stepsEnd = start + dischargeS + chargeS;
        CycleSummary summary = halfCellCycle(
                upAh,
                upAh - leakedAh,
                dischargeS,
                chargeS,
                start,
                stepsEnd + ownRestS,
                stepsEnd,
                start - previousRestS);
        CycleSummary measured = summary.withVoltSeconds(
                dischargeS + chargeS + ownRestS,
                0.1 * dischargeS + 0.6 * chargeS + ownRestV * ownRestS,
                previousRestS + dischargeS + chargeS,
                previousRestV * previousRestS + 0.1 * dischargeS + 0.6 * chargeS);

        LeakEstimate midway = CycleLeak.estimate(summary, CycleLeak.Oriented.of(summary, true), HEALTHY, Double.NaN);
        LeakEstimate e = CycleLeak.estimate(measured, CycleLeak.Oriented.of(measured, true), HEALTHY, Double.NaN);

        assertThat(midway.shortResistanceOhm() / shortOhm).isGreaterThan(1.3);
        assertThat(e.resistanceResolved()).isTrue();
        assertThat(e.shortResistanceOhm() / shortOhm - 1).isBetween(-0.02, 0.02);
        // Over the cycle's own span (its rest at 1.2 V in, the previous one out) the leak is what R drew there.
        double cycleS = dischargeS + chargeS + ownRestS;
        double cycleLeakA = (0.1 * dischargeS + 0.6 * chargeS + ownRestV * ownRestS) / shortOhm / cycleS;
        assertThat(e.leakCurrentA() / cycleLeakA - 1).isBetween(-0.02, 0.02);
    }

    @Test
    void aLongRestTheShortDrainedKeepsItsResistanceWhereItsRowsGiveItsVoltage() {
        // As the drained rest below (a 1.2 kΩ short emptying the cell in 100 h of rest), with the rows' voltage
        // given: the rest at 0.02 V is what the short saw, so R is a value, not bounds.
        double shortOhm = 1200;
        double currentA = 0.01;
        double chargeS = 3 * 3600;
        double upAh = currentA * chargeS / 3600;
        double dischargeS = 1.2 * 3600;
        double restS = 100 * 3600;
        double restVs = 0.02 * restS;
        double leakedAh = (3.9 * chargeS + 3.5 * dischargeS + restVs) / shortOhm / 3600;
        CycleSummary cycle = cycle(upAh, upAh - leakedAh, chargeS, dischargeS, chargeS + dischargeS + restS, 3.0)
                .withVoltSeconds(chargeS + dischargeS + restS, 3.9 * chargeS + 3.5 * dischargeS + restVs, null, null);

        LeakEstimate e = CycleLeak.estimate(cycle, CycleLeak.Oriented.of(cycle, true), HEALTHY, Double.NaN);

        assertThat(e.resistanceResolved()).isTrue();
        assertThat(e.shortResistanceOhm() / shortOhm - 1).isBetween(-0.02, 0.02);
    }

    @Test
    void aPauseWithoutRowsTheShortDrainedStillBoundsRBesideTheRowsMeasured() {
        // As the drained rest below, the 100 h now a pause without rows after 20 min of rest the rows resolved:
        // the pause's voltage is not measured (the cell collapsed in it at a moment no row gives), so R is bounds.
        double shortOhm = 1200;
        double currentA = 0.01;
        double chargeS = 3 * 3600;
        double upAh = currentA * chargeS / 3600;
        double dischargeS = 1.2 * 3600;
        double leakedAh = (3.9 * chargeS + 3.5 * dischargeS + 3.2 * 1200) / shortOhm / 3600;
        double durationS = chargeS + dischargeS + 1200 + 100 * 3600;
        CycleSummary cycle = cycle(upAh, upAh - leakedAh, chargeS, dischargeS, durationS, 3.0)
                .withVoltSeconds(
                        chargeS + dischargeS + 1200, 3.9 * chargeS + 3.5 * dischargeS + 3.2 * 1200, null, null);

        LeakEstimate e = CycleLeak.estimate(cycle, CycleLeak.Oriented.of(cycle, true), HEALTHY, Double.NaN);

        assertThat(e.resistanceResolved()).isFalse();
        assertThat(e.shortResistanceLowerBoundOhm()).isBetween(0.8 * shortOhm, shortOhm);
    }

    @Test
    void aCalendarPauseBeforeTheCycleIsInItsBalanceAndBoundsRWhileTheLeakStaysOverTheCyclesOwnTime() {
        // A 1.2 kΩ short; the previous cycle ended with its discharge and 100 h of pause, in which the short took
        // what the discharged cell held below its cut-off (2 % of its charge) and held it near 0 V. Then this
        // cycle: charge 3 h at 3.9 V mean, discharge 1.2 h at 3.5 V mean, 10 min of rest.
        double shortOhm = 1200;
        double currentA = 0.01;
        double chargeS = 3 * 3600;
        double upAh = currentA * chargeS / 3600;
        double dischargeS = 1.2 * 3600;
        double pauseS = 100 * 3600;
        double leakedAh = 0.02 * upAh + (3.9 * chargeS + 3.5 * dischargeS) / shortOhm / 3600;
        double cycleS = chargeS + dischargeS + 600;
        CycleSummary spanOnly = cycle(upAh, upAh - leakedAh, chargeS, dischargeS, cycleS, 3.0);
        CycleSummary cycle = withStepEnds(spanOnly, spanOnly.endTestTimeS() - 600, spanOnly.startTestTimeS() - pauseS);

        LeakEstimate e = CycleLeak.estimate(cycle, CycleLeak.Oriented.of(cycle, true), HEALTHY, Double.NaN);

        // The pause's voltage is unknown (0 V to the top): R only as the interval, which holds it.
        assertThat(e.resistanceResolved()).isFalse();
        assertThat(e.shortResistanceLowerBoundOhm()).isLessThan(shortOhm);
        assertThat(e.shortResistanceUpperBoundOhm()).isGreaterThan(shortOhm);
        // Spread over the pause's 100 h the leak would read 96 % low for the cycle; over the cycle's own time it
        // is 2 % high (the pause's share).
        assertThat(e.leakCurrentA()).isCloseTo(leakedAh / (cycleS / 3600), within(1e-9));
    }

    @Test
    void aFullCellWhoseRestsAreAlikeReadsTheSameWithTheStepEndsAsWithoutThem() {
        double chargeS = 7200;
        double restS = 1200;
        double leakedAh = (3.9 * chargeS + 3.7 * restS) / SHORT_OHM / 3600;
        double upAh = CURRENT_A * chargeS / 3600;
        double downAh = upAh - leakedAh - 3.5 / SHORT_OHM * (downSeconds(upAh - leakedAh)) / 3600;
        double dischargeS = downAh / CURRENT_A * 3600;
        CycleSummary spanOnly = cycle(upAh, downAh, chargeS, dischargeS, chargeS + dischargeS + restS, 3.5);
        // Its last step (the discharge) ends 600 s before its last row, as the previous cycle's did before its first.
        CycleSummary withEnds = withStepEnds(spanOnly, spanOnly.endTestTimeS() - 600, spanOnly.startTestTimeS() - 600);

        LeakEstimate without = CycleLeak.estimate(spanOnly, CycleLeak.Oriented.of(spanOnly, true), HEALTHY, Double.NaN);
        LeakEstimate with = CycleLeak.estimate(withEnds, CycleLeak.Oriented.of(withEnds, true), HEALTHY, Double.NaN);

        assertThat(with.shortResistanceOhm()).isCloseTo(without.shortResistanceOhm(), within(1e-6));
        assertThat(with.leakCurrentA()).isCloseTo(without.leakCurrentA(), within(1e-15));
    }

    @Test
    void aCycleWhoseDischargeReturnedNothingGivesTheLeakButNoResistance() {
        // The charge went in (2 h), then the cell stood 10 days and the short emptied it at a moment the
        // summary does not say: the discharge ended at once, at a voltage far under its cut-off.
        double chargeS = 7200;
        double upAh = CURRENT_A * chargeS / 3600;
        double durationS = chargeS + 10 * 86_400;
        CycleSummary cycle = cycle(upAh, 0, chargeS, 0, durationS, 0.02);

        LeakEstimate e = CycleLeak.estimate(cycle, CycleLeak.Oriented.of(cycle, true), HEALTHY, Double.NaN);

        assertThat(e.leakCurrentA()).isCloseTo(upAh / (durationS / 3600), within(1e-9));
        assertThat(e.resistanceResolved()).isFalse();
    }

    @Test
    void aCycleWhoseLongRestTheShortDrainedGivesTheResistanceOnlyAsBoundsHoldingIt() {
        // 10 mA for 3 h at 3.9 V mean, a discharge at 3.5 V mean, then 100 h of rest in which a 1.2 kΩ short
        // emptied the cell at once and held it near 0 V: the leaked charge is all from the steps' time. Taking
        // the rest at its midway voltage would read R 20x too high.
        double shortOhm = 1200;
        double currentA = 0.01;
        double chargeS = 3 * 3600;
        double upAh = currentA * chargeS / 3600;
        double dischargeS = 1.2 * 3600;
        double leakedAh = (3.9 * chargeS + 3.5 * dischargeS) / shortOhm / 3600;
        double downAh = upAh - leakedAh;
        double durationS = chargeS + dischargeS + 100 * 3600;
        CycleSummary cycle = cycle(upAh, downAh, chargeS, dischargeS, durationS, 3.0);

        LeakEstimate e = CycleLeak.estimate(cycle, CycleLeak.Oriented.of(cycle, true), HEALTHY, Double.NaN);

        assertThat(e.leakCurrentA()).isCloseTo(leakedAh / (durationS / 3600), within(1e-9));
        assertThat(e.resistanceResolved()).isFalse();
        assertThat(e.shortResistanceLowerBoundOhm()).isBetween(0.8 * shortOhm, shortOhm);
        assertThat(e.shortResistanceUpperBoundOhm()).isGreaterThan(10 * shortOhm);
        Map<String, Double> evidence = new HashMap<>();
        e.addTo(evidence);
        assertThat(evidence).containsKeys("shortResistanceLowerBoundOhm", "shortResistanceUpperBoundOhm");
        assertThat(evidence).doesNotContainKey("shortResistanceOhm");
        assertThat(e.describe()).contains("short between");
    }

    @Test
    void aLongRestASlowShortBarelyDrainsKeepsItsResistance() {
        // A 1 MΩ short over the same cycle: in 100 h it takes about 1 % of the cell's charge, so the rest's
        // voltage held (midway between the step ends here) and R stands as a value.
        double shortOhm = 1_000_000;
        double currentA = 0.01;
        double chargeS = 3 * 3600;
        double upAh = currentA * chargeS / 3600;
        double dischargeS = 2.9 * 3600;
        double restS = 100 * 3600;
        double leakedAh = (3.9 * chargeS + 3.5 * dischargeS + 3.7 * restS) / shortOhm / 3600;
        CycleSummary cycle = cycle(upAh, upAh - leakedAh, chargeS, dischargeS, chargeS + dischargeS + restS, 3.2);

        LeakEstimate e = CycleLeak.estimate(
                cycle, CycleLeak.Oriented.of(cycle, true), new CycleLeak.HealthyRatio(1.0, 1e-5), Double.NaN);

        assertThat(e.resistanceResolved()).isTrue();
        assertThat(e.shortResistanceOhm() / shortOhm - 1).isBetween(-0.05, 0.05);
        assertThat(e.shortResistanceLowerBoundOhm()).isNaN();
    }

    @Test
    void aFilamentThatFormedAfterTheRestBeforeTheChargeIsNotSpreadOverThatRest() {
        // An intermittent filament (range 9001 soft-short-intermittent seed 9012): the previous cycle's charge had
        // a stronger one (its balance read 11 kΩ) that its discharge had all but lost, the cell rested discharged
        // for an hour at 3.1 V, and a 15 kΩ filament was there from this charge on. The balance holds that rest:
        // spread over it too, the leaked charge read R 43 % high. The two balances show different shorts, so the
        // presence of one in the rest is not known: R is the middle of none-there to present-throughout, its
        // uncertainty reaching the truth.
        double shortOhm = 15_000;
        double restBeforeS = 3400;
        double stepsVoltSeconds = 3.55 * 3600 + 3.40 * 600 + 3.28 * 3000;
        double leakedAh = stepsVoltSeconds / shortOhm / 3600;
        CycleSummary cycle = fullCellCycle(restBeforeS, leakedAh, 3.1 * restBeforeS + stepsVoltSeconds);
        CycleLeak.Oriented oriented = CycleLeak.Oriented.of(cycle, true);

        LeakEstimate asBefore = CycleLeak.estimate(cycle, oriented, HEALTHY, Double.NaN);
        LeakEstimate e = CycleLeak.estimate(
                cycle, oriented, HEALTHY, new CycleLeak.Balance(leakedAh, 1 / 11_000.0, 1 / 11_000.0));

        assertThat(asBefore.shortResistanceOhm() / shortOhm - 1).isGreaterThan(0.4);
        assertThat(e.resistanceResolved()).isTrue();
        assertThat(Math.abs(e.shortResistanceOhm() / shortOhm - 1)).isLessThan(0.2);
        assertThat(Math.abs(e.shortResistanceOhm() - shortOhm)).isLessThan(2 * e.shortResistanceUncertaintyOhm());
        // The leak is measured all the same: only the time it leaked over was in doubt.
        assertThat(e.leakCurrentA()).isCloseTo(asBefore.leakCurrentA(), within(1e-15));
    }

    @Test
    void aShortTheBalanceBeforeAlsoShowedIsTakenAsPresentThroughTheRestBeforeTheCharge() {
        // The same cycle with the 15 kΩ short there in the rest too, and the previous balance showing the same
        // short: the balance's R stands, as before.
        double shortOhm = 15_000;
        double restBeforeS = 3400;
        double balanceVoltSeconds = 3.1 * restBeforeS + 3.55 * 3600 + 3.40 * 600 + 3.28 * 3000;
        double leakedAh = balanceVoltSeconds / shortOhm / 3600;
        CycleSummary cycle = fullCellCycle(restBeforeS, leakedAh, balanceVoltSeconds);
        CycleLeak.Oriented oriented = CycleLeak.Oriented.of(cycle, true);
        CycleLeak.Balance previous = new CycleLeak.Balance(leakedAh, 1 / shortOhm, 1 / shortOhm);

        LeakEstimate asBefore = CycleLeak.estimate(cycle, oriented, HEALTHY, Double.NaN);
        LeakEstimate e = CycleLeak.estimate(cycle, oriented, HEALTHY, previous);

        assertThat(e.shortResistanceOhm() / shortOhm - 1).isBetween(-0.01, 0.01);
        assertThat(e.shortResistanceOhm()).isCloseTo(asBefore.shortResistanceOhm(), within(1e-9));
        assertThat(CycleLeak.balance(cycle, oriented, HEALTHY, previous).conductanceHighS())
                .isCloseTo(1 / shortOhm, within(1e-9 / shortOhm));
    }

    @Test
    void aVoltageFallingUnderChargeCurrentKeepsTheChargeCurrentAsItsLeakResolvedOnlyWhileTheSlopeIsSmall() {
        LeakEstimate falling = LeakEstimate.ofChargeSlope(0.002, 0.4, 0, -0.2);
        assertThat(falling.leakCurrentA()).isCloseTo(0.002, within(1e-12));
        assertThat(falling.leakCurrentUncertaintyA()).isCloseTo(0.0004, within(1e-12));
        assertThat(falling.shortResistanceOhm()).isCloseTo(200, within(1e-9));

        assertThat(LeakEstimate.ofChargeSlope(0.002, 0.4, 0, -0.6).resistanceResolved())
                .isFalse();
    }

    /** Seconds the discharge takes at the applied current for this much charge (the leak's share is small). */
    private static double downSeconds(double ah) {
        return ah / CURRENT_A * 3600;
    }

    /** An anode half cell's cycle: discharge at 0.1 V mean down to 5 mV, then charge at 0.6 V mean up to 1.5 V. */
    private static CycleSummary halfCellCycle(
            double upAh,
            double downAh,
            double dischargeS,
            double chargeS,
            double startS,
            double endS,
            double stepsEndS,
            double previousStepsEndS) {
        return new CycleSummary(
                CycleSummary.SCHEMA_VERSION,
                "li-gr-3",
                149,
                startS,
                endS,
                null,
                100,
                upAh,
                downAh,
                upAh * 0.6,
                downAh * 0.1,
                downAh > 0 ? upAh / downAh : null,
                0.6,
                0.1,
                chargeS,
                dischargeS,
                1.5,
                0.005,
                null,
                CycleSummary.CapacitySource.CYCLER_COUNTERS,
                true,
                stepsEndS,
                previousStepsEndS);
    }

    /**
     * A full cell's cycle whose rows give their ∫|V|dt: charge 1 mAh over 1 h (3.55 V mean, to 3.65 V), 10 min of
     * rest at 3.40 V, discharge over 50 min (3.28 V mean), 5 min of its own rest at 3.1 V; its balance from the
     * previous discharge's end, {@code restBeforeS} earlier than its first row, with {@code balanceVoltSeconds}.
     */
    private static CycleSummary fullCellCycle(double restBeforeS, double leakedAh, double balanceVoltSeconds) {
        double upAh = 0.001;
        double downAh = upAh - leakedAh;
        double start = 100_000;
        double stepsEnd = start + 3600 + 600 + 3000;
        double end = stepsEnd + 300;
        CycleSummary c = new CycleSummary(
                CycleSummary.SCHEMA_VERSION,
                "coin-12",
                793,
                start,
                end,
                null,
                100,
                upAh,
                downAh,
                upAh * 3.55,
                downAh * 3.28,
                downAh / upAh,
                3.55,
                3.28,
                3600,
                3000,
                3.65,
                2.5,
                null,
                CycleSummary.CapacitySource.CYCLER_COUNTERS,
                true,
                stepsEnd,
                start - restBeforeS);
        double ownVoltSeconds = 3.55 * 3600 + 3.40 * 600 + 3.28 * 3000 + 3.1 * 300;
        return c.withVoltSeconds(end - start, ownVoltSeconds, stepsEnd - (start - restBeforeS), balanceVoltSeconds);
    }

    private static CycleSummary withStepEnds(CycleSummary c, double stepsEndS, double previousStepsEndS) {
        return new CycleSummary(
                c.schemaVersion(),
                c.channelId(),
                c.cycleIndex(),
                c.startTestTimeS(),
                c.endTestTimeS(),
                c.endWallTimeMs(),
                c.sampleCount(),
                c.chargeAh(),
                c.dischargeAh(),
                c.chargeWh(),
                c.dischargeWh(),
                c.coulombicEfficiency(),
                c.meanChargeVoltageV(),
                c.meanDischargeVoltageV(),
                c.chargeDurationS(),
                c.dischargeDurationS(),
                c.endOfChargeVoltageV(),
                c.endOfDischargeVoltageV(),
                c.maxTemperatureC(),
                c.capacitySource(),
                c.complete(),
                stepsEndS,
                previousStepsEndS);
    }

    private static CycleSummary cycle(
            double upAh, double downAh, double chargeS, double dischargeS, double durationS, double endDischargeV) {
        return new CycleSummary(
                CycleSummary.SCHEMA_VERSION,
                "coin-9",
                12,
                1000,
                1000 + durationS,
                null,
                100,
                upAh,
                downAh,
                upAh * 3.9,
                downAh * 3.5,
                upAh > 0 ? downAh / upAh : null,
                3.9,
                downAh > 0 ? 3.5 : null,
                chargeS,
                dischargeS,
                4.2,
                endDischargeV,
                null,
                CycleSummary.CapacitySource.CYCLER_COUNTERS,
                true,
                null,
                null);
    }
}
