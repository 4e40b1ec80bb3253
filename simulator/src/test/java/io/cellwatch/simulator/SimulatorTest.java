package io.cellwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Sampling, ordering, counters and determinism. */
class SimulatorTest {
    private static final double HOUR = 3600;

    private static List<Sample> run(Simulator sim, double hours) {
        List<Sample> out = new ArrayList<>();
        sim.advanceTo(hours * HOUR, out::add);
        return out;
    }

    @Test
    void samplesComeInTimeOrderAcrossChannelsAndStrictlyIncreasingPerChannel() {
        Simulator sim = Simulator.create(SimulatorConfig.demo());
        List<Sample> samples = run(sim, 12);
        assertThat(sim.simTimeS()).isEqualTo(12 * HOUR);
        for (int i = 1; i < samples.size(); i++) {
            assertThat(samples.get(i).wallTimeMs())
                    .isGreaterThanOrEqualTo(samples.get(i - 1).wallTimeMs());
        }
        Map<String, Sample> previous = new TreeMap<>();
        for (Sample s : samples) {
            Sample p = previous.put(s.channelId(), s);
            if (p != null) {
                assertThat(s.dataPoint()).isGreaterThan(p.dataPoint());
                assertThat(s.testTimeS()).isGreaterThan(p.testTimeS());
            }
        }
        assertThat(previous).hasSize(50);
        // Every channel samples on the 30 s grid (plus step ends): ~1,440 samples in 12 h.
        assertThat(samples.size() / 50.0).isBetween(1440.0, 1600.0);
        assertThat(samples).allMatch(s -> s.wallTimeMs() <= SimulatorConfig.DEMO_START_EPOCH_MS + 12 * 3_600_000L);
    }

    @Test
    void sameSeedGivesIdenticalSamplesHoweverAdvanceIsSliced() {
        List<Sample> oneGo = run(Simulator.create(SimulatorConfig.demo()), 10);

        Simulator sliced = Simulator.create(SimulatorConfig.demo());
        List<Sample> pieces = new ArrayList<>();
        for (double t = 0; t < 10 * HOUR; t += 1234.5) {
            sliced.advanceTo(t, pieces::add);
            sliced.advanceTo(t, pieces::add); // the same time again emits nothing new
        }
        sliced.advanceTo(10 * HOUR, pieces::add);
        assertThat(pieces).isEqualTo(oneGo);

        List<Sample> otherSeed = run(Simulator.create(SimulatorConfig.demo().withSeed(8)), 10);
        assertThat(otherSeed).isNotEqualTo(oneGo);
    }

    @Test
    void theProtocolDoesNotDependOnTheSampleInterval() {
        Simulator coarse = Simulator.create(SimulatorConfig.demo(), List.of(Scenario.LI_IN_SOFT_SHORT));
        Simulator fine =
                Simulator.create(SimulatorConfig.demo().withSampleIntervalS(7), List.of(Scenario.LI_IN_SOFT_SHORT));
        assertThat(fine.truths()).isEqualTo(coarse.truths());
        CycleTally a = new CycleTally();
        CycleTally b = new CycleTally();
        coarse.advanceTo(20 * HOUR, a);
        fine.advanceTo(20 * HOUR, b);
        String id = coarse.channels().get(0).channelId();
        assertThat(b.cycles(id).keySet()).isEqualTo(a.cycles(id).keySet());
        a.cycles(id).headMap(a.cycles(id).lastKey()).forEach((n, c) -> { // the last one is cut off at 20 h
            // Step ends are sampled exactly, so the per-cycle maxima agree to the logged resolution.
            assertThat(b.cycle(id, n).chargeAh).isEqualTo(c.chargeAh);
            assertThat(b.cycle(id, n).dischargeAh).isEqualTo(c.dischargeAh);
        });
        assertThat(b.samples(id).size()).isGreaterThan(4 * a.samples(id).size());
    }

    @Test
    void fullCellCountersAreCumulativePerCycleAndStepsAreLabelled() {
        Simulator sim =
                Simulator.create(SimulatorConfig.demo(), List.of(Scenario.HEALTHY_NCM, Scenario.LI_IN_SOFT_SHORT));
        List<Sample> samples = run(sim, 30);
        for (String id :
                List.of(sim.channels().get(0).channelId(), sim.channels().get(1).channelId())) {
            List<Sample> ch =
                    samples.stream().filter(s -> s.channelId().equals(id)).toList();
            double vMax = id.contains("li-in") ? 3.68 : 4.2;
            for (int i = 1; i < ch.size(); i++) {
                Sample p = ch.get(i - 1);
                Sample s = ch.get(i);
                assertThat(s.dischargeCapacityAh()).isGreaterThanOrEqualTo(0.0);
                switch (s.stepType()) {
                    case CHARGE -> assertThat(s.currentA()).isPositive();
                    case DISCHARGE -> assertThat(s.currentA()).isNegative();
                    case REST -> assertThat(s.currentA()).isZero();
                    default -> throw new AssertionError(s);
                }
                if (s.cycleIndex() == p.cycleIndex()) {
                    assertThat(s.chargeCapacityAh()).isGreaterThanOrEqualTo(p.chargeCapacityAh());
                    assertThat(s.dischargeCapacityAh()).isGreaterThanOrEqualTo(p.dischargeCapacityAh());
                    assertThat(s.chargeEnergyWh()).isGreaterThanOrEqualTo(p.chargeEnergyWh());
                    assertThat(s.dischargeEnergyWh()).isGreaterThanOrEqualTo(p.dischargeEnergyWh());
                    assertThat(s.stepIndex()).isGreaterThanOrEqualTo(p.stepIndex());
                } else {
                    // A new cycle: the counters start again (Arbin style) with the charge step.
                    assertThat(s.cycleIndex()).isEqualTo(p.cycleIndex() + 1);
                    assertThat(s.stepIndex()).isEqualTo(1);
                    assertThat(s.chargeCapacityAh()).isLessThan(0.02 * p.chargeCapacityAh());
                    assertThat(s.dischargeCapacityAh()).isZero();
                }
                if (p.stepIndex() == 1 && s.stepIndex() == 2) {
                    // The step end is sampled: the CC charge's last sample sits at the voltage limit.
                    assertThat(p.voltageV()).isCloseTo(vMax, within(0.006));
                }
                if (p.stepIndex() == 4 && s.stepIndex() == 5) {
                    assertThat(p.voltageV()).isLessThan(id.contains("li-in") ? 2.11 : 3.01);
                }
            }
            double meanChargeVoltage = ch.stream()
                    .filter(s -> s.stepIndex() == 1)
                    .mapToDouble(Sample::voltageV)
                    .average()
                    .orElseThrow();
            Sample endOfCycle = ch.stream()
                    .filter(s -> s.stepType() == StepType.REST && s.stepIndex() == 5)
                    .reduce((x, y) -> y)
                    .orElseThrow();
            // Energy ≈ capacity × mean voltage.
            assertThat(endOfCycle.chargeEnergyWh() / endOfCycle.chargeCapacityAh())
                    .isBetween(3.0, 4.2);
            assertThat(meanChargeVoltage).isBetween(2.1, 4.2);
            assertThat(ch).allSatisfy(s -> assertThat(s.temperatureC()).isBetween(23.5, 26.5));
        }
    }

    @Test
    void simulatedTimeOnlyMovesForward() {
        Simulator sim = Simulator.create(SimulatorConfig.demo(), List.of(Scenario.HEALTHY_NCM));
        sim.advanceTo(100, s -> {});
        assertThatThrownBy(() -> sim.advanceTo(50, s -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already");
        assertThatThrownBy(() -> sim.advanceTo(Double.NaN, s -> {})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void configurationIsChecked() {
        assertThatThrownBy(() -> new SimulatorConfig(-1, 1, 30, 0, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimulatorConfig(1, 1, 0, 0, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Simulator.create(SimulatorConfig.demo(), Collections.singletonList(null)))
                .isInstanceOf(IllegalArgumentException.class);
        SimulatorConfig demo = SimulatorConfig.demo();
        assertThat(demo.channels()).isEqualTo(50);
        assertThat(demo.seed()).isEqualTo(7);
        assertThat(demo.sampleIntervalS()).isEqualTo(30.0);
        assertThat(demo.includeFailureScenarios()).isTrue();
    }

    @Test
    void anEmptyFleetIsFinishedAtOnce() {
        Simulator sim = Simulator.create(SimulatorConfig.demo(), List.of());
        assertThat(sim.finished()).isTrue();
        sim.advanceTo(HOUR, s -> {
            throw new AssertionError("no channels, no samples");
        });
    }
}
