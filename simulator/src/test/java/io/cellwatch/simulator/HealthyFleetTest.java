package io.cellwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.TestProtocol;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The background a detector must stay quiet on, and the default fleet's make-up. */
class HealthyFleetTest {
    private static final double HOUR = 3600;

    @Test
    void healthyFullCellsKeepCeWithinOnePercentOutsideDiagnosticAndFormationCycles() {
        List<Scenario> scenarios = new ArrayList<>();
        scenarios.addAll(Collections.nCopies(8, Scenario.HEALTHY_NCM));
        scenarios.addAll(Collections.nCopies(8, Scenario.HEALTHY_LFP));
        Simulator sim = Simulator.create(SimulatorConfig.demo(), scenarios);
        CycleTally tally = new CycleTally();
        sim.advanceTo(120 * HOUR, tally);

        int checked = 0;
        int diagnosticsSeen = 0;
        for (ChannelInfo info : sim.channels()) {
            TreeMap<Integer, CycleTally.Cycle> cycles = tally.cycles(info.channelId());
            assertThat(cycles).as(info.channelId()).hasSizeGreaterThan(10);
            for (CycleTally.Cycle c : cycles.values()) {
                CycleTally.Cycle previous = cycles.get(c.index - 1);
                boolean afterDiagnostic = previous != null && previous.diagnostic;
                boolean last = c.index == cycles.lastKey(); // cut off by the end of the run
                if (c.diagnostic) {
                    diagnosticsSeen++;
                    // A slow cycle reaches deeper than the fast ones around it: protocol-made CE, not a fault.
                    assertThat(c.ce())
                            .as("%s diagnostic cycle %d", info.channelId(), c.index)
                            .isGreaterThan(1.05);
                    assertThat(c.maxAbsCurrentA).isLessThan(0.2 * info.nominalCapacityAh());
                }
                if (c.diagnostic || afterDiagnostic || last || c.index == 1) {
                    continue;
                }
                assertThat(c.ce()).as("%s cycle %d", info.channelId(), c.index).isBetween(0.99, 1.01);
                checked++;
            }
        }
        assertThat(diagnosticsSeen).as("diagnostic cycles in the window").isGreaterThanOrEqualTo(3);
        assertThat(checked).isGreaterThan(500);
        assertThat(sim.finished()).isFalse();
    }

    @Test
    void healthyLfpFadesTo81point7PercentOver1300Cycles() {
        Simulator sim = Simulator.create(SimulatorConfig.demo(), List.of(Scenario.HEALTHY_LFP));
        FullCellSpec spec = ScenarioCells.fullCell(
                Scenario.HEALTHY_LFP,
                Fleet.channelRandom(sim.config().seed(), 0).split());
        assertThat(spec.capacityAh(1301) / spec.capacityAh(1))
                .isCloseTo(0.817, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(spec.isDiagnostic(1300)).isTrue();
        assertThat(spec.isDiagnostic(1299)).isFalse();
    }

    @Test
    void healthySymmetricCellsHoldAbout80mV() {
        Simulator sim = Simulator.create(SimulatorConfig.demo(), Collections.nCopies(4, Scenario.HEALTHY_SYMMETRIC));
        CycleTally tally = new CycleTally();
        sim.advanceTo(100 * HOUR, tally);
        for (ChannelInfo info : sim.channels()) {
            assertThat(info.cellType()).isEqualTo(CellType.SYMMETRIC);
            double area = info.electrodeAreaCm2();
            for (CycleTally.Cycle c : tally.cycles(info.channelId()).values()) {
                assertThat(c.maxAbsCurrentA / area * 1e3).isBetween(0.199, 0.201);
                assertThat(c.meanAbsVoltage())
                        .as("%s cycle %d", info.channelId(), c.index)
                        .isBetween(0.065, 0.095);
            }
            List<CycleTally.Cycle> cycles =
                    new ArrayList<>(tally.cycles(info.channelId()).values());
            double drift = cycles.get(cycles.size() - 2).meanAbsVoltage()
                            / cycles.get(0).meanAbsVoltage()
                    - 1;
            assertThat(Math.abs(drift)).as("drift over 100 h").isLessThan(0.01);
        }
        assertThat(sim.finished()).isFalse();
    }

    @Test
    void defaultFleetHasOneOfEachFailureThenAHealthyMix() {
        Simulator sim = Simulator.create(SimulatorConfig.demo());
        assertThat(sim.channels()).hasSize(50);
        Map<Scenario, Integer> counts = new EnumMap<>(Scenario.class);
        sim.scenarios().forEach(s -> counts.merge(s, 1, Integer::sum));
        assertThat(counts)
                .containsEntry(Scenario.LI_IN_SOFT_SHORT, 1)
                .containsEntry(Scenario.LI_METAL_SOFT_SHORT, 1)
                .containsEntry(Scenario.CE_FLUCTUATION_SOFT_SHORT, 1)
                .containsEntry(Scenario.SYMMETRIC_DRIFT_SHORT, 1)
                .containsEntry(Scenario.CCD_STEP_UP, 1)
                .doesNotContainKey(Scenario.CCD_STEP_UP_NO_SHORT)
                .containsEntry(Scenario.HEALTHY_NCM, 27)
                .containsEntry(Scenario.HEALTHY_LFP, 11)
                .containsEntry(Scenario.HEALTHY_SYMMETRIC, 7);

        List<String> ids = sim.channels().stream().map(ChannelInfo::channelId).toList();
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("sim-[a-z0-9-]+"));
        assertThat(ids).contains("sim-li-in-short-01", "sim-ncm-001", "sim-ncm-027", "sim-lfp-011", "sim-sym-007");

        assertThat(sim.truths()).hasSize(5).allSatisfy(t -> {
            assertThat(t.onsetCycle()).isNotNull();
            assertThat(t.deathCycle()).isGreaterThanOrEqualTo(t.onsetCycle());
            assertThat(t.deathTestTimeS()).isGreaterThan(t.onsetTestTimeS());
            assertThat(t.description()).isNotBlank();
        });
        assertThat(sim.allTruths()).hasSize(50);
        assertThat(sim.truth("sim-ncm-001"))
                .hasValueSatisfying(t -> assertThat(t.onsetCycle()).isNull());

        ChannelInfo ccd = sim.channels().get(sim.scenarios().indexOf(Scenario.CCD_STEP_UP));
        assertThat(ccd.protocol()).isEqualTo(TestProtocol.STEP_UP);
        assertThat(ccd.electrodeAreaCm2()).isEqualTo(1.0);
        ChannelInfo drift = sim.channels().get(sim.scenarios().indexOf(Scenario.SYMMETRIC_DRIFT_SHORT));
        assertThat(drift.cellType()).isEqualTo(CellType.SYMMETRIC);
        assertThat(drift.electrodeAreaCm2()).isEqualTo(1.0);
    }

    @Test
    void smallFleetsKeepAsManyFailuresAsFitAndLargeOnesNumberIdsWide() {
        Simulator tiny = Simulator.create(new SimulatorConfig(3, 1, 30, 0, true));
        assertThat(tiny.scenarios())
                .containsExactly(
                        Scenario.LI_IN_SOFT_SHORT, Scenario.LI_METAL_SOFT_SHORT, Scenario.CE_FLUCTUATION_SOFT_SHORT);
        Simulator healthyOnly = Simulator.create(new SimulatorConfig(20, 1, 30, 0, false));
        assertThat(healthyOnly.scenarios()).allMatch(Scenario::isHealthy);
        assertThat(healthyOnly.truths()).isEmpty();

        List<String> ids = Fleet.channelIds(Collections.nCopies(1000, Scenario.HEALTHY_NCM));
        assertThat(ids.get(0)).isEqualTo("sim-ncm-0001");
        assertThat(ids.get(999)).isEqualTo("sim-ncm-1000");
    }
}
