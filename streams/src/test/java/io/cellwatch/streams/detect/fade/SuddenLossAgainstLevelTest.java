package io.cellwatch.streams.detect.fade;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Alert;
import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.TestProtocol;
import io.cellwatch.streams.detect.CycleSummaries;
import io.cellwatch.streams.detect.DetectorHarness;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sudden-loss rule against the level the cell last held under a cycle's own conditions: cycles
 * written here as a cycler would summarise them (capacities, step durations from the currents, end
 * voltages, the chamber's temperature).
 */
class SuddenLossAgainstLevelTest {
    private final CapacityFadeDetector detector = new CapacityFadeDetector(ProfileSelector.standard());
    private final SplittableRandom noise = new SplittableRandom(3);
    private final List<CycleSummary> cycles = new ArrayList<>();

    private static final ChannelInfo CELL = new ChannelInfo(
            1,
            "cell",
            CellType.FULL,
            "NCM|graphite",
            null,
            null,
            null,
            TestProtocol.CYCLING,
            CeConvention.DISCHARGE_OVER_CHARGE);

    /**
     * Appends {@code n} cycles of {@code capacityAh} (CE 99.9 %), the charge at {@code chargeA} held
     * {@code chargeStretch} times as long as the current needs (a paused charge: same charge, longer
     * step), the discharge at {@code dischargeA}, in a chamber at {@code temperatureC}.
     */
    private void cycles(
            int n, double capacityAh, double chargeA, double chargeStretch, double dischargeA, double temperatureC) {
        for (int i = 0; i < n; i++) {
            int index = cycles.size() + 1;
            double qd = capacityAh * (1 + 0.002 * noise.nextGaussian());
            double qc = qd / 0.999;
            double temperature = temperatureC + 0.3 * noise.nextGaussian();
            cycles.add(CycleSummaries.of(
                    "cell",
                    index,
                    index * 10_000.0,
                    index * 10_000.0 + 9_000,
                    qc,
                    qd,
                    chargeStretch * 3600 * qc / chargeA,
                    3600 * qd / dischargeA,
                    3.0,
                    temperature,
                    true));
        }
    }

    private void cycles(int n, double capacityAh, double dischargeA, double temperatureC) {
        cycles(n, capacityAh, 1.0, 1.0, dischargeA, temperatureC);
    }

    private List<Alert> alerts() {
        return new DetectorHarness().run(detector, CELL, cycles).alerts;
    }

    @Test
    void aLossInAWarmerChamberIsSeenAgainstTheCyclesAlreadyRunThere() {
        cycles(20, 2.0, 1.0, 25);
        cycles(12, 2.5, 1.0, 45); // 20 K warmer: +25 %, learnt there as a new protocol
        cycles(5, 0.7 * 2.5, 1.0, 45);

        assertThat(alerts()).first().satisfies(alert -> {
            assertThat(alert.message()).contains("Sudden capacity loss").contains("against cycles 21–32");
            assertThat(alert.cycleIndex()).isEqualTo(35);
            assertThat(alert.evidence().get("sinceCycle")).isEqualTo(33.0);
            assertThat(alert.evidence().get("usualTemperatureC")).isBetween(44.0, 46.0);
        });
    }

    @Test
    void aLossThatCameWithAWarmingStepIsSeenAtOnceAgainstTheCoolerCycles() {
        cycles(20, 2.0, 1.0, 25);
        // 14 K warmer and 22 % down: warming explains a gain, never a loss, so this is not learnt as the
        // new chamber's level.
        cycles(12, 0.78 * 2.0, 1.0, 39);

        assertThat(alerts()).first().satisfies(alert -> {
            assertThat(alert.message()).contains("Sudden capacity loss").contains("against cycles 2–20");
            assertThat(alert.evidence().get("sinceCycle")).isEqualTo(21.0);
            assertThat(alert.cycleIndex()).isLessThanOrEqualTo(23);
        });
    }

    @Test
    void aWarmingStepThatRaisesTheCapacityAndACoolingOneThatLowersItAreNotLosses() {
        cycles(20, 2.0, 1.0, 25);
        cycles(10, 1.2 * 2.0, 1.0, 45); // 20 K warmer: more
        cycles(10, 2.0, 1.0, 25); // back
        cycles(10, 0.8 * 2.0, 1.0, 5); // 20 K colder: less
        cycles(10, 2.0, 1.0, 25); // back

        assertThat(alerts()).isEmpty();
    }

    @Test
    void aLossTwoCyclesAfterAFasterDischargeIsSeenAgainstTheCyclesAtTheNewRate() {
        cycles(20, 2.0, 1.0, 25);
        cycles(2, 1.96, 1.2, 25); // 20 % faster: 2 % less
        cycles(5, 0.7 * 1.96, 1.2, 25);

        assertThat(alerts()).first().satisfies(alert -> {
            assertThat(alert.message()).contains("against cycles 21–22");
            assertThat(alert.cycleIndex()).isEqualTo(25);
        });
    }

    @Test
    void aLossOneCycleBeforeARateTwiceAsFastIsReported() {
        cycles(20, 2.0, 1.0, 25);
        cycles(1, 0.67 * 2.0, 1.0, 1.0, 1.0, 25); // the loss, under the usual conditions
        cycles(8, 0.63 * 2.0, 2.0, 1.0, 2.0, 25); // then the lab doubles both currents, for good

        assertThat(alerts()).first().satisfies(alert -> {
            assertThat(alert.message())
                    .contains("Sudden capacity loss")
                    .contains("reached no more than they had lost to");
            assertThat(alert.evidence().get("sinceCycle")).isEqualTo(21.0);
            assertThat(alert.cycleIndex()).isEqualTo(23);
        });
    }

    @Test
    void aOneCycleDipBeforeAFasterRateIsNoLossWhenTheFasterCyclesReachOverIt() {
        cycles(20, 2.0, 1.0, 25);
        cycles(1, 0.7 * 2.0, 1.0, 1.0, 1.0, 25); // a contact glitch for one cycle
        cycles(10, 0.82 * 2.0, 2.0, 1.0, 2.0, 25); // twice as fast: 18 % less, over the dip

        assertThat(alerts()).isEmpty();
    }

    @Test
    void pausedChargesAmongTheUsualCyclesDoNotHideALoss() {
        // A charge paused for hours has the same charge over a longer step: its mean current reads low.
        for (int block = 0; block < 5; block++) {
            cycles(3, 2.0, 1.0, 1.0, 1.0, 25);
            cycles(1, 2.0, 1.0, 6.0, 1.0, 25);
        }
        cycles(5, 0.7 * 2.0, 1.0, 25);

        assertThat(alerts())
                .first()
                .satisfies(alert -> assertThat(alert.cycleIndex()).isEqualTo(23));
    }

    @Test
    void aLossThatCameWithAColdSpellIsSeenWhenTheChamberReturnsWithoutTheCapacity() {
        cycles(20, 2.0, 1.0, 25);
        cycles(10, 0.6 * 2.0, 1.0, 10); // colder, and lost: the two cannot be told apart here
        cycles(5, 0.7 * 2.0, 1.0, 25); // back at 25 °C, 30 % short of what it held there

        assertThat(alerts()).first().satisfies(alert -> {
            assertThat(alert.message()).contains("against cycles 2–20").contains("since cycle 31");
            assertThat(alert.cycleIndex()).isEqualTo(33);
        });
    }

    @Test
    void chamberStepsAndRateChangesThatComeBackAreNotLosses() {
        cycles(20, 2.0, 1.0, 25);
        cycles(10, 0.75 * 2.0, 1.0, 5); // 20 K colder
        cycles(10, 2.0, 1.0, 25);
        cycles(10, 0.7 * 2.0, 1.5, 25); // 50 % faster
        cycles(10, 2.0, 1.0, 25);
        cycles(10, 1.2 * 2.0, 0.5, 25); // half the rate: deeper

        assertThat(alerts()).isEmpty();
    }

    @Test
    void anAnodeFreeCellFadingByItsCoulombicLossAcrossAChamberStepIsNotALoss() {
        // 1.5 % a cycle while healthy (no reservoir); 10 cycles 20 K colder in between: the level at 25 °C
        // is 15 % lower when the chamber returns, which the fade it is allowed explains.
        ChannelInfo anodeFree = new ChannelInfo(
                1,
                "cell",
                CellType.FULL,
                "NCM811|LHCE|Cu",
                null,
                null,
                null,
                TestProtocol.CYCLING,
                CeConvention.DISCHARGE_OVER_CHARGE);
        for (int c = 0; c < 40; c++) {
            double q = 2.0 * Math.pow(0.985, c) * (c >= 15 && c < 25 ? 0.8 : 1.0);
            int index = cycles.size();
            cycles(1, q, 1.0, c >= 15 && c < 25 ? 5 : 25);
            CycleSummary last = cycles.get(index);
            cycles.set(index, withCharge(last, last.dischargeAh() / 0.985));
        }

        assertThat(new DetectorHarness().run(detector, anodeFree, cycles).alerts)
                .isEmpty();
    }

    /** A solid-state cell with a Li-In anode: the lithium-metal profile, allowed 1 % fade a cycle. */
    private static final ChannelInfo LI_IN = new ChannelInfo(
            1,
            "cell",
            CellType.FULL,
            "NCM622|Li6PS5Cl|Li-In",
            null,
            null,
            null,
            TestProtocol.CYCLING,
            CeConvention.DISCHARGE_OVER_CHARGE);

    @Test
    void aLossJustBeforeALongColdSpellIsSeenWhenTheChamberReturnsWithoutTheCapacity() {
        cycles(20, 2.0, 1.0, 25);
        cycles(1, 0.7 * 2.0, 1.0, 25); // lost, at the usual conditions
        cycles(16, 0.7 * 0.85 * 2.0, 1.0, 10); // then 15 K colder, and steady there
        cycles(5, 0.7 * 2.0, 1.0, 25); // back: still 30 % short

        // The 16 cold cycles held steady: they do not allow the 16 % fade the profile's limit would.
        assertThat(new DetectorHarness().run(detector, LI_IN, cycles).alerts)
                .first()
                .satisfies(alert -> {
                    assertThat(alert.message()).contains("against cycles 2–20").contains("since cycle 21");
                    assertThat(alert.cycleIndex()).isEqualTo(39);
                    assertThat(alert.evidence().get("thresholdShift"))
                            .isLessThan(0.25); // 0.34 with the profile's limit for every cycle away
                });
    }

    @Test
    void aLossInsideAColdSpellWhoseChargesRanFasterIsSeenWhenTheChamberReturns() {
        cycles(20, 2.0, 1.0, 25);
        cycles(10, 0.8 * 2.0, 1.0, 1.0, 1.0, 2); // 23 K colder
        // Lost in the cold; a constant-voltage tail shorter with less to charge: the mean charge current 10 % up.
        cycles(8, 0.67 * 0.8 * 2.0, 1.0, 0.9, 1.0, 2);
        cycles(5, 0.67 * 2.0, 1.0, 25);

        assertThat(new DetectorHarness().run(detector, LI_IN, cycles).alerts)
                .first()
                .satisfies(alert -> {
                    assertThat(alert.message()).contains("against cycles 2–20").contains("since cycle 39");
                    assertThat(alert.cycleIndex()).isEqualTo(41);
                });
    }

    @Test
    void aCellSeenFadingThroughAColdSpellIsAllowedWhatItLostThere() {
        // 0.9 % a cycle, under the lithium-metal limit, through 20 cycles 15 K colder: back at 25 °C it holds
        // 17 % less than when it left. The cold cycles showed it losing that, cycle by cycle: the level it held
        // at 25 °C is forgotten once that reaches a step's worth, not judged against.
        for (int c = 0; c < 50; c++) {
            boolean cold = c >= 20 && c < 40;
            cycles(1, 2.0 * Math.pow(0.991, c) * (cold ? 0.85 : 1.0), 1.0, cold ? 10 : 25);
        }

        assertThat(new DetectorHarness().run(detector, LI_IN, cycles).alerts).isEmpty();
    }

    private static CycleSummary withCharge(CycleSummary c, double chargeAh) {
        return new CycleSummary(
                c.schemaVersion(),
                c.channelId(),
                c.cycleIndex(),
                c.startTestTimeS(),
                c.endTestTimeS(),
                c.endWallTimeMs(),
                c.sampleCount(),
                chargeAh,
                c.dischargeAh(),
                chargeAh * 3.7,
                c.dischargeWh(),
                c.dischargeAh() / chargeAh,
                c.meanChargeVoltageV(),
                c.meanDischargeVoltageV(),
                3600 * chargeAh,
                c.dischargeDurationS(),
                c.endOfChargeVoltageV(),
                c.endOfDischargeVoltageV(),
                c.maxTemperatureC(),
                c.capacitySource(),
                c.complete(),
                c.stepsEndTestTimeS(),
                c.priorStepsEndTestTimeS());
    }
}
