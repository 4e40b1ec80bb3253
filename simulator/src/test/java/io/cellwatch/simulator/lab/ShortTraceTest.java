package io.cellwatch.simulator.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The short's running integrals, against sums written out in the test. */
class ShortTraceTest {

    @Test
    void aFilamentThatFlickersIsItsVoltageTimeOverItsChargeOverAnyInterval() {
        ShortTrace trace = new ShortTrace();
        trace.clockAt(1000);
        trace.step(10, 0.1, 0); // no short yet: 1000–1010 s
        // 1010–1050 s: four 10 s moments at 50, 100, burnt out (0.2 V, no current), 25 mV on a 1 mA cell.
        double[] volts = {0.05, 0.1, 0.2, 0.025};
        double[] amps = {0.0008, 0.0006, 0, 0.0009};
        for (int k = 0; k < volts.length; k++) {
            trace.step(10, volts[k], amps[k]);
        }
        trace.close();

        ShortTrace.Window all = trace.over(1000, 1050);
        double voltSeconds = 10 * (0.05 + 0.1 + 0.025); // only while it carried current
        double ampSeconds = 10 * (0.0008 + 0.0006 + 0.0009);
        assertThat(all.resistanceOhm()).isCloseTo(voltSeconds / ampSeconds, within(1e-9));
        assertThat(all.meanLeakA()).isCloseTo(ampSeconds / 50, within(1e-12));

        ShortTrace.Window second = trace.over(1020, 1030);
        assertThat(second.resistanceOhm()).isCloseTo(0.1 / 0.0006, within(1e-9));
        assertThat(second.meanLeakA()).isCloseTo(0.0006, within(1e-12));

        ShortTrace.Window burntOut = trace.over(1030, 1040);
        assertThat(burntOut.resistanceOhm()).isNaN();
        assertThat(burntOut.meanLeakA()).isZero();

        assertThat(trace.over(900, 1010).meanLeakA()).isZero();

        // One reading's moment: the short as the step of the physics leading to it left it, not the cycle's mean.
        ShortTrace.Window reading = trace.over(1030, 1030);
        assertThat(reading.meanLeakA()).isCloseTo(0.0006, within(1e-12));
        assertThat(reading.resistanceOhm()).isCloseTo(0.1 / 0.0006, within(1e-9));
        assertThat(trace.over(1035, 1035).meanLeakA()).isZero();
        assertThat(trace.over(1005, 1005).meanLeakA()).isNaN();
    }

    @Test
    void aResistorOnASteadyVoltageKeepsFewMomentsAndStaysExact() {
        ShortTrace trace = new ShortTrace();
        trace.clockAt(0);
        for (int k = 0; k < 36_000; k++) { // 100 h in 10 s steps at 3.8 V over 100 Ω
            trace.step(10, 3.8, 0.038);
        }
        trace.close();
        ShortTrace.Window w = trace.over(12_345, 98_765);
        assertThat(w.resistanceOhm()).isCloseTo(100, within(1e-6));
        assertThat(w.meanLeakA()).isCloseTo(0.038, within(1e-9));
    }
}
