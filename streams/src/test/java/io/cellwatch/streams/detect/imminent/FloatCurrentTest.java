package io.cellwatch.streams.detect.imminent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.model.Severity;
import io.cellwatch.model.StepType;
import io.cellwatch.streams.detect.ReadingSink;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A constant-voltage phase whose current stops falling (held-out 65015: a 4 Ω short held 1.02 A of a
 * 1.96 A charge at 4.2 V for two hours, where a healthy phase tapers to 0.04 A in 45 min) is an imminent
 * short with the float current as its leak; a healthy phase decaying as slowly as diffusion allows
 * (1/√t) for hours, a slower phase after a partial charge's short one, and a long hold whose current
 * settles far under the cut-off, are not.
 */
class FloatCurrentTest {
    private static final double CHARGE_A = 1.96;
    private static final double CUT_OFF_A = 0.04;
    private static final double LIMIT_V = 4.2;
    private static final double ROW_S = 60;

    private final ImminentShortDetector detector = new ImminentShortDetector(ProfileSelector.standard());
    private final ChannelInfo channel = ChannelInfo.defaultsFor("cell");
    private final ImminentShortState state = new ImminentShortState();
    private final List<Alert> alerts = new ArrayList<>();
    private double t;
    private long row;

    private void sample(int cycle, int step, StepType type, double volts, double amps) {
        t += ROW_S;
        Sample s = new Sample(
                1, "cell", ++row, null, t, cycle, step, type, volts, amps, null, null, null, null, 25.0, null);
        alerts.addAll(detector.onSample(state, s, channel, ReadingSink.NONE));
    }

    /**
     * One cycle: constant current to the limit (1 Ah), constant voltage with this current by the phase's age
     * until it falls under the cut-off or the time limit, a rest, the discharge and a rest.
     */
    private void cycle(int c, DoubleUnaryOperator constantVoltageA, double timeLimitS) {
        for (double q = 0; q < 1.0; q += CHARGE_A * ROW_S / 3600) {
            sample(c, 1, StepType.CHARGE, 3.6 + 0.6 * q, CHARGE_A);
        }
        for (double age = ROW_S; age <= timeLimitS; age += ROW_S) {
            double amps = constantVoltageA.applyAsDouble(age);
            if (amps < CUT_OFF_A) {
                break;
            }
            sample(c, 2, StepType.CHARGE, LIMIT_V, amps);
        }
        for (int k = 0; k < 10; k++) {
            sample(c, 3, StepType.REST, 4.15, 0);
        }
        for (double q = 0; q < 1.9; q += CHARGE_A * ROW_S / 3600) {
            sample(c, 4, StepType.DISCHARGE, 4.0 - 0.5 * q, -CHARGE_A);
        }
        for (int k = 0; k < 10; k++) {
            sample(c, 5, StepType.REST, 3.3, 0);
        }
    }

    /** A healthy phase: an exponential taper to the cut-off in about 45 min. */
    private static double healthy(double age) {
        return CHARGE_A * Math.exp(-age / 700);
    }

    private void healthyCycles(int n) {
        for (int c = 1; c <= n; c++) {
            cycle(c, FloatCurrentTest::healthy, 7200);
        }
    }

    @Test
    void aConstantVoltageCurrentThatStopsFallingIsALeakAtTheLimit() {
        healthyCycles(5);
        double leakA = 1.02;
        cycle(6, age -> leakA + (CHARGE_A - leakA) * Math.exp(-age / 700), 7200);

        assertThat(alerts).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.IMMINENT_SHORT);
            assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(alert.cycleIndex()).isEqualTo(6);
            // Once the cell's own share has tapered under 2 % of the current, well before the charge's 2 h limit.
            assertThat(alert.evidence().get("constantVoltageS")).isLessThan(5400);
            assertThat(alert.evidence().get("leakCurrentA")).isBetween(0.97 * leakA, 1.03 * leakA);
            assertThat(alert.evidence().get("shortResistanceOhm"))
                    .isBetween(0.97 * LIMIT_V / leakA, 1.03 * LIMIT_V / leakA);
            assertThat(alert.evidence().get("leakEstimateBasis")).isEqualTo(7.0);
            assertThat(alert.message()).contains("stopped falling");
        });
    }

    @Test
    void aPhaseDecayingAsSlowlyAsDiffusionAllowsIsNotALeak() {
        healthyCycles(5);
        // Cottrell: 1/√t from the first minute, still 0.15 A (nearly four times the cut-off) at the 3 h limit.
        cycle(6, age -> CHARGE_A * Math.min(1, Math.sqrt(60 / age)), 3 * 3600);
        assertThat(alerts).isEmpty();
    }

    @Test
    void aPartialChargesShortPhaseDoesNotShortenTheWait() {
        healthyCycles(5);
        // A top-up of a nearly full cell: its constant-voltage phase tapers to the cut-off in two minutes.
        cycle(6, age -> 0.5 * Math.exp(-age / 40), 7200);
        // Then a healthy charge whose phase tapers more slowly than the usual (a colder cell), still falling.
        cycle(7, age -> CHARGE_A * Math.exp(-age / 1400), 7200);
        assertThat(alerts).isEmpty();
    }

    @Test
    void aHoldWhoseCurrentSettlesUnderTheCutOffIsNotALeak() {
        healthyCycles(5);
        // A day's hold at the limit: the cell's own current tapers, a parasitic 1 mA stays (a healthy float).
        for (double age = ROW_S; age <= 24 * 3600; age += ROW_S) {
            sample(6, 1, StepType.CHARGE, LIMIT_V, Math.max(0.001, healthy(age)));
        }
        assertThat(alerts).isEmpty();
    }
}
