package io.cellwatch.streams.detect.symmetric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CountersRunTest {

    @Test
    void aSteadyStretchStartsAgainWhereAnIntervalStepsByMoreThanTheLimit() {
        // Range 9001 ccd-step-up seed 9004's four 175 s intervals under steady readings: 9.4, 15.3, 1.2, 1.2 mV.
        CountersRun run = new CountersRun();
        run.foldSteady(0.0094, 0, 175, 0.0037, 0.0043);
        run.foldSteady(0.0153, 175, 350, 0.0037, 0.0049);
        run.foldSteady(0.0012, 350, 525, 0.0037, 0.0040);
        run.foldSteady(0.0012, 525, 700, 0.0037, -0.0003);

        assertThat(run.intervals()).isEqualTo(2);
        assertThat(run.startTestTimeS).isEqualTo(350.0);
        assertThat(run.meanV()).isCloseTo(0.0012, within(1e-12));
        assertThat(run.scatterErrorV()).isCloseTo(0.0, within(1e-12));
        assertThat(run.readingsMeanV()).isCloseTo(0.00185, within(1e-12));
    }

    @Test
    void aSteadyStretchStartsAgainAfterIntervalsNotFoldedIn() {
        CountersRun run = new CountersRun();
        run.foldSteady(0.0012, 0, 20, 0.0037, 0.001);
        run.foldSteady(0.0013, 20, 40, 0.0037, 0.001);
        // The readings between 40 and 120 s were not folded (a half's first minutes): a gap.
        run.foldSteady(0.0012, 120, 140, 0.0037, 0.001);

        assertThat(run.intervals()).isEqualTo(1);
        assertThat(run.startTestTimeS).isEqualTo(120.0);
    }

    @Test
    void theIntervalsOwnScatterGivesTheMeansStandardError() {
        CountersRun run = new CountersRun();
        run.foldSteady(0.002265, 0, 15, 0.004, 0.0033);
        run.foldSteady(0.002038, 15, 30, 0.004, 0.0021);

        // sd of (2.265, 2.038) mV is 0.1605 mV; over √2: 0.1135 mV.
        assertThat(run.scatterErrorV()).isCloseTo(0.0001135, within(1e-7));
    }

    @Test
    void aTailsIntervalsKeepTheReadingsClosingThemAndNoteAStepWithoutStartingAgain() {
        // Range 13001's ccd-step-up seed 13003: 7.5 mV over the interval closed by an 8.4 mV reading, then,
        // after the stripping half's first minutes (not folded), 6.8 mV closed by 8.0 mV.
        CountersRun run = new CountersRun();
        run.foldClosedBy(0.0075, 0, 54, 0.0052, 0.0084);
        run.foldClosedBy(0.0068, 318, 424, 0.0052, 0.0080);

        assertThat(run.intervals()).isEqualTo(2);
        assertThat(run.startTestTimeS).isEqualTo(0.0);
        assertThat(run.stepped).isFalse();
        assertThat(run.meanV()).isCloseTo((0.0075 * 54 + 0.0068 * 106) / 160, within(1e-12));
        assertThat(run.readingsMeanV()).isCloseTo(0.0082, within(1e-12));

        run.foldClosedBy(0.0153, 424, 530, 0.0052, 0.0081);
        assertThat(run.intervals()).isEqualTo(3);
        assertThat(run.stepped).isTrue();
    }
}
