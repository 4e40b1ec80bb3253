package io.cellwatch.streams.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.CellType;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.model.Severity;
import io.cellwatch.streams.detect.CycleDetector;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.detect.ReadingSink;
import io.cellwatch.streams.detect.SampleDetector;
import io.cellwatch.streams.detect.replicate.GroupCycle;
import io.cellwatch.streams.testing.SampleCopies;
import io.cellwatch.streams.testing.ScriptedCell;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The order a channel's pipeline works in, what it keeps, and what it ignores. */
class ChannelPipelineTest {
    private final List<String> heard = new ArrayList<>();
    private final ChannelOutput out = new ChannelOutput() {
        @Override
        public void onCycle(CycleSummary cycle) {
            heard.add("cycle " + cycle.cycleIndex() + (cycle.complete() ? "" : " (incomplete)"));
        }

        @Override
        public void onAlert(Alert alert) {
            heard.add(alert.message());
        }

        @Override
        public void onSample(Sample sample) {
            heard.add("sample " + sample.dataPoint());
        }

        @Override
        public void onStaleSample(Sample sample) {
            heard.add("stale " + sample.dataPoint());
        }
    };

    /** What a test detector judged so far. */
    public static final class Tally {
        int judged;
        int lastCycle = -1;
    }

    /** The state both test detectors keep: a fresh tally per channel. */
    private abstract static class Tallying {
        public Class<Tally> stateType() {
            return Tally.class;
        }

        public Tally newState(ChannelInfo channel) {
            return new Tally();
        }
    }

    private static final class EveryCycle extends Tallying implements CycleDetector<Tally> {
        @Override
        public String name() {
            return "every-cycle";
        }

        @Override
        public List<Alert> onCycle(Tally state, CycleSummary cycle, ChannelInfo channel, ReadingSink readings) {
            state.judged++;
            return List.of(alert(channel, cycle.cycleIndex(), "cycle detector on " + cycle.cycleIndex()));
        }
    }

    /** Speaks on the first sample it sees of every cycle, and only for symmetric cells. */
    private static final class FirstSampleOfSymmetricCycle extends Tallying implements SampleDetector<Tally> {
        @Override
        public String name() {
            return "first-sample";
        }

        @Override
        public boolean appliesTo(ChannelInfo channel) {
            return channel.cellType() == CellType.SYMMETRIC;
        }

        @Override
        public List<Alert> onSample(Tally state, Sample sample, ChannelInfo channel, ReadingSink readings) {
            state.judged++;
            if (sample.cycleIndex() == state.lastCycle) {
                return List.of();
            }
            state.lastCycle = sample.cycleIndex();
            return List.of(alert(channel, sample.cycleIndex(), "sample detector on " + sample.dataPoint()));
        }
    }

    private static final DetectorSet DETECTORS =
            new DetectorSet(List.of(new EveryCycle()), List.of(new FirstSampleOfSymmetricCycle()));

    private static Alert alert(ChannelInfo channel, int cycle, String message) {
        return new Alert(
                1,
                Alert.episodeId(channel.channelId(), AlertKind.CAPACITY_FADE, cycle),
                channel.channelId(),
                AlertKind.CAPACITY_FADE,
                Severity.WARNING,
                AlertStatus.FIRING,
                cycle,
                0.0,
                null,
                message,
                Map.of());
    }

    /** Two cycles of 9 samples: data points 1-9 in cycle 1, 10-18 in cycle 2. */
    private static List<Sample> twoCycles(String channelId) {
        return new ScriptedCell(channelId, 4, 3600)
                .cycle(1, 1.0, 0.99)
                .cycle(2, 1.0, 0.99)
                .samples();
    }

    private static ChannelInfo symmetric(String channelId) {
        ChannelInfo defaults = ChannelInfo.defaultsFor(channelId);
        return new ChannelInfo(
                1,
                channelId,
                CellType.SYMMETRIC,
                "Li|LLZO|Li",
                1.0,
                null,
                null,
                defaults.protocol(),
                defaults.ceConvention());
    }

    @Test
    void aSampleThatClosesACycleIsHeardThenTheCycleThenTheCycleDetectorsThenTheSampleDetectors() {
        List<Sample> samples = twoCycles("sym");
        assertThat(samples).hasSize(18);
        ChannelPipeline pipeline = ChannelPipeline.start(DETECTORS, symmetric("sym"), ReadingSink.NONE);
        for (Sample sample : samples.subList(0, 10)) {
            pipeline.accept(sample, out);
        }
        assertThat(heard.subList(heard.size() - 4, heard.size()))
                .containsExactly("sample 10", "cycle 1", "cycle detector on 1", "sample detector on 10");
    }

    @Test
    void aGroupedCellsCyclesCarryWhatItsTestAddsToEpisodeIds() {
        ChannelInfo d = ChannelInfo.defaultsFor("pack-ch1");
        ChannelInfo grouped = new ChannelInfo(
                1, "pack-ch1", CellType.FULL, null, null, null, null, d.protocol(), d.ceConvention(), "pack");
        List<GroupCycle> groupCycles = new ArrayList<>();
        ChannelOutput toTheGroup = new ChannelOutput() {
            @Override
            public void onGroupCycle(GroupCycle cycle) {
                groupCycles.add(cycle);
            }

            @Override
            public void onAlert(Alert alert) {
                // not looked at here
            }

            @Override
            public void onCycle(CycleSummary cycle) {
                // not looked at here
            }
        };
        ChannelPipeline pipeline = ChannelPipeline.start(DETECTORS, grouped, ReadingSink.NONE);
        List<Sample> first = twoCycles("pack-ch1");
        first.forEach(sample -> pipeline.accept(sample, toTheGroup));
        ChannelPipeline later = ChannelPipeline.resume(
                DETECTORS, grouped, pipeline.endTest("cell replaced", toTheGroup), ReadingSink.NONE);
        Sample last = first.get(first.size() - 1);
        for (Sample s : first) {
            later.accept(
                    SampleCopies.with(
                            s,
                            s.dataPoint() + last.dataPoint(),
                            s.testTimeS(),
                            s.wallTimeMs() + last.wallTimeMs(),
                            s.cycleIndex()),
                    toTheGroup);
        }
        String secondTest = later.state().sequence().alertIdSuffix();
        assertThat(secondTest).startsWith("/test-");
        assertThat(groupCycles)
                .extracting(GroupCycle::testIdSuffix)
                .as("the first test's cycle, its departure, then the second test's cycle")
                .containsExactly(null, null, secondTest);
    }

    @Test
    void aStaleSampleIsHeardAsSuchAndReachesNoDetector() {
        List<Sample> samples = twoCycles("sym");
        ChannelPipeline pipeline = ChannelPipeline.start(DETECTORS, symmetric("sym"), ReadingSink.NONE);
        assertThat(pipeline.accept(samples.get(0), out)).isTrue();
        assertThat(pipeline.accept(samples.get(1), out)).isTrue();
        assertThat(pipeline.accept(samples.get(1), out)).isFalse();
        assertThat(heard).containsExactly("sample 1", "sample detector on 1", "sample 2", "stale 2");
        assertThat(((Tally) pipeline.state().detectorState("first-sample")).judged)
                .isEqualTo(2);
    }

    @Test
    void aDetectorThatDoesNotApplyToTheChannelKeepsNoStateUntilTheMetadataSaysItDoes() {
        List<Sample> samples = twoCycles("cell");
        ChannelPipeline pipeline = ChannelPipeline.start(DETECTORS, ChannelInfo.defaultsFor("cell"), ReadingSink.NONE);
        samples.subList(0, 10).forEach(sample -> pipeline.accept(sample, out));
        assertThat(pipeline.state().detectorNames()).containsOnly("every-cycle");

        pipeline.describe(symmetric("cell"));
        samples.subList(10, 18).forEach(sample -> pipeline.accept(sample, out));
        assertThat(pipeline.state().detectorNames()).containsOnly("every-cycle", "first-sample");
        assertThat(((Tally) pipeline.state().detectorState("first-sample")).judged)
                .isEqualTo(8);
    }

    @Test
    void finishingJudgesTheOpenCycleAsIncompleteAndTheNextSampleOpensACycleOfItsOwn() {
        List<Sample> samples = twoCycles("cell");
        ChannelPipeline pipeline = ChannelPipeline.start(DETECTORS, ChannelInfo.defaultsFor("cell"), ReadingSink.NONE);
        samples.forEach(sample -> pipeline.accept(sample, out));
        pipeline.finish(out);
        assertThat(heard.subList(heard.size() - 2, heard.size()))
                .containsExactly("cycle 2 (incomplete)", "cycle detector on 2");
        assertThat(pipeline.state().cycle().started()).isFalse();
    }

    @Test
    void aCycleReadAsSuchGoesToTheCycleDetectorsAlone() {
        ChannelPipeline pipeline = ChannelPipeline.start(DETECTORS, symmetric("sym"), ReadingSink.NONE);
        ChannelPipeline summarizing = ChannelPipeline.start(DETECTORS, symmetric("sym"), ReadingSink.NONE);
        List<CycleSummary> cycles = new ArrayList<>();
        twoCycles("sym")
                .forEach(sample -> summarizing.accept(sample, new ChannelOutput() {
                    @Override
                    public void onCycle(CycleSummary cycle) {
                        cycles.add(cycle);
                    }

                    @Override
                    public void onAlert(Alert alert) {}
                }));
        pipeline.acceptCycle(cycles.get(0), out);
        assertThat(heard).containsExactly("cycle 1", "cycle detector on 1");
        assertThat(pipeline.state().detectorNames()).containsOnly("every-cycle");
    }
}
