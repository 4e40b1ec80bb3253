package io.cellwatch.streams.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import io.cellwatch.streams.testing.ScriptedCell;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CycleSummarizerTest {
    private final CycleSummarizer summarizer = new CycleSummarizer();

    private List<CycleSummary> run(List<Sample> samples, CeConvention convention, boolean flush) {
        CycleState state = CycleState.newChannel("ch");
        List<CycleSummary> out = new ArrayList<>();
        for (Sample s : samples) {
            summarizer.accept(state, s, convention).closedCycle().ifPresent(out::add);
        }
        if (flush) {
            summarizer.flush(state, convention).ifPresent(out::add);
        }
        return out;
    }

    private static Sample sample(
            long dp, double t, int cycle, StepType type, double v, double i, Double qc, Double qd) {
        return new Sample(1, "ch", dp, null, t, cycle, 1, type, v, i, qc, qd, null, null, null);
    }

    @Test
    void closesACycleWhenTheNextBeginsAndFlushesTheLastAsIncomplete() {
        List<Sample> samples = new ScriptedCell("ch", 10, 3600)
                .cycle(1, 1.0, 0.98)
                .cycle(2, 0.99, 0.97)
                .samples();
        List<CycleSummary> cycles = run(samples, CeConvention.DISCHARGE_OVER_CHARGE, true);

        assertThat(cycles).extracting(CycleSummary::cycleIndex).containsExactly(1, 2);
        assertThat(cycles.get(0).complete()).isTrue();
        assertThat(cycles.get(1).complete()).isFalse();
        assertThat(cycles.get(0).chargeAh()).isCloseTo(1.0, within(1e-12));
        assertThat(cycles.get(0).dischargeAh()).isCloseTo(0.98, within(1e-12));
        assertThat(cycles.get(0).coulombicEfficiency()).isCloseTo(0.98, within(1e-12));
        assertThat(cycles.get(1).chargeAh()).isCloseTo(0.99, within(1e-12));
        // The channel's very first sample has no predecessor, so its 360 s interval cannot be timed.
        assertThat(cycles.get(0).chargeDurationS()).isCloseTo(3600 - 360, within(1e-6));
        assertThat(cycles.get(1).chargeDurationS()).isCloseTo(3600, within(1e-6));
        assertThat(cycles.get(0).meanChargeVoltageV()).isCloseTo(3.75, within(1e-9));
        assertThat(cycles.get(0).sampleCount()).isEqualTo(21);
        assertThat(cycles.get(0).capacitySource()).isEqualTo(CycleSummary.CapacitySource.CYCLER_COUNTERS);
    }

    @Test
    void eachCycleStatesWhereItsLastStepEndedAndWhereTheChannelsPreviousOneDid() {
        // A half cell that starts each cycle with its discharge: discharge 0..3600 s, charge to 7200 s, then a
        // rest of 2 h in cycle 1 and of 10 min in cycle 2. A row held at zero current in the charge step (the
        // step's cut-off logged once more) is not where current last flowed.
        List<Sample> samples = new ArrayList<>();
        long dp = 1;
        for (int c = 1; c <= 3; c++) {
            double t0 = (c - 1) * 20_000.0;
            double rest = c == 1 ? 7200 : 600;
            samples.add(sample(dp++, t0, c, StepType.DISCHARGE, 0.8, -1, 0.0, 0.0));
            samples.add(sample(dp++, t0 + 3600, c, StepType.DISCHARGE, 0.01, -1, 0.0, 1.0));
            samples.add(sample(dp++, t0 + 3660, c, StepType.CHARGE, 0.1, 1, 0.0, 1.0));
            samples.add(sample(dp++, t0 + 7200, c, StepType.CHARGE, 1.5, 1, 1.0, 1.0));
            samples.add(sample(dp++, t0 + 7201, c, StepType.CHARGE, 1.5, 0, 1.0, 1.0));
            samples.add(sample(dp++, t0 + 7200 + rest, c, StepType.REST, 1.1, 0, 1.0, 1.0));
        }

        List<CycleSummary> cycles = run(samples, CeConvention.CHARGE_OVER_DISCHARGE, false);

        assertThat(cycles).hasSize(2);
        assertThat(cycles.get(0).stepsEndTestTimeS()).isEqualTo(7200);
        assertThat(cycles.get(0).priorStepsEndTestTimeS()).isNull();
        assertThat(cycles.get(1).stepsEndTestTimeS()).isEqualTo(27_200);
        assertThat(cycles.get(1).priorStepsEndTestTimeS()).isEqualTo(7200);
    }

    @Test
    void eachCycleSaysWhetherItsChargeCameBeforeItsDischargeByWhereTheMiddleOfEachPassed() {
        List<CycleSummary> chargeFirst = run(
                new ScriptedCell("ch", 10, 3600)
                        .cycle(1, 1.0, 0.98)
                        .cycle(2, 0.99, 0.97)
                        .samples(),
                CeConvention.DISCHARGE_OVER_CHARGE,
                true);
        assertThat(chargeFirst).extracting(CycleSummary::chargeFirst).containsExactly(true, true);

        // Discharge, then charge; and a cycle opening with a 10 s discharge pulse (a DCIR test) before its
        // charge: the pulse's charge is a thousandth of the discharge's, so the discharge still comes after.
        List<Sample> samples = new ArrayList<>();
        samples.add(sample(1, 0, 1, StepType.DISCHARGE, 3.9, -1, 0.0, 0.0));
        samples.add(sample(2, 3600, 1, StepType.DISCHARGE, 3.0, -1, 0.0, 1.0));
        samples.add(sample(3, 3660, 1, StepType.CHARGE, 3.1, 1, 0.0, 1.0));
        samples.add(sample(4, 7200, 1, StepType.CHARGE, 4.2, 1, 1.0, 1.0));
        samples.add(sample(5, 7300, 2, StepType.DISCHARGE, 4.1, -1, 1.0, 1.0));
        samples.add(sample(6, 7310, 2, StepType.DISCHARGE, 4.0, -1, 1.0, 1.0 + 10 / 3600.0));
        samples.add(sample(7, 7320, 2, StepType.CHARGE, 4.1, 1, 1.0, 1.0 + 10 / 3600.0));
        samples.add(sample(8, 7400, 2, StepType.CHARGE, 4.2, 1, 1.02, 1.0 + 10 / 3600.0));
        samples.add(sample(9, 7500, 2, StepType.DISCHARGE, 4.1, -1, 1.02, 1.0 + 10 / 3600.0));
        samples.add(sample(10, 11_100, 2, StepType.DISCHARGE, 3.0, -1, 1.02, 2.0));
        samples.add(sample(11, 11_200, 3, StepType.REST, 3.2, 0, 1.02, 2.0));

        List<CycleSummary> cycles = run(samples, CeConvention.DISCHARGE_OVER_CHARGE, false);

        assertThat(cycles).extracting(CycleSummary::chargeFirst).containsExactly(false, true);
    }

    @Test
    void aCycleThatDidNotPassBothChargeAndDischargeDoesNotSayWhichCameFirst() {
        List<Sample> samples = List.of(
                sample(1, 0, 1, StepType.CHARGE, 3.5, 1, 0.0, 0.0),
                sample(2, 3600, 1, StepType.CHARGE, 4.2, 1, 1.0, 0.0),
                sample(3, 3700, 2, StepType.REST, 4.1, 0, 1.0, 0.0));

        assertThat(run(samples, CeConvention.DISCHARGE_OVER_CHARGE, false))
                .singleElement()
                .satisfies(cycle -> assertThat(cycle.chargeFirst()).isNull());
    }

    @Test
    void eachCycleGivesItsRowsVoltSecondsOverItsOwnRowsAndOverItsBalanceSpan() {
        // Each cycle: discharge 0..3600 s, charge to 7200 s, then a rest falling from 1.5 V to 1.1 V over 1 h,
        // then at 1.1 V for another hour; the next cycle starts 5600 s later (a gap without rows).
        List<Sample> samples = new ArrayList<>();
        long dp = 1;
        for (int c = 1; c <= 3; c++) {
            double t0 = (c - 1) * 20_000.0;
            samples.add(sample(dp++, t0, c, StepType.DISCHARGE, 0.8, -1, 0.0, 0.0));
            samples.add(sample(dp++, t0 + 3600, c, StepType.DISCHARGE, 0.01, -1, 0.0, 1.0));
            samples.add(sample(dp++, t0 + 3660, c, StepType.CHARGE, 0.1, 1, 0.0, 1.0));
            samples.add(sample(dp++, t0 + 7200, c, StepType.CHARGE, 1.5, 1, 1.0, 1.0));
            samples.add(sample(dp++, t0 + 10_800, c, StepType.REST, 1.1, 0, 1.0, 1.0));
            samples.add(sample(dp++, t0 + 14_400, c, StepType.REST, 1.1, 0, 1.0, 1.0));
        }

        List<CycleSummary> cycles = run(samples, CeConvention.CHARGE_OVER_DISCHARGE, false);

        // Each cycle's rows, time-weighted between rows (the interval ending at its first row is before them).
        double steps = 3600 * 0.405 + 60 * 0.055 + 3540 * 0.8;
        double rests = 3600 * 1.3 + 3600 * 1.1;
        assertThat(cycles.get(0).rowsS()).isCloseTo(14_400, within(1e-9));
        assertThat(cycles.get(0).voltSeconds()).isCloseTo(steps + rests, within(1e-6));
        assertThat(cycles.get(0).balanceRowsS()).isNull(); // no earlier step end: no balance span
        assertThat(cycles.get(1).voltSeconds()).isCloseTo(steps + rests, within(1e-6));
        // Cycle 2's balance: from 7200 s, cycle 1's closing rest, up to cycle 2's charge end; its own closing rest
        // is the next balance's. The 5600 s without rows between the cycles is not resolved: in neither sum.
        double balanceS = cycles.get(1).stepsEndTestTimeS() - cycles.get(1).priorStepsEndTestTimeS();
        assertThat(cycles.get(1).balanceRowsS()).isCloseTo(balanceS - 5600, within(1e-9));
        assertThat(cycles.get(1).balanceVoltSeconds()).isCloseTo(rests + steps, within(1e-6));
    }

    @Test
    void aChannelHeldInItsChargeStepWithNoCurrentIsNotChargeTime() {
        // A lab pause keeps the step's type: 1 h under 1 A, 20 h held at 0 A (rows every 10 min), 1 h under 1 A.
        List<Sample> samples = new ArrayList<>();
        long dp = 1;
        double t = 0;
        samples.add(sample(dp++, t, 1, StepType.CHARGE, 3.7, 1, 0.0, 0.0));
        t += 3600;
        samples.add(sample(dp++, t, 1, StepType.CHARGE, 3.9, 1, 1.0, 0.0));
        for (int k = 1; k <= 120; k++) {
            samples.add(sample(dp++, t + 600 * k, 1, StepType.CHARGE, 3.8, 0, 1.0, 0.0));
        }
        t += 72_000;
        samples.add(sample(dp++, t + 1, 1, StepType.CHARGE, 3.85, 1, 1.0, 0.0));
        samples.add(sample(dp++, t + 3601, 1, StepType.CHARGE, 4.1, 1, 2.0, 0.0));
        samples.add(sample(dp++, t + 3602, 2, StepType.CHARGE, 3.7, 1, 0.0, 0.0));

        CycleSummary cycle =
                run(samples, CeConvention.DISCHARGE_OVER_CHARGE, false).get(0);

        assertThat(cycle.chargeAh()).isCloseTo(2.0, within(1e-12));
        // 3600 s before the hold and 3600 s after; the intervals either side of it, with current at one end,
        // count (600 s into the hold, the second of the current's return): the 20 h held do not.
        assertThat(cycle.chargeDurationS()).isCloseTo(3600 + 600 + 1 + 3600, within(1e-6));
        assertThat(cycle.endTestTimeS() - cycle.startTestTimeS()).isGreaterThan(79_000);
    }

    @Test
    void aHeldChannelReadingASensorOffsetStaysStepTime() {
        // The counters integrate the offset's reading while held, so its correction (offset x duration) needs
        // that time: only a reading of exactly zero is taken for no current.
        List<Sample> samples = new ArrayList<>();
        long dp = 1;
        samples.add(sample(dp++, 0, 1, StepType.CHARGE, 3.7, 1, 0.0, 0.0));
        samples.add(sample(dp++, 3600, 1, StepType.CHARGE, 3.9, 1, 1.0, 0.0));
        for (int k = 1; k <= 6; k++) {
            samples.add(sample(dp++, 3600 + 600 * k, 1, StepType.CHARGE, 3.8, 0.002, 1.0 + 0.002 * k / 6, 0.0));
        }
        samples.add(sample(dp++, 7201, 2, StepType.CHARGE, 3.7, 1, 0.0, 0.0));

        CycleSummary cycle =
                run(samples, CeConvention.DISCHARGE_OVER_CHARGE, false).get(0);

        assertThat(cycle.chargeDurationS()).isCloseTo(7200, within(1e-6));
    }

    @Test
    void aGapOfNoRowsLongerThanAnHourIsNotStepTime() {
        List<Sample> samples = List.of(
                sample(1, 0, 1, StepType.CHARGE, 3.7, 1, 0.0, 0.0),
                sample(2, 1800, 1, StepType.CHARGE, 3.8, 1, 0.5, 0.0),
                sample(3, 1800 + 48 * 3600, 1, StepType.CHARGE, 3.8, 1, 0.5, 0.0),
                sample(4, 3600 + 48 * 3600, 1, StepType.CHARGE, 3.9, 1, 1.0, 0.0),
                sample(5, 3601 + 48 * 3600, 2, StepType.CHARGE, 3.7, 1, 0.0, 0.0));

        CycleSummary cycle =
                run(samples, CeConvention.DISCHARGE_OVER_CHARGE, false).get(0);

        assertThat(cycle.chargeDurationS()).isCloseTo(3600, within(1e-6));
    }

    @Test
    void aConstantVoltageTailAtItsCutOffIsStillChargeTime() {
        // CC at 1 A, then CV tapering to C/20: the current is flowing all along.
        List<Sample> samples = List.of(
                sample(1, 0, 1, StepType.CHARGE, 3.7, 1, 0.0, 0.0),
                sample(2, 3000, 1, StepType.CHARGE, 4.2, 1, 0.83, 0.0),
                sample(3, 3600, 1, StepType.CHARGE, 4.2, 0.2, 0.9, 0.0),
                sample(4, 4200, 1, StepType.CHARGE, 4.2, 0.05, 0.92, 0.0),
                sample(5, 4201, 2, StepType.CHARGE, 3.7, 1, 0.0, 0.0));

        CycleSummary cycle =
                run(samples, CeConvention.DISCHARGE_OVER_CHARGE, false).get(0);

        assertThat(cycle.chargeDurationS()).isCloseTo(4200, within(1e-6));
    }

    @Test
    void countersResetPerStepAreSummedAcrossSteps() {
        // Neware-style: the charge counter restarts at every step (CC then CV), so the cycle's charge is the sum.
        List<Sample> samples = List.of(
                sample(1, 0, 1, StepType.CHARGE, 3.9, 1, 0.0, 0.0),
                sample(2, 10, 1, StepType.CHARGE, 4.1, 1, 0.30, 0.0),
                sample(3, 20, 1, StepType.CHARGE, 4.2, 0.1, 0.02, 0.0), // CV step: counter restarted
                sample(4, 30, 1, StepType.CHARGE, 4.2, 0.05, 0.05, 0.0),
                sample(5, 40, 1, StepType.DISCHARGE, 3.8, -1, 0.0, 0.1),
                sample(6, 50, 1, StepType.DISCHARGE, 3.5, -1, 0.0, 0.33),
                sample(7, 60, 2, StepType.CHARGE, 3.9, 1, 0.0, 0.0));
        CycleSummary cycle =
                run(samples, CeConvention.DISCHARGE_OVER_CHARGE, false).get(0);
        assertThat(cycle.chargeAh()).isCloseTo(0.35, within(1e-12));
        assertThat(cycle.dischargeAh()).isCloseTo(0.33, within(1e-12));
    }

    @Test
    void countersRunningOnAcrossCcAndCvAreNotCountedTwice() {
        // maccor_three-style: the counter keeps rising from CC into CV; summing step maxima would give 0.5 CE.
        List<Sample> samples = List.of(
                sample(1, 0, 1, StepType.CHARGE, 3.9, 1, 0.0, 0.0),
                sample(2, 10, 1, StepType.CHARGE, 4.1, 1, 0.80, 0.0),
                sample(3, 20, 1, StepType.CHARGE, 4.2, 0.1, 0.85, 0.0),
                sample(4, 30, 1, StepType.CHARGE, 4.2, 0.05, 0.90, 0.0),
                sample(5, 40, 1, StepType.DISCHARGE, 3.5, -1, 0.0, 0.89),
                sample(6, 60, 2, StepType.CHARGE, 3.9, 1, 0.0, 0.0));
        CycleSummary cycle =
                run(samples, CeConvention.DISCHARGE_OVER_CHARGE, false).get(0);
        assertThat(cycle.chargeAh()).isCloseTo(0.90, within(1e-12));
        assertThat(cycle.coulombicEfficiency()).isCloseTo(0.89 / 0.90, within(1e-12));
    }

    private static Sample stepSample(
            long dp, double t, int cycle, int step, StepType type, double v, double i, double qc, double qd) {
        return new Sample(1, "ch", dp, null, t, cycle, step, type, v, i, qc, qd, null, null, null);
    }

    /**
     * A cold cell charged at several C: its CC step reaches the voltage limit within seconds and writes one
     * row (8.8 µAh on its counter); the CV step's first row, a logging interval later, reads 44 µAh.
     */
    private static List<Sample> coldCycle(double cvFirstCounterAh, double cvLastCounterAh) {
        return List.of(
                stepSample(1, 0, 1, 1, StepType.CHARGE, 3.78, 1.482e-3, 0.0, 0.0),
                stepSample(2, 21.4, 1, 1, StepType.CHARGE, 3.80, 1.482e-3, 8.8e-6, 0.0),
                stepSample(3, 133.1, 1, 2, StepType.CHARGE, 3.80, 1.378e-3, cvFirstCounterAh, 0.0),
                stepSample(4, 1800, 1, 2, StepType.CHARGE, 3.80, 1.3e-5, cvLastCounterAh, 0.0),
                stepSample(5, 2000, 1, 4, StepType.DISCHARGE, 3.10, -1.092e-3, 0.0, 15.7e-6),
                stepSample(6, 2720, 1, 4, StepType.DISCHARGE, 2.50, -1.092e-3, 0.0, 234.0e-6),
                stepSample(7, 2800, 2, 1, StepType.CHARGE, 3.60, 1.482e-3, 0.0, 0.0));
    }

    @Test
    void aCounterRestartedWithTheStepAfterAShortStepCountsTheShortStepToo() {
        // Per-step counters: 44 µAh is the CV step's own, counted from zero. Read as a counter running on from
        // 8.8 µAh it would say 35.2 µAh flowed in 111.7 s at no less than 1.378 mA (42.8 µAh): it restarted.
        CycleSummary cycle = run(coldCycle(44.0e-6, 226.7e-6), CeConvention.DISCHARGE_OVER_CHARGE, false)
                .get(0);

        assertThat(cycle.chargeAh()).isCloseTo(235.5e-6, within(1e-12));
        assertThat(cycle.coulombicEfficiency()).isCloseTo(234.0 / 235.5, within(1e-9));
    }

    @Test
    void aCounterRunningOnPastAShortStepIsStillCountedOnce() {
        // The same cycle from a cycler whose counter runs on across CC and CV: 8.8 + 44 µAh at the CV's first row.
        CycleSummary cycle = run(coldCycle(52.8e-6, 235.5e-6), CeConvention.DISCHARGE_OVER_CHARGE, false)
                .get(0);

        assertThat(cycle.chargeAh()).isCloseTo(235.5e-6, within(1e-12));
    }

    @Test
    void countersCumulativeOverTheWholeTestAreDifferenced() {
        List<Sample> samples = List.of(
                sample(1, 0, 1, StepType.CHARGE, 3.9, 1, 0.0, 0.0),
                sample(2, 10, 1, StepType.CHARGE, 4.1, 1, 1.0, 0.0),
                sample(3, 20, 1, StepType.DISCHARGE, 3.5, -1, 1.0, 0.9),
                sample(4, 30, 2, StepType.CHARGE, 3.9, 1, 1.5, 0.9),
                sample(5, 40, 2, StepType.CHARGE, 4.1, 1, 2.0, 0.9),
                sample(6, 50, 2, StepType.DISCHARGE, 3.5, -1, 2.0, 1.8),
                sample(7, 60, 3, StepType.CHARGE, 3.9, 1, 2.0, 1.8));
        List<CycleSummary> cycles = run(samples, CeConvention.DISCHARGE_OVER_CHARGE, false);
        assertThat(cycles.get(1).chargeAh()).isCloseTo(1.0, within(1e-12));
        assertThat(cycles.get(1).dischargeAh()).isCloseTo(0.9, within(1e-12));
    }

    @Test
    void integratesCurrentWhenTheFileHasNoCounters() {
        List<Sample> samples = new ArrayList<>();
        long dp = 0;
        for (int i = 0; i <= 3600; i += 60) {
            samples.add(sample(++dp, i, 1, StepType.CHARGE, 3.8, 0.5, null, null));
        }
        for (int i = 3660; i <= 7200; i += 60) {
            samples.add(sample(++dp, i, 1, StepType.DISCHARGE, 3.6, -0.5, null, null));
        }
        samples.add(sample(++dp, 7260, 2, StepType.REST, 3.6, 0, null, null));
        CycleSummary cycle =
                run(samples, CeConvention.DISCHARGE_OVER_CHARGE, false).get(0);
        assertThat(cycle.capacitySource()).isEqualTo(CycleSummary.CapacitySource.INTEGRATED_CURRENT);
        // The 60 s between the last charge and first discharge sample straddles the current reversal: half each way.
        assertThat(cycle.chargeAh()).isCloseTo(0.5, within(1e-9));
        assertThat(cycle.dischargeAh()).isCloseTo(0.5 - 0.5 * 60 / 3600.0, within(1e-9));
    }

    @Test
    void anodeConventionInvertsCe() {
        List<Sample> samples = new ScriptedCell("ch", 4, 3600)
                .cycle(1, 0.8, 1.0)
                .cycle(2, 0.8, 1.0)
                .samples();
        CycleSummary cycle =
                run(samples, CeConvention.CHARGE_OVER_DISCHARGE, false).get(0);
        assertThat(cycle.coulombicEfficiency()).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void redeliveredSamplesAreIgnoredNotDoubleCounted() {
        List<Sample> samples = new ScriptedCell("ch", 4, 3600)
                .cycle(1, 1.0, 0.9)
                .cycle(2, 1.0, 0.9)
                .samples();
        List<Sample> withDuplicates = new ArrayList<>(samples.subList(0, 5));
        withDuplicates.addAll(samples.subList(2, 5)); // a producer retry resent three rows
        withDuplicates.addAll(samples.subList(5, samples.size()));
        CycleState state = CycleState.newChannel("ch");
        int stale = 0;
        List<CycleSummary> out = new ArrayList<>();
        for (Sample s : withDuplicates) {
            CycleSummarizer.Result r = summarizer.accept(state, s, CeConvention.DISCHARGE_OVER_CHARGE);
            if (r.outcome() == CycleSummarizer.Outcome.STALE) {
                stale++;
            }
            r.closedCycle().ifPresent(out::add);
        }
        assertThat(stale).isEqualTo(3);
        assertThat(out.get(0).chargeAh()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void aCounterWobblingInItsLastDigitIsNotAReset() {
        assertThat(CycleSummarizer.counterIncrease(0.00314244411235655, 0.0031424441123565497))
                .isZero();
        assertThat(CycleSummarizer.counterIncrease(0.0031424, 0.0000012)).isEqualTo(0.0000012);
        assertThat(CycleSummarizer.counterIncrease(null, 0.25)).isEqualTo(0.25);
        assertThat(CycleSummarizer.counterIncrease(0.25, 0.30)).isCloseTo(0.05, within(1e-15));
    }
}
