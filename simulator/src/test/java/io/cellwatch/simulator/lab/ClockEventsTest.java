package io.cellwatch.simulator.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.model.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Events bound to the wall clock (a chamber's temperature step, the lab holding a rack) meet cells
 * that have drifted apart in cycles at one moment, in whatever step each is.
 */
class ClockEventsTest {
    private static final double STEP_AT_S = 60 * 3600;

    /** Two cells of one nominal capacity that age apart: one has 10 % more capacity and fades 10× faster. */
    private static List<CellPlan> apart() {
        CellPlan slow = Plans.cell(Chemistry.LI_ION_NCM_GRAPHITE, 0.003, 12);
        slow.fadePerCycle = 0.0003;
        CellPlan fast = Plans.cell(Chemistry.LI_ION_NCM_GRAPHITE, 0.003, 12);
        fast.capacityAh = 0.0033;
        fast.fadePerCycle = 0.003;
        return List.of(slow, fast);
    }

    private static Recording run(CellPlan p, double hours) {
        return Recording.of(Plans.scenario(FaultFamily.NONE, p, LoggingPolicy.every(30), Plans.quietCycler(), hours));
    }

    private static Sample lastBefore(Recording r, double s) {
        return r.rows.stream()
                .filter(row -> Recording.channelS(row) < s)
                .reduce((a, b) -> b)
                .orElseThrow();
    }

    private static Sample firstFrom(Recording r, double s) {
        return r.rows.stream()
                .filter(row -> Recording.channelS(row) >= s)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aChamberStepMeetsCellsThatAgedApartAtOneMoment() {
        double deltaC = (0.8 - 1) / Conditions.CAPACITY_PER_KELVIN;
        int[] cycleAtStep = new int[2];
        for (int i = 0; i < 2; i++) {
            CellPlan p = apart().get(i);
            p.clock.chamberSteps.add(new ClockEvents.ChamberStep(STEP_AT_S, STEP_AT_S + 30 * 3600, deltaC, 0.8));
            Recording r = run(p, 120);
            Sample before = lastBefore(r, STEP_AT_S);
            Sample after = firstFrom(r, STEP_AT_S);
            cycleAtStep[i] = before.cycleIndex();
            // the chamber's temperature in the rows steps between two rows 30 s apart around the moment
            assertThat(Recording.channelS(after) - Recording.channelS(before)).isLessThanOrEqualTo(30 + 1e-3);
            assertThat(after.temperatureC() - before.temperatureC()).isCloseTo(deltaC, within(0.2));
            assertThat(r.truth.events())
                    .filteredOn(e -> e.condition() == BenignCondition.TEMPERATURE_STEP)
                    .singleElement()
                    .satisfies(e -> assertThat(e.startS()).isCloseTo(STEP_AT_S, within(1e-3)));
            // the capacity follows from the first cycle begun in the cold, back with the first begun warm again
            List<CycleTruth> cycles = r.truth.cycles();
            CycleTruth lastWarm = cycles.stream()
                    .filter(c -> c.startS() < STEP_AT_S)
                    .reduce((a, b) -> b)
                    .orElseThrow();
            CycleTruth firstCold = cycles.get(cycles.indexOf(lastWarm) + 1);
            CycleTruth firstWarmAgain = cycles.stream()
                    .filter(c -> c.startS() >= STEP_AT_S + 30 * 3600)
                    .findFirst()
                    .orElseThrow();
            double fade = 1 - p.fadePerCycle;
            assertThat(firstCold.capacityAh() / lastWarm.capacityAh()).isCloseTo(0.8 * fade, within(1e-6));
            assertThat(firstWarmAgain.capacityAh() / lastWarm.capacityAh())
                    .isCloseTo(Math.pow(fade, firstWarmAgain.cycleIndex() - lastWarm.cycleIndex()), within(1e-6));
        }
        assertThat(cycleAtStep[0]).as("the cells have drifted apart in cycles").isNotEqualTo(cycleAtStep[1]);
    }

    @Test
    void theLabHoldsEveryCellAtOneMomentInWhicheverStepAndTheStepResumes() {
        double holdS = 3 * 86_400;
        int[] stepHeld = new int[2];
        for (int i = 0; i < 2; i++) {
            CellPlan p = apart().get(i);
            p.clock.pauses.add(new ClockEvents.LabPause(STEP_AT_S, holdS, false));
            Recording r = run(p, 160);
            Sample before = lastBefore(r, STEP_AT_S + 1e-3);
            Sample after = firstFrom(r, STEP_AT_S + 1e-3);
            stepHeld[i] = 100 * before.cycleIndex() + before.stepIndex();
            assertThat(Recording.channelS(before)).isCloseTo(STEP_AT_S, within(30.0));
            assertThat(Recording.channelS(after)).isBetween(STEP_AT_S + holdS, STEP_AT_S + holdS + 30);
            // the same step goes on, its counters where they stood
            assertThat(after.cycleIndex()).isEqualTo(before.cycleIndex());
            assertThat(after.stepIndex()).isEqualTo(before.stepIndex());
            assertThat(after.stepType()).isEqualTo(before.stepType());
            assertThat(after.chargeCapacityAh()).isGreaterThanOrEqualTo(before.chargeCapacityAh());
            assertThat(after.dischargeCapacityAh()).isGreaterThanOrEqualTo(before.dischargeCapacityAh());
            assertThat(r.truth.events())
                    .filteredOn(e -> e.condition() == BenignCondition.CALENDAR_PAUSE)
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.startS()).isCloseTo(STEP_AT_S, within(1e-3));
                        assertThat(e.endS()).isCloseTo(STEP_AT_S + holdS, within(1e-3));
                    });
        }
        assertThat(stepHeld[0]).as("held in different cycles or steps").isNotEqualTo(stepHeld[1]);
    }

    @Test
    void aLoggedHoldWritesARowAtRestEveryTenMinutes() {
        CellPlan p = apart().get(0);
        p.clock.pauses.add(new ClockEvents.LabPause(STEP_AT_S, 86_400, true));
        Recording r = run(p, 100);
        List<Sample> held = r.rows.stream()
                .filter(row -> Recording.channelS(row) > STEP_AT_S + 1 && Recording.channelS(row) < STEP_AT_S + 86_400)
                .toList();
        assertThat(held)
                .hasSizeBetween(143, 145)
                .allSatisfy(row -> assertThat(row.currentA()).isZero());
    }
}
