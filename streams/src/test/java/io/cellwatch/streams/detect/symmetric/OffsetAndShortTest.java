package io.cellwatch.streams.detect.symmetric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Severity;
import io.cellwatch.model.TestProtocol;
import io.cellwatch.streams.detect.DetectorHarness;
import io.cellwatch.streams.detect.SyntheticSymmetricCell;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The collapse watch against an instrument offset that appears mid-run (it raises one current direction
 * and lowers the other), and the short's resistance given only when the readings carry it.
 */
class OffsetAndShortTest {
    private static final double HOUR = 3600;
    private static final double ETA = 0.040;

    private static final ChannelInfo CHANNEL = new ChannelInfo(
            1,
            "sym",
            CellType.SYMMETRIC,
            "Li|QCPE|Li",
            1.0,
            null,
            null,
            TestProtocol.CYCLING,
            CeConvention.DISCHARGE_OVER_CHARGE);

    private static List<Alert> alerts(SyntheticSymmetricCell cell) {
        return new DetectorHarness()
                .run(new OverpotentialDetector(ProfileSelector.standard()), CHANNEL, cell.samples(), true)
                .alerts;
    }

    private static List<Alert> shorts(List<Alert> alerts) {
        return alerts.stream()
                .filter(a -> a.kind() == AlertKind.OVERPOTENTIAL_COLLAPSE || a.kind() == AlertKind.HARD_SHORT)
                .toList();
    }

    @Test
    void anOffsetOfAQuarterToAThirdOfTheOverpotentialAppearingMidRunIsNoShort() {
        // 40 mV at 0.2 mA, 0.5 mV of noise, no rests (no zero-current readings show the offset). From 40.25 h, in a
        // plating half, the instrument reads +x: plating η + x, stripping η − x, for 40 more hours. Before, the
        // level learnt the raised plating halves alone and a stripping half read 55–61 % of it; two chance steps
        // over three times the noise among its first samples then made a "flickering filament".
        for (double share : new double[] {0.25, 0.3, 0.4}) {
            double x = share * ETA;
            SyntheticSymmetricCell cell = new SyntheticSymmetricCell("sym", 1.0, 60, 24);
            for (int c = 1; c <= 40; c++) {
                cell.half(c, true, 0.2, HOUR, t -> ETA + (t >= 40.25 * HOUR ? x : 0), t -> 0.0005)
                        .half(c, false, 0.2, HOUR, t -> ETA - (t >= 40.25 * HOUR ? x : 0), t -> 0.0005);
            }
            assertThat(shorts(alerts(cell)))
                    .as("offset of %.0f %%", 100 * share)
                    .isEmpty();
        }
    }

    @Test
    void aFilamentFormingInOneDirectionIsStillCaughtWithinItsHalfCycleAndAShortUnderAnOffsetToo() {
        // The same cell, the offset of a quarter standing from 20 h; at 50.5 h, in a plating half, a filament
        // takes 60 % of the current on average, flickering (the voltage jumps from reading to reading). The
        // stripping half before it read η − x, not raised: nothing explains the plating half's fall but a short.
        double x = 0.25 * ETA;
        double filamentAt = 50.5 * HOUR;
        SplittableRandom flicker = new SplittableRandom(7);
        SyntheticSymmetricCell cell = new SyntheticSymmetricCell("sym", 1.0, 60, 25);
        for (int c = 1; c <= 30; c++) {
            cell.half(
                            c,
                            true,
                            0.2,
                            HOUR,
                            t -> t >= filamentAt
                                    ? (ETA * flicker.nextDouble(0.1, 0.7)) + x
                                    : ETA + (t >= 20 * HOUR ? x : 0),
                            t -> 0.0005)
                    .half(
                            c,
                            false,
                            0.2,
                            HOUR,
                            t -> t >= filamentAt
                                    ? (ETA * flicker.nextDouble(0.1, 0.7)) - x
                                    : ETA - (t >= 20 * HOUR ? x : 0),
                            t -> 0.0005);
        }
        List<Alert> shorts = shorts(alerts(cell));
        assertThat(shorts).isNotEmpty();
        Alert first = shorts.get(0);
        assertThat(first.kind()).isEqualTo(AlertKind.OVERPOTENTIAL_COLLAPSE);
        assertThat(first.testTimeS()).as("within the half-cycle it formed in").isBetween(filamentAt, 51 * HOUR);
    }

    @Test
    void aFewReadingsOfAFlickeringFilamentGiveTheLeakButNotTheResistanceWhichFollowsOnceTheyCarryIt() {
        // 80 mV at 0.2 mA; at 50.5 h a filament takes on average 60 % of the current, its share drawn afresh at each
        // reading (0.3 to 0.9): the collapse comes within minutes, on three or four readings that cannot say which
        // resistance the filament has. R follows as an update of the same episode once the readings since the fall
        // carry it: long enough for a flickering filament, and the voltage's mean known to 15 %.
        double filamentAt = 50.5 * HOUR;
        SplittableRandom flicker = new SplittableRandom(11);
        SyntheticSymmetricCell cell = new SyntheticSymmetricCell("sym", 1.0, 60, 26)
                .cycling(
                        1,
                        60,
                        0.2,
                        t -> t >= filamentAt ? 0.080 * (1 - flicker.nextDouble(0.3, 0.9)) : 0.080,
                        t -> 0.0005);
        List<Alert> collapse = alerts(cell).stream()
                .filter(a -> a.kind() == AlertKind.OVERPOTENTIAL_COLLAPSE && a.status() == AlertStatus.FIRING)
                .toList();
        assertThat(collapse).hasSizeGreaterThanOrEqualTo(2);
        Alert alert = collapse.get(0);
        assertThat(alert.testTimeS()).isBetween(filamentAt, 51 * HOUR);
        assertThat(alert.evidence()).containsKey("leakCurrentA").doesNotContainKey("shortResistanceOhm");
        assertThat(alert.message()).contains("follows once the readings carry it");
        Alert update = collapse.get(1);
        assertThat(update.alertId()).isEqualTo(alert.alertId());
        assertThat(update.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(update.evidence().get("runSamples")).isGreaterThanOrEqualTo(30.0);
        // The filament's effective resistance: 80 mV·(1 − 0.6) over 0.6·0.2 mA ≈ 267 Ω (mean voltage over mean leak).
        assertThat(update.evidence().get("shortResistanceOhm")).isCloseTo(267, within(0.3 * 267));
        assertThat(update.evidence()).containsKey("estimateFromTestTimeS");
    }

    @Test
    void aSteadyResistiveBridgeStillGivesItsResistanceOnTheAlert() {
        // 80 mV at 0.2 mA (400 Ω through the electrolyte); at 50.5 h a bridge takes 70 % of the current in both
        // directions, no flicker: 24 mV over 0.14 mA, 171 Ω. The readings carry R as soon as the collapse is resolved
        // in both directions.
        SyntheticSymmetricCell cell = new SyntheticSymmetricCell("sym", 1.0, 60, 27)
                .cycling(1, 60, 0.2, t -> t >= 50.5 * HOUR ? 0.024 : 0.080, t -> 0.001);
        Alert alert = alerts(cell).stream()
                .filter(a -> a.kind() == AlertKind.OVERPOTENTIAL_COLLAPSE && a.status() == AlertStatus.FIRING)
                .findFirst()
                .orElseThrow();
        assertThat(alert.evidence().get("shortResistanceOhm")).isCloseTo(171, within(0.15 * 171));
        assertThat(alert.message()).doesNotContain("follows");
    }

    @Test
    void anOffsetPairIsToldFromAShortByTheOtherDirectionsLastHalfCycle() {
        OffsetPair pair = new OffsetPair();
        pair.closed(true, 1.25); // plating raised by a quarter
        assertThat(pair.explainsFall(false, 0.75))
                .as("stripping lowered by as much: an offset")
                .isTrue();
        assertThat(pair.explainsFall(false, 0.3))
                .as("a fall far deeper than the other's rise: a short")
                .isFalse();
        pair.closed(true, 1.0);
        assertThat(pair.explainsFall(false, 0.75))
                .as("the other direction at its level: a short")
                .isFalse();
        pair.closed(false, 0.75);
        assertThat(pair.raisedByOffset(true, 1.25, 0.075)).isTrue();
        assertThat(pair.raisedByOffset(true, 1.05, 0.075))
                .as("within the scatter")
                .isFalse();
        pair.closed(false, 1.0);
        assertThat(pair.raisedByOffset(true, 1.25, 0.075))
                .as("a rise of its own")
                .isFalse();
    }
}
