package io.cellwatch.streams.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.CeConvention;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.model.TestProtocol;
import io.cellwatch.streams.cycle.CycleState;
import io.cellwatch.streams.cycle.CycleSummarizer;
import io.cellwatch.streams.state.StateSerdes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every detector's per-channel state stays the same size however long the test runs. */
class DetectorStateSizeTest {
    private static final DetectorSet DETECTORS = DetectorSet.standard();

    @Test
    void fullCellDetectorsStayBounded() {
        SyntheticFullCell cell = new SyntheticFullCell("cell", 3e-3, 60, 0.001, 1);
        for (int c = 1; c <= 400; c++) {
            cell.cycle(c, 0, c % 100 == 0 ? 0.1 : 1.0, 1 - 0.0002 * c);
        }
        assertBounded(ChannelInfo.defaultsFor("cell"), cell.samples());
    }

    @Test
    void symmetricCellDetectorsStayBounded() {
        SyntheticSymmetricCell cell =
                new SyntheticSymmetricCell("sym", 1.0, 60, 2).cycling(1, 800, 0.2, t -> 0.08, t -> 0.001);
        assertBounded(
                new ChannelInfo(
                        1,
                        "sym",
                        CellType.SYMMETRIC,
                        "Li|QCPE|Li",
                        1.0,
                        null,
                        null,
                        TestProtocol.CYCLING,
                        CeConvention.DISCHARGE_OVER_CHARGE),
                cell.samples());
    }

    private static void assertBounded(ChannelInfo channel, List<Sample> samples) {
        int tenth = samples.size() / 10;
        int[] early = sizes(channel, samples.subList(0, tenth));
        int[] late = sizes(channel, samples);
        for (int i = 0; i < early.length; i++) {
            assertThat(late[i])
                    .as("detector %d: state after all samples vs after a tenth", i)
                    .isLessThan(2048)
                    .isBetween(early[i] - 64, early[i] + 64);
        }
    }

    /** Serialized state sizes of every applicable detector after these samples. */
    private static int[] sizes(ChannelInfo channel, List<Sample> samples) {
        List<CycleDetector<?>> cycleDetectors = DETECTORS.cycleDetectors().stream()
                .filter(d -> d.appliesTo(channel))
                .toList();
        List<SampleDetector<?>> sampleDetectors = DETECTORS.sampleDetectors().stream()
                .filter(d -> d.appliesTo(channel))
                .toList();
        Object[] cycleStates =
                cycleDetectors.stream().map(d -> (Object) d.newState(channel)).toArray();
        Object[] sampleStates =
                sampleDetectors.stream().map(d -> (Object) d.newState(channel)).toArray();
        CycleSummarizer summarizer = new CycleSummarizer();
        CycleState cycleState = CycleState.newChannel(channel.channelId());
        for (Sample sample : samples) {
            CycleSummary closed = summarizer
                    .accept(cycleState, sample, channel.ceConvention())
                    .closedCycle()
                    .orElse(null);
            if (closed != null) {
                for (int i = 0; i < cycleDetectors.size(); i++) {
                    onCycle(cycleDetectors.get(i), cycleStates[i], closed, channel);
                }
            }
            for (int i = 0; i < sampleDetectors.size(); i++) {
                onSample(sampleDetectors.get(i), sampleStates[i], sample, channel);
            }
        }
        int[] sizes = new int[cycleStates.length + sampleStates.length];
        for (int i = 0; i < cycleStates.length; i++) {
            sizes[i] = size(cycleDetectors.get(i).stateType(), cycleStates[i]);
        }
        for (int i = 0; i < sampleStates.length; i++) {
            sizes[cycleStates.length + i] = size(sampleDetectors.get(i).stateType(), sampleStates[i]);
        }
        return sizes;
    }

    @SuppressWarnings("unchecked")
    private static <S> void onCycle(CycleDetector<S> detector, Object state, CycleSummary cycle, ChannelInfo channel) {
        detector.onCycle((S) state, cycle, channel, ReadingSink.NONE);
    }

    @SuppressWarnings("unchecked")
    private static <S> void onSample(SampleDetector<S> detector, Object state, Sample sample, ChannelInfo channel) {
        detector.onSample((S) state, sample, channel, ReadingSink.NONE);
    }

    @SuppressWarnings("unchecked")
    private static <S> int size(Class<S> type, Object state) {
        return StateSerdes.of(type).serializer().serialize("t", (S) state).length;
    }
}
