package io.cellwatch.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.CeConvention;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.streams.cycle.CycleState;
import io.cellwatch.streams.cycle.CycleSummarizer;
import io.cellwatch.streams.detect.softshort.CapacityDivergenceDetector;
import io.cellwatch.streams.detect.softshort.CapacityDivergenceSettings;
import io.cellwatch.streams.detect.softshort.CapacityDivergenceState;
import io.cellwatch.streams.testing.ScriptedCell;
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
                            true),
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
}
