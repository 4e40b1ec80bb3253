package io.cellwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import io.cellwatch.model.TestProtocol;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Each failure scenario shows the reference behaviour of the domain guide, read back from its samples. */
class FailureScenarioTest {
    private static final double HOUR = 3600;
    private static final SimulatorConfig CONFIG = SimulatorConfig.demo();

    /** Runs one scenario alone until its test ends (or the cap), tallying every sample. */
    private static Run run(Scenario scenario, double capHours) {
        Simulator sim = Simulator.create(CONFIG, List.of(scenario));
        CycleTally tally = new CycleTally();
        sim.advanceTo(capHours * HOUR, tally);
        return new Run(sim, tally, sim.channels().get(0), sim.allTruths().get(0));
    }

    private record Run(Simulator sim, CycleTally tally, ChannelInfo info, ScenarioTruth truth) {
        String id() {
            return info.channelId();
        }

        CycleTally.Cycle cycle(int n) {
            return tally.cycle(id(), n);
        }

        Sample last() {
            List<Sample> s = tally.samples(id());
            return s.get(s.size() - 1);
        }

        double simHoursAt(Sample s) {
            return (s.wallTimeMs() - CONFIG.startEpochMs()) / 3.6e6;
        }
    }

    @Test
    void liInCellIsStableThenDivergesAndChargesEndlesslyAtCycle897() {
        Run run = run(Scenario.LI_IN_SOFT_SHORT, 200);
        ChannelInfo info = run.info();
        assertThat(info.chemistry()).isEqualTo("LNO@NCM622|Li6PS5Cl|Li-In");
        assertThat(info.electrodeAreaCm2()).isEqualTo(0.785);
        assertThat(info.nominalCapacityAh()).isCloseTo(0.00314, within(1e-9));

        // Monitoring joins a long-running test at cycle 860, with the test time of 859 cycles behind it.
        Sample first = run.tally().samples(run.id()).get(0);
        assertThat(first.cycleIndex()).isEqualTo(860);
        double cycleS = run.cycle(861).firstTestTimeS - run.cycle(860).firstTestTimeS;
        assertThat(first.testTimeS()).isCloseTo(859 * cycleS, within(0.05 * 859 * cycleS));

        // Stable with ~99.9 % CE through cycle 890.
        double[] ces = IntStream.rangeClosed(870, 890)
                .mapToDouble(n -> run.cycle(n).ce())
                .toArray();
        assertThat(java.util.Arrays.stream(ces).boxed().toList())
                .allSatisfy(ce -> assertThat(ce).isBetween(0.997, 1.0));
        assertThat(mean(ces)).isCloseTo(0.999, within(0.0005));

        // From 891 the charge capacity rises while the discharge capacity falls, every cycle.
        for (int n = 891; n <= 896; n++) {
            assertThat(run.cycle(n).chargeAh).as("charge Ah of cycle %d", n).isGreaterThan(run.cycle(n - 1).chargeAh);
            assertThat(run.cycle(n).dischargeAh)
                    .as("discharge Ah of cycle %d", n)
                    .isLessThan(run.cycle(n - 1).dischargeAh);
        }

        // 897: no discharge, a charge far longer than usual with a much lower dV/dt, then the safety stop.
        CycleTally.Cycle dying = run.cycle(897);
        assertThat(dying.dischargeAh).isLessThan(0.01 * info.nominalCapacityAh());
        double usualChargeS = median(IntStream.rangeClosed(870, 890)
                .mapToDouble(n -> run.cycle(n).chargeDurationS())
                .toArray());
        assertThat(dying.chargeDurationS()).isGreaterThan(2.5 * usualChargeS);
        assertThat(dying.chargeAh).isGreaterThan(2 * run.cycle(890).chargeAh);
        assertThat(ccChargeSlopeVPerH(dying)).isLessThan(0.2 * ccChargeSlopeVPerH(run.cycle(890)));
        assertThat(run.tally().cycles(run.id()).lastKey()).isEqualTo(897);
        assertThat(run.sim().finished()).isTrue();

        // Ground truth matches what the data shows, and the demo reaches the death in about 85 h.
        ScenarioTruth truth = run.truth();
        assertThat(truth.onsetCycle()).isEqualTo(891);
        assertThat(truth.deathCycle()).isEqualTo(897);
        // The cycle starts where the previous one's last step ends (logged as that step's final sample).
        assertThat(truth.onsetTestTimeS())
                .isEqualTo(run.cycle(890).lastTestTimeS)
                .isBetween(run.cycle(891).firstTestTimeS - 30, run.cycle(891).firstTestTimeS);
        assertThat(truth.deathTestTimeS()).isEqualTo(run.last().testTimeS());
        assertThat(run.simHoursAt(run.last())).isBetween(80.0, 90.0);
    }

    @Test
    void liMetalCellDiesInSeventeenCycles() {
        Run run = run(Scenario.LI_METAL_SOFT_SHORT, 300);
        assertThat(run.info().electrodeAreaCm2()).isEqualTo(0.785);
        // 0.3 mA/cm² on 0.785 cm².
        assertThat(run.cycle(2).maxAbsCurrentA).isCloseTo(0.3e-3 * 0.785, within(0.01 * 0.3e-3 * 0.785));
        for (int n = 2; n <= 12; n++) {
            assertThat(run.cycle(n).ce()).as("CE of cycle %d", n).isBetween(0.99, 1.0);
        }
        for (int n = 13; n <= 16; n++) {
            assertThat(run.cycle(n).chargeAh).isGreaterThan(run.cycle(n - 1).chargeAh);
            assertThat(run.cycle(n).dischargeAh).isLessThan(run.cycle(n - 1).dischargeAh);
            assertThat(run.cycle(n).ce()).isLessThan(run.cycle(n - 1).ce());
        }
        assertThat(run.cycle(16).ce()).isLessThan(0.5);
        assertThat(run.cycle(17).dischargeAh).isZero();
        assertThat(run.tally().cycles(run.id()).lastKey()).isEqualTo(17);
        assertThat(run.sim().finished()).isTrue();
        assertThat(run.truth().onsetCycle()).isEqualTo(13);
        assertThat(run.truth().deathCycle()).isEqualTo(17);
    }

    @Test
    void ceFluctuatesFromCycle300UntilTheCellDiesAt340() {
        Run run = run(Scenario.CE_FLUCTUATION_SOFT_SHORT, 300);
        assertThat(run.tally().cycles(run.id()).firstKey()).isEqualTo(270);
        assertThat(run.tally().samples(run.id()))
                .allSatisfy(s -> assertThat(s.temperatureC()).isBetween(29.0, 31.0));

        double[] baseline =
                IntStream.range(271, 300).mapToDouble(n -> run.cycle(n).ce()).toArray();
        assertThat(java.util.Arrays.stream(baseline).boxed().toList())
                .allSatisfy(ce -> assertThat(ce).isBetween(0.995, 1.0));
        assertThat(mean(baseline)).isCloseTo(0.998, within(0.001));

        double[] fluctuating =
                IntStream.range(300, 340).mapToDouble(n -> run.cycle(n).ce()).toArray();
        assertThat(fluctuating[0]).as("onset cycle 300 leaks").isLessThan(0.98);
        assertThat(IntStream.range(0, fluctuating.length)
                        .filter(i -> fluctuating[i] < 0.97)
                        .count())
                .as("leaking cycles")
                .isGreaterThanOrEqualTo(10);
        assertThat(IntStream.range(0, fluctuating.length)
                        .filter(i -> fluctuating[i] > 0.995)
                        .count())
                .as("cycles that look normal again")
                .isGreaterThanOrEqualTo(3);
        assertThat(stdDev(fluctuating)).isGreaterThan(10 * stdDev(baseline));

        assertThat(run.cycle(340).dischargeAh).isZero();
        assertThat(run.sim().finished()).isTrue();
        assertThat(run.truth().onsetCycle()).isEqualTo(300);
        assertThat(run.truth().deathCycle()).isEqualTo(340);
    }

    @Test
    void symmetricCellOverpotentialRisesThenCollapsesAt60HoursAndPinsAtHardShort() {
        Run run = run(Scenario.SYMMETRIC_DRIFT_SHORT, 200);
        assertThat(run.info().electrodeAreaCm2()).isEqualTo(1.0);
        List<Sample> samples = run.tally().samples(run.id());
        // 0.5 mA/cm² on 1 cm², alternating sign, 1 h each way.
        assertThat(samples).allSatisfy(s -> assertThat(Math.abs(s.currentA())).isCloseTo(0.5e-3, within(2e-6)));
        assertThat(run.cycle(1).lastChargeTestTimeS - run.cycle(1).firstChargeTestTimeS)
                .isCloseTo(HOUR, within(60.0));

        double early = meanAbsVoltage(samples, 0, 10 * HOUR);
        double beforeShort = meanAbsVoltage(samples, 50 * HOUR, 60 * HOUR);
        double softShort = meanAbsVoltage(samples, 60 * HOUR + 1, 62 * HOUR);
        double hardShort = meanAbsVoltage(samples, 63 * HOUR, 66 * HOUR);
        assertThat(early).isBetween(0.25, 0.30);
        assertThat(beforeShort).isGreaterThan(early * 1.1);
        assertThat(softShort).isLessThan(0.5 * beforeShort);
        assertThat(stdDevOfVoltageNoise(samples, 60 * HOUR + 1, 62 * HOUR))
                .isGreaterThan(3 * stdDevOfVoltageNoise(samples, 50 * HOUR, 60 * HOUR));
        // Hard short: pinned near I·R_short, a few mV.
        assertThat(hardShort).isLessThan(0.01);

        assertThat(run.sim().finished()).isTrue();
        assertThat(run.last().testTimeS()).isEqualTo(66 * HOUR);
        assertThat(run.truth().onsetTestTimeS()).isEqualTo(60 * HOUR);
        assertThat(run.truth().onsetCycle()).isEqualTo(31);
        assertThat(run.truth().deathTestTimeS()).isBetween(61 * HOUR, 65 * HOUR);
    }

    @Test
    void ccdStepUpCompletes2point4AndShortsInThe2point6Step() {
        Run run = run(Scenario.CCD_STEP_UP, 100);
        assertThat(run.info().protocol()).isEqualTo(TestProtocol.STEP_UP);
        double area = run.info().electrodeAreaCm2();
        assertThat(area).isEqualTo(1.0);
        assertThat(run.tally().cycles(run.id()).lastKey()).isEqualTo(13);

        double previousOverpotential = 0;
        for (int n = 1; n <= 12; n++) {
            CycleTally.Cycle c = run.cycle(n);
            double currentDensity = c.maxAbsCurrentA / area * 1e3;
            assertThat(currentDensity).as("mA/cm² in cycle %d", n).isCloseTo(0.2 * n, within(0.01 * n));
            // Each step runs its full hour, plating then stripping, without a collapse.
            assertThat(c.lastTestTimeS - c.firstTestTimeS).isCloseTo(HOUR, within(60.0));
            assertThat(c.rows).anyMatch(s -> s.stepType() == StepType.DISCHARGE);
            double overpotential = c.meanAbsVoltage();
            assertThat(overpotential)
                    .as("overpotential grows with current, cycle %d", n)
                    .isGreaterThan(previousOverpotential);
            double floor = c.rows.stream()
                    .mapToDouble(s -> Math.abs(s.voltageV()))
                    .min()
                    .orElseThrow();
            assertThat(floor).as("no collapse in cycle %d", n).isGreaterThan(0.8 * overpotential);
            previousOverpotential = overpotential;
        }
        CycleTally.Cycle shorted = run.cycle(13);
        assertThat(shorted.maxAbsCurrentA / area * 1e3).isCloseTo(2.6, within(0.03));
        double lowest = shorted.rows.stream()
                .mapToDouble(s -> Math.abs(s.voltageV()))
                .min()
                .orElseThrow();
        assertThat(lowest).isLessThan(0.05 * run.cycle(12).meanAbsVoltage());
        assertThat(run.sim().finished()).isTrue();

        assertThat(run.truth().onsetCycle()).isEqualTo(13);
        assertThat(Scenario.CCD_STEP_UP.criticalCurrentDensityMaPerCm2()).isEqualTo(2.4);
    }

    @Test
    void ccdStepUpWithoutShortReaches9AtConstantArealCapacityAndEnds() {
        Run run = run(Scenario.CCD_STEP_UP_NO_SHORT, 100);
        double area = run.info().electrodeAreaCm2();
        assertThat(run.tally().cycles(run.id()).lastKey()).isEqualTo(18);
        for (int n = 1; n <= 18; n++) {
            CycleTally.Cycle c = run.cycle(n);
            assertThat(c.maxAbsCurrentA / area * 1e3).isCloseTo(0.5 * n, within(0.01 * n));
            // 0.5 mAh/cm² plated and stripped at every level.
            assertThat(c.chargeAh / area * 1e3).isCloseTo(0.5, within(1e-6));
            assertThat(c.dischargeAh / area * 1e3).isCloseTo(0.5, within(1e-6));
            double floor = c.rows.stream()
                    .mapToDouble(s -> Math.abs(s.voltageV()))
                    .min()
                    .orElseThrow();
            assertThat(floor).isGreaterThan(0.5 * c.meanAbsVoltage());
        }
        assertThat(run.sim().finished()).isTrue();
        assertThat(run.truth().onsetCycle()).isNull();
        assertThat(run.truth().deathCycle()).isNull();
    }

    // ---- small statistics -------------------------------------------------------------------------

    /** Mean dV/dt over the constant-current part of a cycle's charge (first step), after its first 5 minutes. */
    private static double ccChargeSlopeVPerH(CycleTally.Cycle c) {
        List<Sample> cc = c.rows.stream().filter(s -> s.stepIndex() == 1).toList();
        Sample from = cc.stream()
                .filter(s -> s.testTimeS() >= cc.get(0).testTimeS() + 300)
                .findFirst()
                .orElseThrow();
        Sample to = cc.get(cc.size() - 1);
        return (to.voltageV() - from.voltageV()) / ((to.testTimeS() - from.testTimeS()) / HOUR);
    }

    private static double meanAbsVoltage(List<Sample> samples, double fromTestTimeS, double toTestTimeS) {
        return samples.stream()
                .filter(s -> s.testTimeS() >= fromTestTimeS && s.testTimeS() < toTestTimeS)
                .mapToDouble(s -> Math.abs(s.voltageV()))
                .average()
                .orElseThrow();
    }

    /** Spread of successive voltage differences within the same step: noise, not the square wave. */
    private static double stdDevOfVoltageNoise(List<Sample> samples, double fromTestTimeS, double toTestTimeS) {
        List<Sample> window = samples.stream()
                .filter(s -> s.testTimeS() >= fromTestTimeS && s.testTimeS() < toTestTimeS)
                .toList();
        double[] diffs = IntStream.range(1, window.size())
                .filter(i -> window.get(i).stepIndex() == window.get(i - 1).stepIndex()
                        && window.get(i).cycleIndex() == window.get(i - 1).cycleIndex())
                .mapToDouble(i -> window.get(i).voltageV() - window.get(i - 1).voltageV())
                .toArray();
        return stdDev(diffs);
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    static double stdDev(double[] values) {
        double m = mean(values);
        double sum = 0;
        for (double v : values) {
            sum += (v - m) * (v - m);
        }
        return Math.sqrt(sum / (values.length - 1));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
