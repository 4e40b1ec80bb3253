package io.cellwatch.streams.detect.imminent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.AlertKind;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.StepType;
import io.cellwatch.streams.detect.DetectorHarness;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import org.junit.jupiter.api.Test;

/**
 * A charge that stalls: a short has drained the cell far under where its charges start and takes the whole charge
 * current, and the voltage holds, read with a cycler's millivolt of scatter (the charge is off the usual curve, so
 * its leak is read from its slope). The recent dV/dQ is the difference of two such readings over a tenth of a charge, so it
 * tells the stall from a slow climb only to that scatter over the climb a usual charge makes across the window.
 */
class ImminentShortStalledChargeTest {
    private static final double CURRENT_A = 1e-3;
    private static final double ROW_S = 30;
    /** A usual charge: 36 rows climbing 3.50 to 3.80 V, so the slope window (a tenth of it) closes every 4 rows. */
    private static final int CC_ROWS = 36;
    /** A reading's scatter about the cell's voltage, alternating row by row. */
    private static final double SCATTER_V = 0.001;

    private final ImminentShortDetector detector = new ImminentShortDetector(ProfileSelector.standard());
    private final ChannelInfo channel = ChannelInfo.defaultsFor("cell");
    private final CycleRows rows = new CycleRows(ROW_S);

    @Test
    void aStalledChargesLeakIsKnownOnlyToWhatTheReadingsScatterLetsTheSlopeTell() {
        for (int c = 1; c <= 12; c++) {
            cycle(c, false);
        }
        cycle(13, true);
        DetectorHarness run = new DetectorHarness().run(detector, channel, rows.samples, false);

        assertThat(run.alerts).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.IMMINENT_SHORT);
            // The window's two ends read the same (the scatter's phase), so the slope is zero as read.
            assertThat(alert.evidence().get("slopeFraction")).isZero();
            // Before, a slope of zero stated the leak as the current exactly (± 0): a cell still draining a few per
            // cent of the current into the short lay any number of σ away. The window's slope is known to √2 of
            // the reading scatter over the 30 mV a usual charge climbs across the window: some per cent of I.
            double leakSigmaA = alert.evidence().get("leakCurrentUncertaintyA");
            assertThat(leakSigmaA).isGreaterThan(0.02 * CURRENT_A).isLessThan(0.5 * CURRENT_A);
            assertThat(alert.evidence().get("leakCurrentA")).isEqualTo(CURRENT_A);
            assertThat(alert.evidence()).containsKey("shortResistanceOhm");
        });
    }

    /**
     * One cycle: a constant-current charge climbing 3.50 to 3.80 V; where {@code stalled}, the voltage holds at 2.90 V
     * for twice the usual charge; otherwise a rest and a discharge of the charge.
     */
    private void cycle(int c, boolean stalled) {
        double chargedAh = 0;
        int chargeRows = stalled ? 2 * CC_ROWS : CC_ROWS;
        for (int i = 1; i <= chargeRows; i++) {
            chargedAh += CURRENT_A * ROW_S / 3600;
            double v = stalled ? 2.90 : 3.50 + 0.30 * i / CC_ROWS;
            rows.row(c, 1, StepType.CHARGE, v + (i % 2 == 0 ? SCATTER_V : -SCATTER_V), CURRENT_A, chargedAh, 0);
        }
        if (stalled) {
            return;
        }
        rows.restAndDischarge(c, chargedAh, CURRENT_A);
    }
}
