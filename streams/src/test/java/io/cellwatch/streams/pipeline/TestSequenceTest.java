package io.cellwatch.streams.pipeline;

import static io.cellwatch.streams.testing.SampleCopies.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.detect.ReadingSink;
import io.cellwatch.streams.detect.softshort.CapacityDivergenceDetector;
import io.cellwatch.streams.detect.softshort.CapacityDivergenceState;
import io.cellwatch.streams.testing.HeardOutput;
import io.cellwatch.streams.testing.ScriptedCell;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * A channel's samples as a cycler and a lab write them: a new test on a reused channel restarts the
 * channel's summarizer and detectors, visibly; counters the cycler restarts inside a test, and rows
 * delivered twice, restart nothing.
 */
class TestSequenceTest {
    private static final String CHANNEL = "ch07";
    private static final long HOUR_MS = 3_600_000L;

    private final HeardOutput out = new HeardOutput();

    private final ChannelPipeline pipeline =
            ChannelPipeline.start(DetectorSet.standard(), ChannelInfo.defaultsFor(CHANNEL), ReadingSink.NONE);

    /** A healthy cell of this capacity for cycles 1..n, counters from record 1 and test time 0. */
    private static List<Sample> healthy(double capacityAh, int cycles) {
        ScriptedCell cell = new ScriptedCell(CHANNEL, 6, 3600);
        for (int c = 1; c <= cycles; c++) {
            double jitter = 1 + 0.0005 * Math.sin(c * 1.7);
            cell.cycle(c, capacityAh * 1.001 * jitter, capacityAh * jitter);
        }
        return cell.samples();
    }

    private static List<Sample> map(List<Sample> samples, UnaryOperator<Sample> f) {
        return samples.stream().map(f).toList();
    }

    private void feed(List<Sample> samples) {
        samples.forEach(s -> pipeline.accept(s, out));
    }

    private CapacityDivergenceState divergence() {
        return (CapacityDivergenceState) pipeline.state().detectorState(CapacityDivergenceDetector.NAME);
    }

    @Test
    void aNewFileOnAReusedChannelStartsANewTestWhoseDetectorsLearnTheNewCell() {
        List<Sample> first = healthy(1.0, 30);
        long lastRecord = first.get(first.size() - 1).dataPoint();
        long lastWall = first.get(first.size() - 1).wallTimeMs();
        // A new cell, a new file: ingest numbers its records on; test time and cycle index start again,
        // a day later by the wall clock.
        List<Sample> second = map(
                healthy(0.7, 6),
                s -> with(
                        s,
                        s.dataPoint() + lastRecord,
                        s.testTimeS(),
                        s.wallTimeMs() + lastWall + 24 * HOUR_MS,
                        s.cycleIndex()));
        feed(first);
        assertThat(divergence().baselineChargeAh()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));

        feed(second);

        assertThat(out.sequenceEvents).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(SequenceEvent.Kind.NEW_TEST);
            assertThat(e.testNumber()).isEqualTo(2);
            assertThat(e.sample().cycleIndex()).isEqualTo(1);
        });
        // The old test's last cycle was cut off by the new test: summarized, marked incomplete.
        assertThat(out.cycles.get(29).cycleIndex()).isEqualTo(30);
        assertThat(out.cycles.get(29).complete()).isFalse();
        // The new cell is learnt from its own first cycles (a 30 % smaller cell is no capacity loss and no
        // protocol change): judged from its fifth cycle on.
        assertThat(divergence().baselineChargeAh()).isCloseTo(0.7, org.assertj.core.data.Offset.offset(0.01));
        // The cells are logged every 10 min, which the data-quality watch rightly calls too coarse for the
        // sample detectors (in each test: the new test starts the watch again too); the physics stays quiet.
        assertThat(out.alerts).filteredOn(a -> !a.kind().dataQuality()).isEmpty();
        assertThat(out.alerts)
                .filteredOn(a -> a.status() == io.cellwatch.model.AlertStatus.FIRING)
                .extracting(a -> a.kind())
                .containsOnly(io.cellwatch.model.AlertKind.DATA_QUALITY_COARSE_LOGGING);
        assertThat(pipeline.state().sequence().tests()).isEqualTo(2);
    }

    @Test
    void withoutTheRestartTheSmallerCellWouldBeComparedWithTheOldOne() {
        // The control for the test above: the same two cells as one continuing test (time runs on); its
        // cycles sit 30 % under the old cell's and go unjudged as protocol-made.
        List<Sample> first = healthy(1.0, 30);
        Sample last = first.get(first.size() - 1);
        List<Sample> second = map(
                healthy(0.7, 6),
                s -> with(
                        s,
                        s.dataPoint() + last.dataPoint(),
                        s.testTimeS() + last.testTimeS(),
                        s.wallTimeMs() + (long) (last.testTimeS() * 1000),
                        s.cycleIndex() + 30));
        feed(first);
        feed(second);
        assertThat(out.sequenceEvents).isEmpty();
        assertThat(divergence().baselineChargeAh()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void recordNumbersTestClockAndCycleIndexBackAtTheStartInOneFileWithoutWallClockAreANewTest() {
        UnaryOperator<Sample> noWallClock = s -> with(s, s.dataPoint(), s.testTimeS(), null, s.cycleIndex());
        feed(map(healthy(1.0, 10), noWallClock));
        feed(map(healthy(1.0, 10), noWallClock));
        assertThat(out.sequenceEvents).extracting(SequenceEvent::kind).containsExactly(SequenceEvent.Kind.NEW_TEST);
        assertThat(out.staleSamples()).isZero();
        assertThat(out.cycles).filteredOn(CycleSummary::complete).hasSize(18);
    }

    @Test
    void rowsDeliveredAgainAreStaleWhateverTheyRepeat() {
        List<Sample> samples = healthy(1.0, 10);
        feed(samples);
        int cyclesBefore = out.cycles.size();
        feed(samples.subList(samples.size() - 40, samples.size())); // the last batch again
        feed(samples.subList(0, 20)); // the whole file from its start: the wall clock did not move on
        assertThat(out.sequenceEvents).isEmpty();
        assertThat(out.staleSamples()).isEqualTo(60);
        assertThat(out.cycles).hasSize(cyclesBefore);
    }

    @Test
    void recordNumbersRestartedInsideAFileAreNumberedOnAndNothingRestarts() {
        List<Sample> samples = healthy(1.0, 12);
        int cut = 13 * 7 + 3; // inside cycle 8's charge
        List<Sample> restarted = new ArrayList<>(samples.subList(0, cut));
        samples.subList(cut, samples.size())
                .forEach(s ->
                        restarted.add(with(s, s.dataPoint() - cut, s.testTimeS(), s.wallTimeMs(), s.cycleIndex())));
        feed(restarted);

        assertThat(out.sequenceEvents)
                .extracting(SequenceEvent::kind)
                .containsExactly(SequenceEvent.Kind.RECORD_NUMBERS_RESTARTED);
        assertThat(out.staleSamples()).isZero();
        ChannelPipeline reference = fed(samples);
        assertThat(out.cycles).isEqualTo(referenceCycles(reference, samples));
    }

    @Test
    void aTestClockResetInsideATestIsADataEventAndTheCyclesStayWhole() {
        List<Sample> samples = healthy(1.0, 12);
        int cut = 13 * 7 + 3;
        double back = samples.get(cut).testTimeS();
        List<Sample> reset = new ArrayList<>(samples.subList(0, cut));
        samples.subList(cut, samples.size())
                .forEach(s -> reset.add(with(s, s.dataPoint(), s.testTimeS() - back, s.wallTimeMs(), s.cycleIndex())));
        feed(reset);

        assertThat(out.sequenceEvents)
                .extracting(SequenceEvent::kind)
                .containsExactly(SequenceEvent.Kind.TEST_CLOCK_RESET);
        assertThat(pipeline.state().sequence().tests()).isEqualTo(1);
        assertThat(out.cycles).hasSize(11);
        for (int i = 0; i < out.cycles.size(); i++) {
            assertThat(out.cycles.get(i).chargeAh())
                    .as("cycle %d", i + 1)
                    .isCloseTo(1.001, org.assertj.core.data.Offset.offset(0.002));
        }
    }

    @Test
    void anotherCellDescribedOnTheChannelStartsANewTestAtItsNextSample() {
        List<Sample> samples = healthy(1.0, 20);
        pipeline.describe(cell("NCM622|LPSCl|Li-In", null));
        feed(samples.subList(0, 100));
        // The same cell described again, with a group: the same cell, the same test.
        pipeline.describe(cell("NCM622|LPSCl|Li-In", "pack-3"));
        feed(samples.subList(100, 150));
        assertThat(out.sequenceEvents).isEmpty();

        pipeline.describe(cell("LFP|QCPE|Li", "pack-3"));
        feed(samples.subList(150, samples.size()));
        assertThat(out.sequenceEvents).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(SequenceEvent.Kind.NEW_TEST);
            assertThat(e.reason()).contains("LFP|QCPE|Li");
            assertThat(e.sample().dataPoint()).isEqualTo(samples.get(150).dataPoint());
        });
    }

    @Test
    void aFirstDescriptionOfAChannelMonitoredUndescribedIsNoNewTest() {
        List<Sample> samples = healthy(1.0, 10);
        feed(samples.subList(0, 50));
        pipeline.describe(cell("NCM622|Graphite", null));
        feed(samples.subList(50, samples.size()));
        assertThat(out.sequenceEvents).isEmpty();
    }

    private static ChannelInfo cell(String chemistry, String group) {
        ChannelInfo d = ChannelInfo.defaultsFor(CHANNEL);
        return new ChannelInfo(
                d.schemaVersion(),
                CHANNEL,
                CellType.FULL,
                chemistry,
                1.0,
                null,
                null,
                d.protocol(),
                d.ceConvention(),
                group);
    }

    private static ChannelPipeline fed(List<Sample> samples) {
        return ChannelPipeline.start(DetectorSet.standard(), ChannelInfo.defaultsFor(CHANNEL), ReadingSink.NONE);
    }

    private static List<CycleSummary> referenceCycles(ChannelPipeline reference, List<Sample> samples) {
        HeardOutput heard = new HeardOutput();
        samples.forEach(s -> reference.accept(s, heard));
        return heard.cycles;
    }
}
