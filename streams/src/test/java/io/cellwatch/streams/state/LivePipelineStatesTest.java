package io.cellwatch.streams.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.detect.ReadingSink;
import io.cellwatch.streams.metrics.PipelineTelemetry;
import io.cellwatch.streams.pipeline.ChannelOutput;
import io.cellwatch.streams.pipeline.ChannelPipeline;
import io.cellwatch.streams.pipeline.PipelineState;
import io.cellwatch.streams.pipeline.StoredState;
import io.cellwatch.streams.testing.ScriptedCell;
import io.cellwatch.streams.testing.TopologyHarness;
import io.cellwatch.streams.topology.CellwatchTopology;
import io.cellwatch.streams.topology.TopologySettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline store keeps states decoded between samples and writes them at each commit: what the
 * changelog holds after a commit is every changed channel's latest state, and what was not
 * committed is forgotten when the caches are cleared.
 */
class LivePipelineStatesTest {
    private static final DetectorSet DETECTORS = TopologySettings.defaultDetectors();
    private static final ChannelOutput NOWHERE = new ChannelOutput() {
        @Override
        public void onCycle(CycleSummary cycle) {}

        @Override
        public void onAlert(Alert alert) {}
    };

    @TempDir
    Path stateDir;

    @Test
    void everyCommitWritesTheLatestStateOfEachChannelItChanged() {
        List<Sample> samples = interleaved(
                new ScriptedCell("a", 4, 600)
                        .cycle(1, 1.0, 0.99)
                        .cycle(2, 1.0, 0.98)
                        .cycle(3, 1.0, 0.97)
                        .samples(),
                new ScriptedCell("b", 3, 900)
                        .cycle(1, 2.0, 1.98)
                        .cycle(2, 2.0, 1.97)
                        .samples());
        Serde<PipelineState> serde = PipelineStateSerde.of(DETECTORS);
        Map<String, ChannelPipeline> alongside = new HashMap<>();
        try (TopologyHarness harness =
                new TopologyHarness(stateDir, TopologySettings.defaults(), PipelineTelemetry.NONE)) {
            TestOutputTopic<String, byte[]> changelog = harness.driver.createOutputTopic(
                    "cellwatch-test-" + CellwatchTopology.PIPELINE_STATE_STORE + "-changelog",
                    new StringDeserializer(),
                    new ByteArrayDeserializer());
            for (Sample sample : samples) {
                harness.pipe(List.of(sample)); // the test driver commits after every record
                ChannelPipeline expected = alongside.computeIfAbsent(
                        sample.channelId(),
                        id -> ChannelPipeline.start(DETECTORS, ChannelInfo.defaultsFor(id), ReadingSink.NONE));
                expected.accept(sample, NOWHERE);

                var written = changelog.readKeyValuesToList();
                assertThat(written)
                        .as("one changelog record per commit: the channel just changed")
                        .hasSize(1);
                assertThat(written.get(0).key).isEqualTo(sample.channelId());
                assertThat(written.get(0).value)
                        .as("the state after sample %d of %s", sample.dataPoint(), sample.channelId())
                        .isEqualTo(serde.serializer().serialize("t", expected.state()));
            }
        }
    }

    @Test
    void whatWasNotCommittedIsForgottenWhenTheCachesAreCleared() {
        Serde<PipelineState> serde = PipelineStateSerde.of(DETECTORS);
        LivePipelineStates states = LivePipelineStates.builder(Stores.inMemoryKeyValueStore("states"), serde)
                .withCachingDisabled()
                .withLoggingDisabled()
                .build();
        states.init(new MockProcessorContext<>().getStateStoreContext(), states);
        List<Sample> samples =
                new ScriptedCell("ch", 4, 600).cycle(1, 1.0, 0.99).samples();
        ChannelPipeline pipeline = ChannelPipeline.start(DETECTORS, ChannelInfo.defaultsFor("ch"), ReadingSink.NONE);
        pipeline.accept(samples.get(0), NOWHERE);
        states.changed("ch", pipeline.state());
        assertThat(states.get("ch")).as("nothing committed yet").isNull();
        assertThat(states.live("ch")).isSameAs(pipeline.state());

        states.flushCache();
        assertThat(states.get("ch").cycle().lastDataPoint())
                .isEqualTo(samples.get(0).dataPoint());

        pipeline.accept(samples.get(1), NOWHERE);
        states.changed("ch", pipeline.state());
        states.clearCache(); // a dirty close or an aborted transaction
        PipelineState reread = states.live("ch");
        assertThat(reread).isNotSameAs(pipeline.state());
        assertThat(reread.cycle().lastDataPoint())
                .as("back to the committed state")
                .isEqualTo(samples.get(0).dataPoint());
        states.close();
    }

    private static List<Sample> interleaved(List<Sample> a, List<Sample> b) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i < a.size()) {
                out.add(a.get(i));
            }
            if (i < b.size()) {
                out.add(b.get(i));
            }
        }
        return out;
    }

    @Test
    void aStoredStateThisVersionCannotReadStartsTheChannelAfreshInsteadOfFailingEveryRecord() {
        Serde<PipelineState> real = PipelineStateSerde.of(DETECTORS);
        // Written by another version: its bytes do not read here (a rollback after a new alert kind, say).
        Serde<PipelineState> unreadable = Serdes.serdeFrom(real.serializer(), (topic, bytes) -> {
            throw new SerializationException("unknown alert kind 'new_kind'");
        });
        LivePipelineStates states = LivePipelineStates.builder(Stores.inMemoryKeyValueStore("states"), unreadable)
                .withCachingDisabled()
                .withLoggingDisabled()
                .build();
        states.init(new MockProcessorContext<>().getStateStoreContext(), states);
        List<Sample> samples =
                new ScriptedCell("ch", 4, 600).cycle(1, 1.0, 0.99).samples();
        ChannelPipeline before = ChannelPipeline.start(DETECTORS, ChannelInfo.defaultsFor("ch"), ReadingSink.NONE);
        before.accept(samples.get(0), NOWHERE);
        states.changed("ch", before.state());
        states.flushCache();
        states.clearCache();

        assertThat(states.live("ch")).as("read as a new channel").isNull();
        assertThat(states.holds("ch"))
                .as("but held: end-test writes over it rather than leave it")
                .isTrue();
        assertThat(states.holds("never-seen")).isFalse();
        states.close();
    }

    @Test
    void aDetectorStateThisVersionCannotReadStartsThatDetectorAfresh() {
        List<Sample> samples = new ScriptedCell("ch", 4, 600)
                .cycle(1, 1.0, 0.99)
                .cycle(2, 1.0, 0.98)
                .samples();
        ChannelPipeline pipeline = ChannelPipeline.start(DETECTORS, ChannelInfo.defaultsFor("ch"), ReadingSink.NONE);
        int half = samples.size() / 2;
        samples.subList(0, half).forEach(sample -> pipeline.accept(sample, NOWHERE));
        PipelineState state = pipeline.state();
        String detector = state.detectorNames().iterator().next();
        state.keepStored(detector, () -> {
            throw new StoredState.Unreadable("cannot read the state of detector " + detector, null);
        });

        assertThat(state.detectorState(detector)).isNull();
        ChannelPipeline resumed =
                ChannelPipeline.resume(DETECTORS, ChannelInfo.defaultsFor("ch"), state, ReadingSink.NONE);
        samples.subList(half, samples.size()).forEach(sample -> resumed.accept(sample, NOWHERE));
        assertThat(resumed.state().detectorState(detector)).as("started afresh").isNotNull();
        assertThat(resumed.state().cycle().lastDataPoint())
                .isEqualTo(samples.get(samples.size() - 1).dataPoint());
    }

    @Test
    void afterACommitOnlyTheMostRecentlyUsedStatesStayDecodedTheOthersAreReadAgainWhenNeeded() {
        Serde<PipelineState> serde = PipelineStateSerde.of(DETECTORS);
        var inner = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("states"), Serdes.String(), serde)
                .withLoggingDisabled()
                .build();
        LivePipelineStates states = new LivePipelineStates(inner, 3);
        states.init(new MockProcessorContext<>().getStateStoreContext(), states);
        Map<String, PipelineState> written = new HashMap<>();
        for (String channel : List.of("a", "b", "c", "d", "e")) {
            ChannelPipeline pipeline =
                    ChannelPipeline.start(DETECTORS, ChannelInfo.defaultsFor(channel), ReadingSink.NONE);
            pipeline.accept(
                    new ScriptedCell(channel, 4, 600)
                            .cycle(1, 1.0, 0.99)
                            .samples()
                            .get(0),
                    NOWHERE);
            states.changed(channel, pipeline.state());
            written.put(channel, pipeline.state());
        }
        assertThat(states.decoded()).as("all five changed in this commit").isEqualTo(5);
        states.flushCache();
        assertThat(states.decoded()).isEqualTo(3);

        assertThat(states.live("e")).as("recently used: still the decoded one").isSameAs(written.get("e"));
        PipelineState reread = states.live("a");
        assertThat(reread).as("dropped: read again from the store").isNotSameAs(written.get("a"));
        assertThat(serde.serializer().serialize("t", reread))
                .isEqualTo(serde.serializer().serialize("t", written.get("a")));
        states.close();
    }
}
