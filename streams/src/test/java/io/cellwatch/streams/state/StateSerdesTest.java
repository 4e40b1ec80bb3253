package io.cellwatch.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Alert;
import io.cellwatch.model.CeConvention;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.cycle.CycleState;
import io.cellwatch.streams.cycle.CycleSummarizer;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.detect.ReadingSink;
import io.cellwatch.streams.detect.SyntheticSymmetricCell;
import io.cellwatch.streams.detect.softshort.CapacityDivergenceDetector;
import io.cellwatch.streams.detect.softshort.CapacityDivergenceSettings;
import io.cellwatch.streams.detect.softshort.CapacityDivergenceState;
import io.cellwatch.streams.pipeline.ChannelOutput;
import io.cellwatch.streams.pipeline.ChannelPipeline;
import io.cellwatch.streams.pipeline.PipelineState;
import io.cellwatch.streams.testing.ScriptedCell;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class StateSerdesTest {

    private static <T> T roundTrip(Class<T> type, T value) {
        Serde<T> serde = StateSerdes.of(type);
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
    }

    @Test
    void cycleStateSurvivesTheStoreMidCycle() {
        CycleSummarizer summarizer = new CycleSummarizer();
        var samples = new ScriptedCell("ch", 5, 3600)
                .cycle(1, 1.0, 0.9)
                .cycle(2, 1.0, 0.9)
                .samples();
        CycleState direct = CycleState.newChannel("ch");
        CycleState stored = CycleState.newChannel("ch");
        CycleSummary viaStore = null;
        CycleSummary inMemory = null;
        for (var s : samples) {
            var a = summarizer.accept(direct, s, CeConvention.DISCHARGE_OVER_CHARGE);
            stored = roundTrip(CycleState.class, stored);
            var b = summarizer.accept(stored, s, CeConvention.DISCHARGE_OVER_CHARGE);
            if (a.closedCycle().isPresent()) {
                inMemory = a.closedCycle().get();
                viaStore = b.closedCycle().orElseThrow();
            }
        }
        assertThat(viaStore).isEqualTo(inMemory);
    }

    @Test
    void detectorStateKeepsItsBaseline() {
        var detector = new CapacityDivergenceDetector(CapacityDivergenceSettings.defaults());
        var channel = ChannelInfo.defaultsFor("ch");
        CapacityDivergenceState state = detector.newState(channel);
        for (int c = 1; c <= 8; c++) {
            detector.onCycle(
                    state,
                    new CycleSummary(
                            1,
                            "ch",
                            c,
                            0,
                            1,
                            null,
                            1,
                            1.0 + c * 1e-4,
                            0.99,
                            0,
                            0,
                            0.99,
                            null,
                            null,
                            0,
                            0,
                            null,
                            null,
                            null,
                            CycleSummary.CapacitySource.CYCLER_COUNTERS,
                            true,
                            null,
                            null),
                    channel,
                    io.cellwatch.streams.detect.ReadingSink.NONE);
        }
        CapacityDivergenceState copy = roundTrip(CapacityDivergenceState.class, state);
        assertThat(copy.baselineChargeAh()).isEqualTo(state.baselineChargeAh()).isGreaterThan(1.0);
        assertThat(copy.baselineDischargeAh()).isEqualTo(0.99);
    }

    @Test
    void aChannelsStateDoesNotGrowWithTheLengthOfItsTest() {
        CycleSummarizer summarizer = new CycleSummarizer();
        var detector = new CapacityDivergenceDetector(CapacityDivergenceSettings.defaults());
        var channel = ChannelInfo.defaultsFor("ch");
        ScriptedCell cell = new ScriptedCell("ch", 20, 3600);
        for (int c = 1; c <= 600; c++) {
            cell.cycle(c, 1.0 - c * 1e-4, 0.99 - c * 1e-4);
        }
        CycleState cycleState = CycleState.newChannel("ch");
        CapacityDivergenceState detectorState = detector.newState(channel);
        Serde<CycleState> cycleSerde = StateSerdes.of(CycleState.class);
        Serde<CapacityDivergenceState> detectorSerde = StateSerdes.of(CapacityDivergenceState.class);
        int[] sizesAtCycle = new int[601];
        for (var sample : cell.samples()) {
            summarizer
                    .accept(cycleState, sample, CeConvention.DISCHARGE_OVER_CHARGE)
                    .closedCycle()
                    .ifPresent(cycle -> detector.onCycle(
                            detectorState, cycle, channel, io.cellwatch.streams.detect.ReadingSink.NONE));
            sizesAtCycle[sample.cycleIndex()] = cycleSerde.serializer().serialize("t", cycleState).length
                    + detectorSerde.serializer().serialize("t", detectorState).length;
        }
        // Bounded: the same few hundred bytes after 20 cycles as after 600 (digits of numbers may differ).
        assertThat(sizesAtCycle[600]).isLessThan(1024).isBetween(sizesAtCycle[20] - 16, sizesAtCycle[20] + 16);
    }

    @Test
    void aFullCellsWholePipelineStateSurvivesTheStoreBetweenSamples() {
        assertSurvivesTheStoreBetweenSamples(
                ChannelInfo.defaultsFor("li-in"),
                ScriptedCell.liInLike("li-in", 880, 891, 896, 3.14e-3, 0.04).samples());
    }

    @Test
    void aSymmetricCellsWholePipelineStateSurvivesTheStoreBetweenSamples() {
        double softShortS = 20 * 3600;
        assertSurvivesTheStoreBetweenSamples(
                StoredStateCompatibilityTest.SYMMETRIC,
                new SyntheticSymmetricCell(StoredStateCompatibilityTest.SYMMETRIC.channelId(), 1.0, 60, 9)
                        .cycling(1, 24, 0.5, t -> t < softShortS ? 0.27 : 0.1, t -> t < softShortS ? 0.001 : 0.008)
                        .samples());
    }

    /** A state encoded and decoded again after every sample gives what one kept in memory gives. */
    private static void assertSurvivesTheStoreBetweenSamples(ChannelInfo channel, List<Sample> samples) {
        DetectorSet detectors = DetectorSet.standard();
        Serde<PipelineState> serde = PipelineStateSerde.of(detectors);
        List<Object> inMemory = new ArrayList<>();
        List<Object> viaStore = new ArrayList<>();
        ChannelPipeline direct = ChannelPipeline.start(detectors, channel, ReadingSink.NONE);
        PipelineState stored = null;
        for (var sample : samples) {
            direct.accept(sample, collect(inMemory));
            ChannelPipeline resumed = stored == null
                    ? ChannelPipeline.start(detectors, channel, ReadingSink.NONE)
                    : ChannelPipeline.resume(
                            detectors,
                            channel,
                            serde.deserializer()
                                    .deserialize("t", serde.serializer().serialize("t", stored)),
                            ReadingSink.NONE);
            resumed.accept(sample, collect(viaStore));
            stored = resumed.state();
        }
        assertThat(inMemory).filteredOn(Alert.class::isInstance).isNotEmpty();
        assertThat(viaStore).isEqualTo(inMemory);
        assertThat(stored.detectorNames())
                .containsExactlyElementsOf(direct.state().detectorNames());
        assertThat(serde.serializer().serialize("t", stored))
                .isEqualTo(serde.serializer().serialize("t", direct.state()));
    }

    @Test
    void aDetectorStateNoLongerRunIsDroppedAndANewDetectorStartsFresh() {
        DetectorSet before = DetectorSet.standard();
        DetectorSet after = new DetectorSet(before.cycleDetectors().subList(0, 1), before.sampleDetectors());
        ChannelPipeline pipeline = ChannelPipeline.start(before, ChannelInfo.defaultsFor("ch"), ReadingSink.NONE);
        new ScriptedCell("ch", 5, 3600)
                .cycle(1, 1.0, 0.9)
                .cycle(2, 1.0, 0.9)
                .cycle(3, 1.0, 0.9)
                .samples()
                .forEach(sample -> pipeline.accept(sample, collect(new ArrayList<>())));
        byte[] bytes = PipelineStateSerde.of(before).serializer().serialize("t", pipeline.state());
        PipelineState read = PipelineStateSerde.of(after).deserializer().deserialize("t", bytes);
        assertThat(pipeline.state().detectorNames())
                .contains(before.cycleDetectors().get(1).name());
        assertThat(read.detectorNames())
                .doesNotContain(before.cycleDetectors().get(1).name());
        assertThat(read.detectorState(before.cycleDetectors().get(0).name()))
                .isInstanceOf(before.cycleDetectors().get(0).stateType());
        assertThat(read.cycle().cycleIndex()).isEqualTo(3);
    }

    @Test
    void aChannelsWholePipelineStateDoesNotGrowWithTheLengthOfItsTest() {
        DetectorSet detectors = DetectorSet.standard();
        Serde<PipelineState> serde = PipelineStateSerde.of(detectors);
        ChannelPipeline pipeline = ChannelPipeline.start(detectors, ChannelInfo.defaultsFor("ch"), ReadingSink.NONE);
        ScriptedCell cell = new ScriptedCell("ch", 20, 3600);
        for (int c = 1; c <= 600; c++) {
            cell.cycle(c, 1.0 - c * 1e-4, 0.99 - c * 1e-4);
        }
        int[] sizesAtCycle = new int[601];
        for (var sample : cell.samples()) {
            pipeline.accept(sample, collect(new ArrayList<>()));
            sizesAtCycle[sample.cycleIndex()] = serde.serializer().serialize("t", pipeline.state()).length;
        }
        System.err.printf(
                "pipeline state of a full cell: %d bytes at cycle 20, %d at cycle 600%n",
                sizesAtCycle[20], sizesAtCycle[600]);
        // Summarizer, test sequence, every full-cell detector (six, with the leak, orientation, sudden-loss
        // and hard-short memory, the fade detector's levels per condition and the previous cycle's currents, end
        // voltages and temperature, about 0.1 KB) and the data-quality watch (its last
        // sample and step, and the last step under current closed in the cycle, to judge a resumed step whole:
        // about 0.25 KB), the imminent short's usual charge curve and the running charge's 32-point trace
        // (the leak from the charge balance, about 1.1 KB), its recent charges' bound (about 0.1 KB) and the cell's
        // charge-discharge gap (about 0.1 KB), the CE detector's healthy balance per set of conditions (about
        // 0.12 KB each, at most four): bounded, about 4.7 KB (digits of numbers may differ). Over the 2 KB goal:
        // README, performance.
        assertThat(sizesAtCycle[600]).isLessThan(4864).isBetween(sizesAtCycle[20] - 64, sizesAtCycle[20] + 64);
    }

    private static ChannelOutput collect(List<Object> events) {
        return new ChannelOutput() {
            @Override
            public void onCycle(CycleSummary cycle) {
                events.add(cycle);
            }

            @Override
            public void onAlert(Alert alert) {
                events.add(alert);
            }
        };
    }
}
