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
     * The same charge falling 2 mV a row under the charge current: over the slope window that is a fraction of -0.25
     * of the usual climb, more than two of its uncertainties under zero. The cell is drained into the short beside
     * the charge current, by a current the slope does not read (it goes with the cell's electromotive force behind
     * its resistance, not with a curve the healthy cell never ran on): before, the leak was stated as the current ±
     * 25 %, where pins at 8-78 mV still gave up another 4-36 % of it. It stalls at 3.60 V, and falls to 3.46 V, above the
     * 3.45 V the cell rested at after its discharge: a charge falling under that is read by the drain rule first
     * ({@link DrainedUnderChargeTest}), with the same bound.
     */
    @Test
    void aChargeStillFallingStatesOnlyThatTheLeakIsOverTheCurrent() {
        for (int c = 1; c <= 12; c++) {
            cycle(c, false);
        }
        cycle(13, true, 3.60, 0.002);
        DetectorHarness run = new DetectorHarness().run(detector, channel, rows.samples, false);

        assertThat(run.alerts).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.IMMINENT_SHORT);
            assertThat(alert.evidence().get("slopeFraction")).isNegative();
            assertThat(alert.evidence()).containsEntry("leakCurrentLowerBoundA", CURRENT_A);
            assertThat(alert.evidence()).containsKey("shortResistanceUpperBoundOhm");
            assertThat(alert.evidence()).doesNotContainKeys("leakCurrentA", "shortResistanceOhm");
        });
    }

    private void cycle(int c, boolean stalled) {
        cycle(c, stalled, 2.90, 0);
    }

    /**
     * One cycle: a constant-current charge climbing 3.50 to 3.80 V; where {@code stalled}, the voltage holds at {@code
     * stalledV} (less {@code fallPerRowV} a row) for twice the usual charge; otherwise a rest and a discharge of the charge.
     */
    private void cycle(int c, boolean stalled, double stalledV, double fallPerRowV) {
        double chargedAh = 0;
        int chargeRows = stalled ? 2 * CC_ROWS : CC_ROWS;
        for (int i = 1; i <= chargeRows; i++) {
            chargedAh += CURRENT_A * ROW_S / 3600;
            double v = stalled ? stalledV - fallPerRowV * i : 3.50 + 0.30 * i / CC_ROWS;
            rows.row(c, 1, StepType.CHARGE, v + (i % 2 == 0 ? SCATTER_V : -SCATTER_V), CURRENT_A, chargedAh, 0);
        }
        if (stalled) {
            return;
        }
        rows.restAndDischarge(c, chargedAh, CURRENT_A);
    }
}
