package io.cellwatch.streams.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.pipeline.ChannelOutput;
import io.cellwatch.streams.pipeline.ChannelPipeline;
import io.cellwatch.streams.state.StateSerdes;
import io.cellwatch.streams.testing.TestChannels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        assertBounded(TestChannels.symmetric("sym", "Li|QCPE|Li"), cell.samples());
    }

    private static void assertBounded(ChannelInfo channel, List<Sample> samples) {
        // A tenth of the way in, at the end of a cycle as the whole run ends: a state read in the middle of a step
        // holds
        // numbers that one read in a rest has at zero, and the size of each number's text differs.
        int tenth = samples.size() / 10;
        while (tenth < samples.size()
                && samples.get(tenth).cycleIndex() == samples.get(tenth - 1).cycleIndex()) {
            tenth++;
        }
        int[] early = sizes(channel, samples.subList(0, tenth));
        int[] late = sizes(channel, samples);
        for (int i = 0; i < early.length; i++) {
            assertThat(late[i])
                    .as("detector %d: state after all samples vs after a tenth", i)
                    // The largest, the imminent short's, holds its usual charge curve (two sets of 21 steps), the
                    // running charge's and the cell's charge-discharge gap: about 2.1 KB.
                    .isLessThan(2304)
                    .isBetween(early[i] - 64, early[i] + 64);
        }
    }

    /** Serialized state sizes of every applicable detector after these samples, through the channel's pipeline. */
    private static int[] sizes(ChannelInfo channel, List<Sample> samples) {
        ChannelPipeline pipeline = ChannelPipeline.start(DETECTORS, channel, ReadingSink.NONE);
        ChannelOutput nowhere = new ChannelOutput() {
            @Override
            public void onCycle(CycleSummary cycle) {}

            @Override
            public void onAlert(Alert alert) {}
        };
        for (Sample sample : samples) {
            pipeline.accept(sample, nowhere);
        }
        List<Map.Entry<String, Class<?>>> applicable = new ArrayList<>();
        DETECTORS.cycleDetectors().stream()
                .filter(d -> d.appliesTo(channel))
                .forEach(d -> applicable.add(Map.entry(d.name(), d.stateType())));
        DETECTORS.sampleDetectors().stream()
                .filter(d -> d.appliesTo(channel))
                .forEach(d -> applicable.add(Map.entry(d.name(), d.stateType())));
        int[] sizes = new int[applicable.size()];
        for (int i = 0; i < sizes.length; i++) {
            Map.Entry<String, Class<?>> detector = applicable.get(i);
            sizes[i] = size(detector.getValue(), pipeline.state().detectorState(detector.getKey()));
        }
        return sizes;
    }

    @SuppressWarnings("unchecked")
    private static <S> int size(Class<S> type, Object state) {
        return StateSerdes.of(type).serializer().serialize("t", (S) state).length;
    }
}
