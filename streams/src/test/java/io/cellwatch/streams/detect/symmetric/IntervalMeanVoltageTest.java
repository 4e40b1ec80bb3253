package io.cellwatch.streams.detect.symmetric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import io.cellwatch.streams.testing.CyclerRows;
import org.junit.jupiter.api.Test;

class IntervalMeanVoltageTest {

    /** A plating reading of 1 mA at 50 mV, its counters printed in steps of {@code printedWh}. */
    private static Sample plating(double testTimeS, double printedWh) {
        double chargeAh = 1e-3 * testTimeS / 3600;
        double chargeWh = Math.rint(0.05 * chargeAh / printedWh) * printedWh;
        return CyclerRows.row(
                "li-li", (long) testTimeS, testTimeS, 1, 1, StepType.CHARGE, 0.05, 1e-3, chargeAh, 0.0, chargeWh, 0.0);
    }

    private static IntervalMeanVoltage over(double printedWh) {
        IntervalMeanVoltage interval = new IntervalMeanVoltage();
        for (double t = 60; t <= 600; t += 60) {
            interval.accept(plating(t, printedWh));
        }
        return interval;
    }

    @Test
    void smallCountersPrintedFinelyGiveTheMeanToTheirLastDigit() {
        // 50 mV at 1 mA passes 0.83 µWh a minute: counters of a few µWh, printed to 1e-12 Wh.
        IntervalMeanVoltage fine = over(1e-12);
        assertThat(fine.energyStepWh).isEqualTo(1e-12);
        assertThat(fine.accept(plating(660, 1e-12))).isCloseTo(0.05, within(1e-6));
        assertThat(fine.printedErrorV).isLessThan(1e-6);
    }

    @Test
    void countersPrintedCoarselyCarryTheirPrintedStepOverTheChargePassed() {
        // Printed to 1e-6 Wh, an interval's 0.83 µWh is read as 0 or 1 µWh: its mean is good to 1e-6 / 16.7 µAh.
        IntervalMeanVoltage coarse = over(1e-6);
        assertThat(coarse.energyStepWh).isEqualTo(1e-6);
        coarse.accept(plating(660, 1e-6));
        assertThat(coarse.printedErrorV).isCloseTo(1e-6 / (1e-3 / 60), within(1e-3));
    }
}
