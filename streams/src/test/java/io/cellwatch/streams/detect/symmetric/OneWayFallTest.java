package io.cellwatch.streams.detect.symmetric;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;

/**
 * A Li|Li cell plated one way, loop after loop (an hour each at 0.2 mA/cm², 80 mV, 1 mV of noise, a
 * sample a minute), as a plating-to-short test runs: its current never reverses, so the two-way
 * collapse rule never gets its second direction.
 */
class OneWayFallTest {
    private static final ChannelInfo CELL = new ChannelInfo(
            1,
            "plating",
            CellType.SYMMETRIC,
            "Li|LiTFSI TEGDME|Li",
            1.0,
            null,
            null,
            TestProtocol.CYCLING,
            CeConvention.DISCHARGE_OVER_CHARGE);

    private static List<Alert> collapses(SyntheticSymmetricCell cell) {
        return new DetectorHarness()
                .run(new OverpotentialDetector(ProfileSelector.standard()), CELL, cell.samples(), true).alerts.stream()
                        .filter(a -> a.kind() == AlertKind.OVERPOTENTIAL_COLLAPSE || a.kind() == AlertKind.HARD_SHORT)
                        .filter(a -> a.status() == AlertStatus.FIRING)
                        .toList();
    }

    @Test
    void aFallToThreeFifthsInTwoLoopsRunningWarnsAndSaysNoReversalCanDecide() {
        SyntheticSymmetricCell cell = new SyntheticSymmetricCell("plating", 1.0, 60, 31);
        for (int loop = 1; loop <= 16; loop++) {
            double eta = loop <= 12 ? 0.080 : 0.048;
            cell.half(loop, true, 0.2, 3600, t -> eta, t -> 0.001);
        }

        assertThat(collapses(cell)).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.WARNING);
            assertThat(a.cycleIndex()).isEqualTo(14);
            assertThat(a.message()).contains("never reverses");
        });
    }

    @Test
    void oneLoopFallenAloneIsNotEnough() {
        SyntheticSymmetricCell cell = new SyntheticSymmetricCell("plating", 1.0, 60, 32);
        for (int loop = 1; loop <= 16; loop++) {
            double eta = loop == 13 ? 0.048 : 0.080;
            cell.half(loop, true, 0.2, 3600, t -> eta, t -> 0.001);
        }

        assertThat(collapses(cell)).isEmpty();
    }

    @Test
    void aCellWhoseCurrentReversesIsLeftToTheTwoWayRules() {
        // Both directions fall to three fifths from cycle 13: the two-way rules' critical, not this warning.
        SyntheticSymmetricCell cell = new SyntheticSymmetricCell("plating", 1.0, 60, 33);
        for (int c = 1; c <= 16; c++) {
            double eta = c <= 12 ? 0.080 : 0.048;
            cell.half(c, true, 0.2, 3600, t -> eta, t -> 0.001);
            cell.half(c, false, 0.2, 3600, t -> eta, t -> 0.001);
        }

        assertThat(collapses(cell)).isNotEmpty().allSatisfy(a -> {
            assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(a.message()).doesNotContain("never reverses");
        });
    }
}
