package io.cellwatch.streams.detect.fade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.model.AlertKind;
import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Severity;
import io.cellwatch.model.TestProtocol;
import io.cellwatch.streams.detect.CycleSummaries;
import io.cellwatch.streams.detect.DetectorHarness;
import io.cellwatch.streams.detect.HealthReading;
import io.cellwatch.streams.detect.profile.ProfileSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CapacityFadeDetectorTest {
    private final CapacityFadeDetector detector = new CapacityFadeDetector(ProfileSelector.standard());
    private final SplittableRandom noise = new SplittableRandom(9);

    private static ChannelInfo fullCell(String chemistry) {
        return new ChannelInfo(
                1,
                "cell",
                CellType.FULL,
                chemistry,
                null,
                null,
                null,
                TestProtocol.CYCLING,
                CeConvention.DISCHARGE_OVER_CHARGE);
    }

    private List<CycleSummary> fading(int cycles, double fadePerCycle, boolean diagnostics) {
        List<CycleSummary> out = new ArrayList<>();
        for (int c = 1; c <= cycles; c++) {
            double q = 3.76 * (1 - fadePerCycle * (c - 1)) * (1 + 0.001 * noise.nextGaussian());
            if (diagnostics && c % 100 == 0) {
                out.add(CycleSummaries.of("cell", c, 1.25 * q, 1.24 * q)); // slow diagnostic: both deeper
            } else {
                out.add(CycleSummaries.of("cell", c, q / 0.999, q));
            }
        }
        return out;
    }

    @Test
    void aCellLosingNearlyOnePercentPerCycleRaisesAWarningWithFadeRateAndProjection() {
        // beep's 0001B9 cell: 3.76 Ah to 1.84 Ah over 57 cycles, ~0.9 %/cycle.
        DetectorHarness run = new DetectorHarness().run(detector, fullCell("NCM|graphite"), fading(60, 0.009, false));
        assertThat(run.alerts).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.CAPACITY_FADE);
            assertThat(alert.severity()).isEqualTo(Severity.WARNING);
            // 1 first cycle skipped, 15 in the fit, then 5 cycles above the limit in a row.
            assertThat(alert.cycleIndex()).isBetween(17, 25);
            assertThat(alert.evidence().get("fadePerCycle")).isCloseTo(0.009, within(0.001));
            assertThat(alert.evidence().get("maxFadePerCycle")).isEqualTo(0.005);
            assertThat(alert.evidence()).containsKeys("retention", "cyclesToEndOfLife", "referenceDischargeAh");
            assertThat(alert.message()).contains("%/cycle").contains("to 80 %");
        });
        assertThat(run.readings.get(HealthReading.CAPACITY_RETENTION)).isCloseTo(1 - 0.009 * 58, within(0.02));
        assertThat(run.readings.get(HealthReading.FADE_PER_CYCLE)).isCloseTo(0.009, within(0.001));
    }

    @Test
    void healthyFadeWithDiagnosticCyclesStaysQuietAndRetentionFollowsIt() {
        // Seed 001's LFP cell: 81.7 % after 1300 cycles, a slow diagnostic cycle every 100.
        DetectorHarness run =
                new DetectorHarness().run(detector, fullCell("LFP|QCPE@P-DOL|Li"), fading(1300, 0.183 / 1300, true));
        assertThat(run.alerts).isEmpty();
        assertThat(run.readings.get(HealthReading.CAPACITY_RETENTION)).isCloseTo(0.817, within(0.01));
        assertThat(run.readings.get(HealthReading.FADE_PER_CYCLE)).isCloseTo(0.000141, within(0.00005));
    }

    @Test
    void theLimitIsTheProfilesLithiumMetalCellsMayFadeFasterThanLiIon() {
        List<CycleSummary> cycles = fading(80, 0.007, false);
        assertThat(new DetectorHarness().run(detector, fullCell("NCM622|graphite"), cycles).alerts)
                .hasSize(1);
        assertThat(new DetectorHarness().run(detector, fullCell("NCM622|Li6PS5Cl|Li"), cycles).alerts)
                .isEmpty();
    }
}
