package io.cellwatch.simulator.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Benign events leave the cell's true capacity where physics puts it, and the cycler's counters
 * show what physics says they should (nothing here involves a detector).
 */
class BenignTruthTest {

    private static CellPlan ncm() {
        CellPlan p = Plans.cell(Chemistry.LI_ION_NCM_GRAPHITE, 0.003, 12);
        p.fadePerCycle = 0.0003;
        p.ceLoss = 0.001;
        return p;
    }

    private static Recording run(CellPlan p, CyclerQuirks q) {
        return Recording.of(Plans.scenario(FaultFamily.NONE, p, LoggingPolicy.every(30), q, 2000));
    }

    @Test
    void aColdStepScalesTheTrueAndTheMeasuredCapacityByItsFactorAndBothComeBack() {
        CellPlan p = ncm();
        p.temperatureSteps.add(new CellPlan.TemperatureStep(6, 10, (0.8 - 1) / Conditions.CAPACITY_PER_KELVIN, 0.8));
        p.lastCycle = 14;
        Recording r = run(p, Plans.quietCycler());
        double before = r.truth.cycle(0, 5).orElseThrow().capacityAh();
        assertThat(r.truth.cycle(0, 7).orElseThrow().capacityAh() / before).isCloseTo(0.8, within(0.002));
        assertThat(r.truth.cycle(0, 11).orElseThrow().capacityAh() / before).isCloseTo(1.0, within(0.005));
        assertThat(r.cycle(8).dischargeAh / r.cycle(4).dischargeAh).isCloseTo(0.8, within(0.03));
        assertThat(r.cycle(12).dischargeAh / r.cycle(4).dischargeAh).isCloseTo(1.0, within(0.01));
        // The chamber's temperature is in the rows.
        double cold = r.cycle(8).rows.get(5).temperatureC();
        double warm = r.cycle(4).rows.get(5).temperatureC();
        assertThat(cold - warm).isCloseTo(-24, within(1.0));
    }

    @Test
    void aLowerChargeCutOffTakesTheCapacityTheOcvCurveSaysAndLeavesTheCellAlone() {
        CellPlan p = ncm();
        p.cutoffChanges.add(new CellPlan.CutoffChange(6, -0.1, 0));
        p.lastCycle = 10;
        Recording r = run(p, Plans.quietCycler());
        // The cell is the same cell: its true capacity follows its fade line through the change.
        double before = r.truth.cycle(0, 5).orElseThrow().capacityAh();
        assertThat(r.truth.cycle(0, 7).orElseThrow().capacityAh() / before).isCloseTo(1 - 2 * 0.0003, within(1e-4));
        // The charge now stops at 4.1 V instead of 4.2 V ...
        double top =
                r.cycle(8).rows.stream().mapToDouble(s -> s.voltageV()).max().orElseThrow();
        assertThat(top).isCloseTo(4.1, within(0.005));
        // ... where NCM|graphite's OCV puts ~91 % of the charge, so both counted capacities lose ~9 %.
        double kept = Chemistry.LI_ION_NCM_GRAPHITE.ocv.soc(4.1);
        assertThat(kept).isBetween(0.9, 0.93);
        assertThat(r.cycle(8).dischargeAh / r.cycle(4).dischargeAh).isCloseTo(kept, within(0.03));
        assertThat(r.cycle(8).chargeAh / r.cycle(4).chargeAh).isCloseTo(kept, within(0.03));
        // The truth says the lab did it, from the cycle it did it.
        assertThat(r.truth.events())
                .filteredOn(e -> e.condition() == BenignCondition.CUTOFF_CHANGE)
                .singleElement()
                .satisfies(e -> assertThat(e.detail())
                        .isEqualTo("charge cut-off 4.100 V, discharge cut-off 3.000 V from cycle 6"));
    }

    @Test
    void aRaisedDischargeCutOffEndsTheDischargeThereAndTakesOnlyWhatTheCurveHoldsUnderIt() {
        CellPlan p = ncm();
        p.cutoffChanges.add(new CellPlan.CutoffChange(6, 0, 0.5));
        p.lastCycle = 10;
        Recording r = run(p, Plans.quietCycler());
        double bottom = r.cycle(8).rows.stream()
                .filter(s -> s.currentA() < 0)
                .mapToDouble(s -> s.voltageV())
                .min()
                .orElseThrow();
        assertThat(bottom).isCloseTo(3.5, within(0.005));
        // Under 3.5 V NCM|graphite holds only the few percent at its steep bottom end.
        double lost = 1 - r.cycle(8).dischargeAh / r.cycle(4).dischargeAh;
        assertThat(lost).isBetween(0.01, 0.10);
        assertThat(r.truth.cycle(0, 7).orElseThrow().capacityAh()
                        / r.truth.cycle(0, 5).orElseThrow().capacityAh())
                .isCloseTo(1 - 2 * 0.0003, within(1e-4));
    }

    @Test
    void aCalendarPauseCostsOnlyItsSelfDischargeAndTheFadeLineGoesOn() {
        CellPlan p = ncm();
        p.selfDischargePerMonth = 0.03;
        p.calendarPauses.add(new CellPlan.CalendarPause(5, true, 7 * 86_400, false));
        p.lastCycle = 9;
        Recording r = run(p, Plans.quietCycler());
        CycleTruth c4 = r.truth.cycle(0, 4).orElseThrow();
        CycleTruth c6 = r.truth.cycle(0, 6).orElseThrow();
        assertThat(c6.capacityAh() / c4.capacityAh()).isCloseTo(1 - 2 * 0.0003, within(1e-4));
        // A week at 3 %/month: ~0.7 % of the charge is gone from the discharge after the pause ...
        double lost = 1 - r.cycle(5).dischargeAh / r.cycle(4).dischargeAh;
        assertThat(lost).isBetween(0.004, 0.010);
        // ... and the next cycle is back on the line.
        assertThat(r.cycle(6).dischargeAh / r.cycle(4).dischargeAh).isCloseTo(1 - 2 * 0.0003, within(0.002));
        // No rows during the pause: a gap of a week in the test time.
        double gap = 0;
        for (int i = 1; i < r.rows.size(); i++) {
            gap = Math.max(gap, r.rows.get(i).testTimeS() - r.rows.get(i - 1).testTimeS());
        }
        assertThat(gap).isGreaterThan(7 * 86_400 - 60);
    }

    @Test
    void aCurrentOffsetLeavesTheCellAloneAndShiftsTheCountedCapacitiesApart() {
        CellPlan healthy = ncm();
        healthy.lastCycle = 5;
        CellPlan offset = ncm();
        offset.lastCycle = 5;
        CyclerQuirks q = Plans.quietCycler();
        q.currentOffsetA = 0.01 * healthy.chargeRate * healthy.nominalAh;
        Recording a = run(healthy, Plans.quietCycler());
        Recording b = run(offset, q);
        assertThat(b.truth.cycles()).isEqualTo(a.truth.cycles());
        // +1 % of the current on charge and discharge alike: about +1 % counted in, −1 % counted out.
        assertThat(b.cycle(3).chargeAh / a.cycle(3).chargeAh).isCloseTo(1.01, within(0.002));
        assertThat(b.cycle(3).dischargeAh / a.cycle(3).dischargeAh).isCloseTo(0.99, within(0.002));
    }

    @Test
    void aSuddenCapacityLossIsInTheTruthAndInBothCountedCapacities() {
        CellPlan p = ncm();
        p.capacityLossCycle = 5;
        p.capacityLossFactor = 0.7;
        p.lastCycle = 8;
        Recording r = Recording.of(
                Plans.scenario(FaultFamily.CAPACITY_LOSS, p, LoggingPolicy.every(30), Plans.quietCycler(), 2000));
        assertThat(r.truth.onsetCycle()).isEqualTo(5);
        assertThat(r.truth.cycle(0, 6).orElseThrow().capacityAh()
                        / r.truth.cycle(0, 4).orElseThrow().capacityAh())
                .isCloseTo(0.7, within(0.002));
        assertThat(r.cycle(6).dischargeAh / r.cycle(3).dischargeAh).isCloseTo(0.7, within(0.02));
        assertThat(r.cycle(6).chargeAh / r.cycle(3).chargeAh).isCloseTo(0.7, within(0.02));
    }

    @Test
    void aFasterRateLowersTheMeasuredCapacityNotTheTrueOne() {
        CellPlan p = ncm();
        p.cvMaxS = 0;
        p.rateChanges.add(new CellPlan.RateChange(5, 1.5, 1.5));
        p.lastCycle = 8;
        Recording r = run(p, Plans.quietCycler());
        assertThat(r.truth.cycle(0, 6).orElseThrow().capacityAh()
                        / r.truth.cycle(0, 4).orElseThrow().capacityAh())
                .isCloseTo(1 - 2 * 0.0003, within(1e-4));
        // Concentration polarisation: the cell reaches its cut-off earlier at the higher rate.
        assertThat(r.cycle(6).dischargeAh).isLessThan(0.99 * r.cycle(3).dischargeAh);
    }

    @Test
    void aPauseInTheMiddleOfAChargeLeavesNoRowsAndTheChargeAddsUp() {
        CellPlan p = ncm();
        p.midChargePauses.add(new CellPlan.MidChargePause(4, 0.5, 10 * 3600));
        p.lastCycle = 6;
        Recording r = run(p, Plans.quietCycler());
        assertThat(r.cycle(4).chargeAh / r.cycle(3).chargeAh).isCloseTo(1.0, within(0.003));
        boolean gapInCharge = false;
        for (int i = 1; i < r.cycle(4).rows.size(); i++) {
            var a = r.cycle(4).rows.get(i - 1);
            var b = r.cycle(4).rows.get(i);
            gapInCharge |= a.stepIndex() == 1 && b.stepIndex() == 1 && b.testTimeS() - a.testTimeS() > 9 * 3600;
        }
        assertThat(gapInCharge).isTrue();
    }
}
