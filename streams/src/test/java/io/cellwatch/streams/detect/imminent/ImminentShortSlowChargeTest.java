package io.cellwatch.streams.detect.imminent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.TestProtocol;
import io.cellwatch.streams.detect.DetectorHarness;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import org.junit.jupiter.api.Test;

/**
 * A slow charge (a C/20 diagnostic among faster charges) on a cell whose leak is as large as its
 * whole current: the voltage is pinned, and the charge never ends. No recent charge bounds it (a
 * slower charge reaches deeper); the capacity the lab declared does.
 */
class ImminentShortSlowChargeTest {
    private static final double CAPACITY_AH = 3.0e-3;
    private final ImminentShortDetector detector = new ImminentShortDetector(ProfileSelector.standard());

    private static ChannelInfo declaring(String channelId, Double nominalAh) {
        return new ChannelInfo(
                ChannelInfo.SCHEMA_VERSION,
                channelId,
                CellType.FULL,
                null,
                null,
                null,
                nominalAh,
                TestProtocol.CYCLING,
                CeConvention.DISCHARGE_OVER_CHARGE);
    }

    /** Twenty constant-current 2C cycles (a fifth of the capacity left unreached at the top), then a C/20 cycle. */
    private static PlateauCell slowChargeAfterFastCycling(double slowLeak) {
        PlateauCell cell = new PlateauCell(CAPACITY_AH);
        for (int c = 1; c <= 20; c++) {
            cell.cycle(c, 2, 0);
        }
        return cell.cycle(21, 0.05, slowLeak);
    }

    @Test
    void aSlowChargePinnedByALeakAsLargeAsItsCurrentFiresPastOneAndAHalfTimesTheDeclaredCapacity() {
        PlateauCell cell = slowChargeAfterFastCycling(0.95);
        DetectorHarness run =
                new DetectorHarness().run(detector, declaring("plateau", CAPACITY_AH), cell.samples(), false);

        assertThat(run.alerts).singleElement().satisfies(alert -> {
            assertThat(alert.cycleIndex()).isEqualTo(21);
            assertThat(alert.evidence().get("declaredCapacityAh")).isEqualTo(CAPACITY_AH);
            assertThat(alert.evidence().get("chargeAh")).isBetween(1.5 * CAPACITY_AH, 1.6 * CAPACITY_AH);
            assertThat(alert.evidence().get("slopeFraction")).isLessThan(0.5);
            assertThat(alert.message()).contains("declared capacity");
        });
        // Without a declared capacity, nothing bounds a charge slower than all the recent ones.
        assertThat(new DetectorHarness().run(detector, declaring("plateau", null), cell.samples(), false).alerts)
                .isEmpty();
    }

    @Test
    void aHealthySlowChargeReachingFarDeeperThanTheFastOnesEndsUnderTheDeclaredCapacityAndIsQuiet() {
        PlateauCell cell = slowChargeAfterFastCycling(0);
        for (int c = 22; c <= 30; c++) {
            cell.cycle(c, 2, 0);
        }
        // What the data shows: the slow charge took far more than a fast one, more than the fast charges' bound.
        assertThat(cell.chargedAh(21)).isGreaterThan(1.2 * cell.chargedAh(20));
        // A lab declaring a third under what the cell holds is still inside the bound.
        assertThat(new DetectorHarness()
                        .run(detector, declaring("plateau", CAPACITY_AH / 1.3), cell.samples(), false)
                        .alerts)
                .isEmpty();
    }
}
