package io.cellwatch.simulator.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.model.Sample;
import io.cellwatch.model.StepType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A hard short that comes while the cycler logs nothing (a pause) does not end the file there: the
 * cycler resumes its schedule over the shorted cell and logs what it finds, until the lab stops it.
 */
class ShortInAPauseTest {
    private static final double PAUSE_S = 20 * 3600;

    /** A 3 mAh NCM cell at C/2 shorted by 50× its 1C current 2 h into cycle 5. */
    private static CellPlan shortedCell() {
        CellPlan p = Plans.cell(Chemistry.LI_ION_NCM_GRAPHITE, 0.003, 12);
        p.hardShortCycle = 5;
        p.hardShortDelayS = 2 * 3600;
        p.hardShortOhm = p.chemistry.ocv.volts(0.5) / (50 * p.nominalAh);
        p.lastCycle = 8;
        return p;
    }

    private static Recording run(CellPlan p) {
        return Recording.of(
                Plans.scenario(FaultFamily.HARD_SHORT, p, LoggingPolicy.every(30), Plans.quietCycler(), 400));
    }

    private static List<Sample> after(Recording r, double s) {
        return r.rows.stream().filter(row -> Recording.channelS(row) > s).toList();
    }

    @Test
    void aShortInAPauseMidChargeIsLoggedWhenTheChargeResumesUntilTheLabStopsTheChannel() {
        CellPlan p = shortedCell();
        // the charge of cycle 5 stops after 1 h (half of it at C/2) for 20 h without rows
        p.midChargePauses.add(new CellPlan.MidChargePause(5, 0.5, PAUSE_S));
        Recording r = run(p);
        double onset = r.truth.onsetS();
        assertThat(r.truth.deathS()).as("dead inside the pause").isLessThan(onset + PAUSE_S - 3600);
        List<Sample> logged = after(r, onset);
        assertThat(logged).as("rows after the onset").isNotEmpty();
        double resumed = Recording.channelS(logged.get(0));
        assertThat(resumed).isGreaterThan(onset + PAUSE_S - 2 * 3600);
        // the same charge step resumes: its current flows into the short, the voltage stays collapsed
        Sample first = logged.get(0);
        assertThat(first.cycleIndex()).isEqualTo(5);
        assertThat(first.stepType()).isEqualTo(StepType.CHARGE);
        assertThat(logged)
                .filteredOn(row -> row.stepType() == StepType.CHARGE)
                .isNotEmpty()
                .allSatisfy(row -> {
                    assertThat(row.currentA()).isPositive();
                    assertThat(row.voltageV()).isLessThan(p.chemistry.vMin);
                });
        // the lab stops the channel as long after the death as it has seen it for
        double last = Recording.channelS(r.rows.get(r.rows.size() - 1));
        assertThat(last - resumed).isCloseTo(FullCellRun.AFTER_DEATH_S, within(60.0));
    }

    @Test
    void aShortInACalendarPauseWithoutRowsIsLoggedOnceTheScheduleGoesOn() {
        CellPlan p = shortedCell();
        // after the charge of cycle 5 the test stops for 2 days, nothing logged; the short comes in it
        p.hardShortDelayS = 0.9 * 3600 / p.chargeRate + p.restAfterChargeS + 3600;
        p.calendarPauses.add(new CellPlan.CalendarPause(5, true, 2 * 86_400, false));
        Recording r = run(p);
        double onset = r.truth.onsetS();
        assertThat(r.truth.deathS()).isLessThan(onset + 3600);
        List<Sample> logged = after(r, onset);
        assertThat(logged).as("rows after the onset").isNotEmpty();
        assertThat(Recording.channelS(logged.get(0))).isGreaterThan(onset + 86_400);
        assertThat(logged).allSatisfy(row -> assertThat(row.voltageV()).isLessThan(p.chemistry.vMin));
        // the next cycle's charge cannot lift the cell out of the short
        assertThat(logged).anySatisfy(row -> {
            assertThat(row.cycleIndex()).isEqualTo(6);
            assertThat(row.stepType()).isEqualTo(StepType.CHARGE);
        });
    }

    @Test
    void aShortWhileRowsAreLoggedStillEndsTheRunTwoHoursAfterTheDeath() {
        Recording r = run(shortedCell());
        double last = Recording.channelS(r.rows.get(r.rows.size() - 1));
        assertThat(last - r.truth.deathS()).isCloseTo(FullCellRun.AFTER_DEATH_S, within(1.0));
    }
}
