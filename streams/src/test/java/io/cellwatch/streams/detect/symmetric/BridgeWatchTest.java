package io.cellwatch.streams.detect.symmetric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.TestProtocol;
import io.cellwatch.streams.detect.DetectorHarness;
import io.cellwatch.streams.detect.SyntheticSymmetricCell;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A resistive bridge taking a fifth of the current: the voltage at four fifths of its level, above the
 * live rule's three quarters, told from an interphase that evolves, a pickup and a warmer chamber by
 * whole half-cycles. Cells written here: 80 mV at 0.2 mA/cm² (400 Ω through the electrolyte), 1 mV of
 * noise per sample, a sample a minute, one hour per half-cycle.
 */
class BridgeWatchTest {
    private static final double HOUR = 3600;
    private static final ChannelInfo CELL = new ChannelInfo(
            1,
            "sym",
            CellType.SYMMETRIC,
            "Li|LLZO|Li",
            1.0,
            null,
            null,
            TestProtocol.CYCLING,
            CeConvention.DISCHARGE_OVER_CHARGE);

    private static List<Alert> shorts(SyntheticSymmetricCell cell) {
        List<Alert> alerts = new DetectorHarness()
                .run(new OverpotentialDetector(ProfileSelector.standard()), CELL, cell.samples(), true)
                .alerts;
        return alerts.stream()
                .filter(a -> a.kind() == AlertKind.OVERPOTENTIAL_COLLAPSE || a.kind() == AlertKind.HARD_SHORT)
                .filter(a -> a.status() == AlertStatus.FIRING)
                .toList();
    }

    @Test
    void aBridgeTakingAFifthOfTheCurrentIsASoftShortOnceAWholeHalfCycleOfEachDirectionIsUnder() {
        // A 1600 Ω bridge across the 400 Ω electrolyte at 50.5 h, in a plating half: 64 mV both ways.
        double bridgeAt = 50.5 * HOUR;
        SyntheticSymmetricCell cell = new SyntheticSymmetricCell("sym", 1.0, 60, 21)
                .cycling(1, 70, 0.2, t -> t >= bridgeAt ? 0.064 : 0.080, t -> 0.001);

        assertThat(shorts(cell)).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.OVERPOTENTIAL_COLLAPSE);
            assertThat(a.testTimeS())
                    .as("the stripping half 51–52 h and the plating half 52–53 h both whole under the level")
                    .isBetween(52.9 * HOUR, 53.1 * HOUR);
            assertThat(a.evidence().get("leakFractionOfCurrent")).isCloseTo(0.2, within(0.03));
            assertThat(a.message()).contains("resistive bridge").contains("both current directions");
        });
    }

    @Test
    void aFewNoisyReadingsPerHalfCycleAreNoBridge() {
        // 7.6 mV at 0.06 mA/cm² under 2.6 mV of noise, a reading every 222 s, half an hour a half-cycle, for
        // 30 days: each plateau is the mean of about seven readings, good to about 13 % of itself, so some
        // run of half-cycles in both directions comes out 15-20 % low by chance. Not a bridge.
        SyntheticSymmetricCell cell = new SyntheticSymmetricCell("sym", 1.0, 222, 43);
        for (int c = 1; c <= 720; c++) {
            cell.half(c, true, 0.06, 1800, t -> 0.0076, t -> 0.0026);
            cell.half(c, false, 0.06, 1800, t -> 0.0076, t -> 0.0026);
        }

        assertThat(shorts(cell)).isEmpty();
    }

    @Test
    void anInterphaseThatLowersTheOverpotentialAFifthOverDaysIsNoShort() {
        // Activation: the overpotential falls by a fifth over 60 h, a little every half-cycle.
        SyntheticSymmetricCell cell = new SyntheticSymmetricCell("sym", 1.0, 60, 22)
                .cycling(
                        1,
                        100,
                        0.2,
                        t -> 0.080 * (1 - 0.2 * Math.min(1, Math.max(0, (t - 20 * HOUR) / (60 * HOUR)))),
                        t -> 0.001);

        assertThat(shorts(cell)).isEmpty();
    }

    @Test
    void aFallInOneCurrentDirectionOnlyIsAPickupNotABridge() {
        // From 50 h the plating halves read 16 mV low (a pickup on the voltage lead), stripping as before.
        SyntheticSymmetricCell cell = new SyntheticSymmetricCell("sym", 1.0, 60, 23);
        for (int c = 1; c <= 35; c++) {
            boolean pickedUp = c > 25;
            cell.half(c, true, 0.2, HOUR, t -> pickedUp ? 0.064 : 0.080, t -> 0.001);
            cell.half(c, false, 0.2, HOUR, t -> 0.080, t -> 0.001);
        }

        assertThat(shorts(cell)).isEmpty();
    }

    @Test
    void aChamberFiveKelvinWarmerLowersBothDirectionsAFifthAndIsNoShort() {
        // 30 → 35 °C at 50.5 h; the electrolyte's overpotential follows Arrhenius with 0.35 eV: 80 → 64 mV.
        double warmingAt = 50.5 * HOUR;
        DoubleUnaryOperator celsius = t -> 30 + 5 * Math.min(1, Math.max(0, (t - warmingAt) / 1200));
        DoubleUnaryOperator eta =
                t -> 0.080 * Math.exp(0.35 / 8.617e-5 * (1 / (273.15 + celsius.applyAsDouble(t)) - 1 / 303.15));
        SyntheticSymmetricCell cell = new SyntheticSymmetricCell("sym", 1.0, 60, 24)
                .temperature(celsius)
                .cycling(1, 70, 0.2, eta, t -> 0.001);

        assertThat(shorts(cell)).isEmpty();
    }
}
