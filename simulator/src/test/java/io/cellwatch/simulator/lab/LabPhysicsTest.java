package io.cellwatch.simulator.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lab cells' physics, checked through what the cycler logs. */
class LabPhysicsTest {

    @Test
    void aResistiveShortsLeakIsVOverRAsTheCyclersOwnCountersShowIt() {
        CellPlan p = Plans.cell(Chemistry.LI_IN, 0.00314, 40);
        p.cvCutoffRate = 0.05;
        p.leak = new LeakLaw.Constant(0.3);
        p.leakOnsetCycle = 3;
        p.lastCycle = 10;
        Recording r = Recording.of(
                Plans.scenario(FaultFamily.SOFT_SHORT, p, LoggingPolicy.every(1), Plans.quietCycler(), 200));
        double ohm = r.truth.shortResistanceAt(r.truth.onsetS() + 1);
        assertThat(ohm).isFinite();

        // Over a steady cycle, what the cycler put in and took out differs by what the short passed:
        // the integral of V/R over the cycle (no side reactions, no self-discharge in this cell).
        Recording.Cycle cycle = r.cycle(7);
        double leakAh = 0;
        List<Sample> rows = cycle.rows;
        Sample previous = r.cycle(6).rows.get(r.cycle(6).rows.size() - 1);
        for (Sample s : rows) {
            double dt = s.testTimeS() - previous.testTimeS();
            leakAh += 0.5 * (s.voltageV() + previous.voltageV()) / ohm * dt / 3600;
            previous = s;
        }
        assertThat(cycle.chargeAh - cycle.dischargeAh).isCloseTo(leakAh, within(0.01 * leakAh));
        // The truth's mean leak current is the same V/R.
        CycleTruth truth = r.truth.cycle(0, 7).orElseThrow();
        double seconds = truth.endS() - truth.startS();
        assertThat(truth.meanLeakCurrentA() * seconds / 3600).isCloseTo(leakAh, within(0.01 * leakAh));
        assertThat(truth.shortResistanceOhm()).isCloseTo(ohm, within(1e-9 * ohm));
    }

    @Test
    void aResistiveShortDrainsTheCellInItsRests() {
        CellPlan p = Plans.cell(Chemistry.LI_METAL_NCM, 0.002, 100);
        p.leak = new LeakLaw.Constant(0.2);
        p.leakOnsetCycle = 3;
        p.lastCycle = 5;
        Recording r = Recording.of(
                Plans.scenario(FaultFamily.SOFT_SHORT, p, LoggingPolicy.every(10), Plans.quietCycler(), 200));
        // The rest after the charge: a healthy cell's voltage relaxes towards its OCV; a shorted one keeps
        // falling by the short's current over the cell's dQ/dV (0.1C through ~1 V per unit of charge: ~0.1 V/h).
        double healthy = restSlopeVPerHour(r.cycle(2));
        double shorted = restSlopeVPerHour(r.cycle(4));
        assertThat(healthy).isGreaterThan(-0.03);
        assertThat(shorted - healthy).isLessThan(-0.08);
    }

    /** dV/dt over the second half of the rest after the charge (step 3). */
    private static double restSlopeVPerHour(Recording.Cycle cycle) {
        List<Sample> rest = cycle.rows.stream().filter(s -> s.stepIndex() == 3).toList();
        Sample mid = rest.get(rest.size() / 2);
        Sample end = rest.get(rest.size() - 1);
        return (end.voltageV() - mid.voltageV()) / ((end.testTimeS() - mid.testTimeS()) / 3600);
    }

    @Test
    void aConstantVoltageHoldStaysAtItsVoltageWithADecayingCurrentEveryCycle() {
        // LFP against Li: flat, then steep at the top; a cell of ~40 Ω at 2C has a CV time constant of seconds.
        CellPlan p = Plans.cell(Chemistry.LI_METAL_LFP, 0.001, 40);
        p.chargeRate = 2;
        p.dischargeRate = 2;
        p.cvCutoffRate = 0.02;
        p.ceLoss = 0.001;
        p.lastCycle = 30;
        Recording r =
                Recording.of(Plans.scenario(FaultFamily.NONE, p, LoggingPolicy.every(10), Plans.quietCycler(), 200));
        for (int cycle = 2; cycle < 30; cycle++) {
            List<Sample> cv =
                    r.cycle(cycle).rows.stream().filter(s -> s.stepIndex() == 2).toList();
            assertThat(cv).as("cycle %d", cycle).hasSizeGreaterThan(10);
            for (int i = 0; i < cv.size(); i++) {
                assertThat(cv.get(i).voltageV()).as("cycle %d", cycle).isCloseTo(3.8, within(0.002));
                if (i > 0) {
                    assertThat(cv.get(i).currentA())
                            .isLessThanOrEqualTo(cv.get(i - 1).currentA() + 1e-12);
                }
            }
            assertThat(r.cycle(cycle).dischargeOverCharge())
                    .as("cycle %d", cycle)
                    .isCloseTo(0.999, within(0.0005));
        }
    }

    @Test
    void anAnodeHalfCellsCeQcOverQdRisesAboveOneUnderALeak() {
        CellPlan p = Plans.cell(Chemistry.ANODE_HALF_SI, 0.002, 5);
        p.ceLoss = 0.01;
        p.leak = new LeakLaw.Geometric(0.05, 1.5);
        p.leakOnsetCycle = 4;
        p.lastCycle = 7;
        Recording r = Recording.of(
                Plans.scenario(FaultFamily.SOFT_SHORT, p, LoggingPolicy.every(30), Plans.quietCycler(), 500));
        // Lithiation comes first (a discharge) and carries the side reactions: CE (delithiation over lithiation) under
        // 1.
        assertThat(r.cycle(2).rows.get(0).stepType()).isEqualTo(StepType.DISCHARGE);
        assertThat(r.cycle(2).chargeOverDischarge()).isBetween(0.985, 0.995);
        // The short lithiates the electrode itself: less to lithiate, more to delithiate.
        assertThat(r.cycle(5).chargeOverDischarge()).isGreaterThan(1.05);
        assertThat(r.cycle(6).chargeOverDischarge()).isGreaterThan(r.cycle(5).chargeOverDischarge());
    }

    @Test
    void aSymmetricCellsResistiveShortLowersTheVoltageWithoutRaisingTheNoise() {
        SymmetricPlan p = Plans.symmetric();
        p.resistiveAtS = 10 * 3600;
        p.resistiveOhm = SymmetricFaults.resistanceFor(p, 0.5);
        CyclerQuirks q = Plans.quietCycler();
        q.voltageNoiseV = 0.001;
        Recording r = Recording.of(Plans.scenario(FaultFamily.SOFT_SHORT, p, LoggingPolicy.every(30), q, 20));
        double before = plateau(r, 2 * 3600, 10 * 3600);
        double after = plateau(r, 12 * 3600, 20 * 3600);
        assertThat(after / before).isCloseTo(0.5, within(0.03));
        assertThat(noise(r, 12 * 3600, 20 * 3600)).isLessThan(1.5 * noise(r, 2 * 3600, 10 * 3600));
        assertThat(r.truth.shortResistanceAt(11 * 3600)).isEqualTo(p.resistiveOhm);
    }

    @Test
    void aHardShortPinsASymmetricCellAtIR() {
        SymmetricPlan p = Plans.symmetric();
        p.hardShortAtS = 5 * 3600;
        p.hardShortOhm = 10;
        Recording r = Recording.of(
                Plans.scenario(FaultFamily.HARD_SHORT, p, LoggingPolicy.every(30), Plans.quietCycler(), 8));
        double currentA = 0.2e-3;
        List<Sample> pinned = r.rows.stream()
                .filter(s -> Recording.channelS(s) > 5.2 * 3600 && s.currentA() != 0)
                .toList();
        assertThat(pinned)
                .isNotEmpty()
                .allSatisfy(s ->
                        assertThat(Math.abs(s.voltageV()) / (currentA * 10)).isBetween(0.95, 1.0));
        assertThat(r.truth.deathS()).isCloseTo(5 * 3600.0, within(10.0));
    }

    @Test
    void aVoltagePickupScattersFromRowToRowAndAveragesOutOverAHalfCycle() {
        // 20 s rows are two simulation steps each (the steps are at most 10 s): a pickup whose sign
        // followed the steps would ride on every row with one sign, an offset for the whole half-cycle.
        SymmetricPlan p = Plans.symmetric();
        p.nucleationPeak = 0;
        p.concentrationRise = 0;
        CyclerQuirks picked = Plans.quietCycler();
        picked.pickupV = 0.008;
        Recording clean =
                Recording.of(Plans.scenario(FaultFamily.NONE, p, LoggingPolicy.every(20), Plans.quietCycler(), 6));
        Recording withPickup = Recording.of(Plans.scenario(FaultFamily.NONE, p, LoggingPolicy.every(20), picked, 6));
        assertThat(withPickup.rows).hasSameSizeAs(clean.rows);
        double[] shift = new double[withPickup.rows.size()];
        for (int i = 0; i < shift.length; i++) {
            shift[i] = withPickup.rows.get(i).voltageV() - clean.rows.get(i).voltageV();
        }
        int alternating = 0;
        for (int i = 1; i < shift.length; i++) {
            alternating += Math.signum(shift[i]) != Math.signum(shift[i - 1]) ? 1 : 0;
        }
        // Every reading carries half to all of the amplitude, its sign alternating between readings.
        assertThat(alternating).isEqualTo(shift.length - 1);
        for (int cycle = 1; cycle <= 2; cycle++) {
            for (int step = 1; step <= 2; step++) {
                assertThat(meanShift(withPickup, clean, cycle, step)).isLessThan(0.1 * picked.pickupV);
            }
        }
    }

    /** |mean difference| between two recordings' rows of one step of one cycle. */
    private static double meanShift(Recording a, Recording b, int cycle, int step) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < a.rows.size(); i++) {
            Sample s = a.rows.get(i);
            if (s.cycleIndex() == cycle && s.stepIndex() == step) {
                sum += s.voltageV() - b.rows.get(i).voltageV();
                n++;
            }
        }
        assertThat(n).isGreaterThan(100);
        return Math.abs(sum / n);
    }

    private static double plateau(Recording r, double from, double to) {
        return window(r, from, to).stream()
                .mapToDouble(s -> Math.abs(s.voltageV()))
                .average()
                .orElseThrow();
    }

    /** Typical jump between consecutive rows of one half-cycle: the measurement noise. */
    private static double noise(Recording r, double from, double to) {
        List<Sample> rows = window(r, from, to);
        double sum = 0;
        int n = 0;
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).stepIndex() == rows.get(i - 1).stepIndex()) {
                sum += Math.abs(rows.get(i).voltageV() - rows.get(i - 1).voltageV());
                n++;
            }
        }
        return sum / n;
    }

    private static List<Sample> window(Recording r, double from, double to) {
        return r.rows.stream()
                .filter(s -> Recording.channelS(s) >= from && Recording.channelS(s) < to && s.currentA() != 0)
                .toList();
    }
}
