package io.cellwatch.streams.detect.imminent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import io.cellwatch.streams.detect.DetectorHarness;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import org.junit.jupiter.api.Test;

/**
 * A hard short striking in a charge's constant-voltage taper: the voltage falls over a volt between two rows and
 * the current jumps back to the charge current, and the charge crosses its usual size a row later, on a step that
 * falls a few millivolts. The recent dV/dQ window, a tenth of a charge, was measured across the taper's flat
 * voltage: read as the estimate, it puts the leak at exactly the current and R at V/I, which is only the bound.
 */
class ImminentShortDrainedInTaperTest {
    private static final double CURRENT_A = 1e-3;
    private static final double ROW_S = 30;
    private static final int CC_ROWS = 24;

    private final ImminentShortDetector detector = new ImminentShortDetector(ProfileSelector.standard());
    private final ChannelInfo channel = ChannelInfo.defaultsFor("cell");
    private final CycleRows rows = new CycleRows(ROW_S);

    @Test
    void aCellDrainedSinceTheWindowClosedGetsOnlyTheBoundNotVOverIForItsResistance() {
        for (int c = 1; c <= 12; c++) {
            cycle(c, 11, false);
        }
        cycle(13, 7, true);
        DetectorHarness run = new DetectorHarness().run(detector, channel, rows.samples, false);

        assertThat(run.alerts).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.IMMINENT_SHORT);
            assertThat(alert.cycleIndex()).isEqualTo(13);
            // Fired on the row after the fall, which itself fell only 11 mV.
            assertThat(alert.evidence().get("voltageV")).isEqualTo(2.68);
            assertThat(alert.evidence()).containsKey("leakCurrentLowerBoundA").doesNotContainKey("shortResistanceOhm");
            assertThat(alert.evidence().get("shortResistanceUpperBoundOhm")).isEqualTo(2.68 / CURRENT_A);
            assertThat(alert.message()).contains("leak over").contains("short under");
            // Read from the row the fall began at: the taper's last, not the fall's own step, nor the window's first
            // row, further back in the taper.
            assertThat(alert.evidence().get("estimateFromTestTimeS")).isEqualTo(fallTestTimeS(alert) - ROW_S);
        });
    }

    private double fallTestTimeS(Alert alert) {
        return rows.samples.stream()
                .filter(s -> s.cycleIndex() == 13 && s.voltageV() < 3)
                .mapToDouble(Sample::testTimeS)
                .min()
                .orElseThrow();
    }

    /**
     * One cycle: a constant-current charge climbing 3.50 to 3.80 V, a taper at 3.80 V of {@code taperRows} rows
     * (the current falling by a tenth a row), then, where {@code shorted}, the fall to 2.69 V under the charge
     * current and one row more at 2.68 V; otherwise a rest and a discharge of the charge.
     */
    private void cycle(int c, int taperRows, boolean shorted) {
        double chargedAh = 0;
        for (int i = 1; i <= CC_ROWS; i++) {
            chargedAh += CURRENT_A * ROW_S / 3600;
            rows.row(c, 1, StepType.CHARGE, 3.50 + 0.30 * i / CC_ROWS, CURRENT_A, chargedAh, 0);
        }
        double current = CURRENT_A;
        for (int i = 1; i <= taperRows; i++) {
            current *= 0.9;
            chargedAh += current * ROW_S / 3600;
            rows.row(c, 2, StepType.CHARGE, 3.80, current, chargedAh, 0);
        }
        if (shorted) {
            for (double v : new double[] {2.69, 2.68}) {
                chargedAh += CURRENT_A * ROW_S / 3600;
                rows.row(c, 2, StepType.CHARGE, v, CURRENT_A, chargedAh, 0);
            }
            return;
        }
        rows.restAndDischarge(c, chargedAh, CURRENT_A);
    }
}
