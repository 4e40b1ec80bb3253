package io.cellwatch.streams.detect.softshort;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.CycleSummary.CapacitySource;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.testing.TestChannels;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CapacityDivergenceDetectorTest {
    private final CapacityDivergenceDetector detector =
            new CapacityDivergenceDetector(CapacityDivergenceSettings.defaults());
    private final ChannelInfo channel = ChannelInfo.defaultsFor("li-in");
    private final CapacityDivergenceState state = detector.newState(channel);
    private final SplittableRandom noise = new SplittableRandom(11);

    private static CycleSummary cycle(int index, double qc, double qd) {
        return new CycleSummary(
                1,
                "li-in",
                index,
                index * 8000.0,
                index * 8000.0 + 7900,
                null,
                300,
                qc,
                qd,
                qc * 3.6,
                qd * 3.5,
                qd / qc,
                3.6,
                3.5,
                3900,
                3600,
                3.68,
                2.1,
                25.0,
                CapacitySource.CYCLER_COUNTERS,
                true,
                null,
                null);
    }

    private List<Alert> feed(int index, double qc, double qd) {
        return detector.onCycle(state, cycle(index, qc, qd), channel, io.cellwatch.streams.detect.ReadingSink.NONE);
    }

    private double jitter() {
        return 1 + 0.002 * (noise.nextDouble() - 0.5);
    }

    @Test
    void liInDivergenceFiresAWarningOnTheSecondDivergentCycleThenEscalates() {
        List<Alert> alerts = new ArrayList<>();
        for (int c = 860; c <= 890; c++) {
            alerts.addAll(feed(c, 3.145e-3 * jitter(), 3.14e-3 * jitter()));
        }
        assertThat(alerts).isEmpty();
        // From 891 a leak of f: charge Q/(1-f), discharge Q/(1+f)
        double[] leak = {0.04, 0.08, 0.12, 0.18};
        List<Alert> perCycle = new ArrayList<>();
        for (int i = 0; i < leak.length; i++) {
            List<Alert> out = feed(891 + i, 3.14e-3 / (1 - leak[i]), 3.14e-3 / (1 + leak[i]));
            perCycle.addAll(out);
            if (i == 0) {
                assertThat(out).as("one divergent cycle is not yet a trend").isEmpty();
            }
        }
        assertThat(perCycle).hasSizeGreaterThanOrEqualTo(2);
        Alert first = perCycle.get(0);
        assertThat(first.cycleIndex()).isEqualTo(892);
        assertThat(first.kind()).isEqualTo(AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE);
        assertThat(first.severity()).isEqualTo(Severity.WARNING);
        assertThat(first.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(first.alertId()).isEqualTo("li-in/soft_short_capacity_divergence/892");
        assertThat(first.evidence())
                .containsKeys(
                        "chargeAh",
                        "dischargeAh",
                        "baselineChargeAh",
                        "baselineDischargeAh",
                        "chargeThresholdFraction");
        assertThat(first.evidence().get("chargeRiseFraction")).isGreaterThan(0.07);
        assertThat(first.message()).contains("mAh").contains("Soft short suspected");

        Alert escalation = perCycle.get(1);
        assertThat(escalation.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(escalation.alertId()).isEqualTo(first.alertId());
        assertThat(perCycle).filteredOn(a -> a.severity() == Severity.CRITICAL).hasSize(1);
    }

    @Test
    void oneCycleFarOutsideEveryBenignChangeFiresCriticalOnItsOwn() {
        for (int c = 1; c <= 30; c++) {
            assertThat(feed(c, 1.12e-3 * jitter(), 1.11e-3 * jitter())).isEmpty();
        }
        // A leak taking about 40 % of the current: charge +54 %, discharge -30 % in the one cycle.
        List<Alert> out = feed(31, 1.73e-3, 0.78e-3);
        assertThat(out).singleElement().satisfies(alert -> {
            assertThat(alert.kind()).isEqualTo(AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE);
            assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(alert.cycleIndex()).isEqualTo(31);
            assertThat(alert.evidence().get("consecutiveCycles")).isEqualTo(1.0);
        });
    }

    @Test
    void oneCycleMovedByABenignAmountWaitsForASecond() {
        for (int c = 1; c <= 30; c++) {
            feed(c, 1.12e-3 * jitter(), 1.11e-3 * jitter());
        }
        // Charged warm (+25 %), discharged cold (-25 %): the most a chamber step does to one cycle.
        assertThat(feed(31, 1.40e-3, 0.83e-3)).isEmpty();
        // Charge far up but the discharge only a little down: not yet the one-cycle signature.
        assertThat(feed(32, 1.12e-3 * jitter(), 1.11e-3 * jitter())).isEmpty();
        assertThat(feed(33, 1.70e-3, 0.95e-3)).isEmpty();
    }

    @Test
    void healthyFadeWithSingleOddCyclesStaysQuiet() {
        List<Alert> alerts = new ArrayList<>();
        double q = 1.0;
        for (int c = 1; c <= 1500; c++) {
            q *= 1 - 0.0002;
            double qc = q * 1.002 * jitter();
            double qd = q * jitter();
            if (c % 100 == 6) {
                qd *= 0.64; // the cycle after a diagnostic block: low CE for one cycle
                qc *= 1.05;
            } else if (c % 100 == 7) {
                qc *= 0.70; // reset cycle: CE ~1.4
            } else if (c % 100 == 0) {
                qc *= 1.1; // slow diagnostic cycle: both capacities up
                qd *= 1.1;
            }
            alerts.addAll(feed(c, qc, qd));
        }
        assertThat(alerts).isEmpty();
    }

    @Test
    void resolvesOnceTheCellRecovers() {
        for (int c = 1; c <= 20; c++) {
            feed(c, 1.001 * jitter(), jitter());
        }
        assertThat(feed(21, 1.05, 0.95)).isEmpty();
        assertThat(feed(22, 1.06, 0.94)).hasSize(1);
        assertThat(state.firing()).isTrue();
        List<Alert> after = new ArrayList<>();
        for (int c = 23; c <= 26; c++) {
            after.addAll(feed(c, 1.001 * jitter(), jitter()));
        }
        assertThat(after).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AlertStatus.RESOLVED);
            assertThat(a.alertId()).isEqualTo("li-in/soft_short_capacity_divergence/22");
            assertThat(a.cycleIndex()).isEqualTo(25);
        });
        assertThat(state.firing()).isFalse();
    }

    @Test
    void incompleteCyclesAndSymmetricCellsAreIgnored() {
        assertThat(detector.appliesTo(TestChannels.symmetric("sym", null))).isFalse();
        for (int c = 1; c <= 20; c++) {
            feed(c, 1.001 * jitter(), jitter());
        }
        CycleSummary partial = new CycleSummary(
                1,
                "li-in",
                21,
                0,
                10,
                null,
                3,
                2.0,
                0.1,
                0,
                0,
                0.05,
                null,
                null,
                0,
                0,
                null,
                null,
                null,
                CapacitySource.CYCLER_COUNTERS,
                false,
                null,
                null);
        assertThat(detector.onCycle(state, partial, channel, io.cellwatch.streams.detect.ReadingSink.NONE))
                .isEmpty();
        assertThat(detector.onCycle(state, partial, channel, io.cellwatch.streams.detect.ReadingSink.NONE))
                .isEmpty();
    }
}
