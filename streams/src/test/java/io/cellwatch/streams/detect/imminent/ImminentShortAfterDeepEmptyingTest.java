package io.cellwatch.streams.detect.imminent;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.AlertKind;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.streams.detect.DetectorHarness;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import org.junit.jupiter.api.Test;

/** The charge after a slow diagnostic discharge puts back what that discharge took, past the usual charge. */
class ImminentShortAfterDeepEmptyingTest {
    private static final double CAPACITY_AH = 3.0e-3;
    private final ImminentShortDetector detector = new ImminentShortDetector(ProfileSelector.standard());
    private final ChannelInfo channel = ChannelInfo.defaultsFor("plateau");

    /** Twenty 2C cycles, then a C/10 diagnostic cycle. */
    private static PlateauCell throughADiagnostic() {
        PlateauCell cell = new PlateauCell(CAPACITY_AH);
        for (int c = 1; c <= 20; c++) {
            cell.cycle(c, 2, 0);
        }
        return cell.cycle(21, 0.1, 0);
    }

    @Test
    void theChargeAfterADeeperDiagnosticDischargeRunsPastTheUsualOnItsPlateauAndIsQuiet() {
        PlateauCell cell = throughADiagnostic();
        for (int c = 22; c <= 30; c++) {
            cell.cycle(c, 2, 0);
        }
        // What the data shows: the diagnostic discharge took far more than a 2C charge puts in, and the 2C charge
        // after it took that much more than the usual one, still on its plateau where the usual one ended.
        assertThat(cell.dischargedAh(21)).isGreaterThan(1.4 * cell.chargedAh(20));
        assertThat(cell.chargedAh(22)).isGreaterThan(1.2 * cell.chargedAh(20));
        assertThat(new DetectorHarness().run(detector, channel, cell.samples(), false).alerts)
                .isEmpty();
    }

    @Test
    void aLeakRightAfterTheDiagnosticIsCaughtOnceTheChargePassesWhatTheDischargeTookOut() {
        PlateauCell cell = throughADiagnostic();
        cell.cycle(22, 2, 0.9); // a short taking 90 % of the current: the charge never reaches its limit
        DetectorHarness run = new DetectorHarness().run(detector, channel, cell.samples(), false);

        assertThat(run.alerts).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.IMMINENT_SHORT);
            assertThat(alert.cycleIndex()).isEqualTo(22);
            double emptied = alert.evidence().get("emptiedBeforeChargeAh");
            assertThat(emptied).isCloseTo(cell.dischargedAh(21), org.assertj.core.data.Percentage.withPercentage(1));
            assertThat(alert.evidence().get("chargeAh")).isBetween(emptied, 1.1 * emptied);
        });
    }

    @Test
    void aLeakAfterAnOrdinaryDischargeIsStillJudgedFromTheUsualCharge() {
        PlateauCell cell = new PlateauCell(CAPACITY_AH);
        for (int c = 1; c <= 20; c++) {
            cell.cycle(c, 2, 0);
        }
        cell.cycle(21, 2, 0.9);
        DetectorHarness run = new DetectorHarness().run(detector, channel, cell.samples(), false);

        assertThat(run.alerts).singleElement().satisfies(alert -> {
            assertThat(alert.cycleIndex()).isEqualTo(21);
            assertThat(alert.evidence().get("chargeAh")).isBetween(cell.chargedAh(20), 1.1 * cell.chargedAh(20));
        });
    }
}
