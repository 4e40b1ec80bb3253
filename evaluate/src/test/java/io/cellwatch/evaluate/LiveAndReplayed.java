package io.cellwatch.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.WireSerdes;
import io.cellwatch.streams.metrics.MicrometerPipelineTelemetry;
import io.cellwatch.streams.replay.OfflinePipeline;
import io.cellwatch.streams.topology.CellwatchTopology;
import io.cellwatch.streams.topology.StreamsSettings;
import io.cellwatch.streams.topology.TopologySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The same records through the live topology (in a {@link TopologyTestDriver}, with the settings a
 * deployment runs) and through the offline pipeline {@code replay} and {@code evaluate} use, keeping
 * what each produced per channel. Channel metadata goes to the channels topic on one side and to
 * {@link OfflinePipeline#describe} on the other, at the same point of the stream.
 */
final class LiveAndReplayed implements AutoCloseable {
    private static final TopicNames TOPICS = TopicNames.defaults();

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, Sample> samples;
    private final TestInputTopic<String, ChannelInfo> channels;
    private final TestOutputTopic<String, CycleSummary> liveCycles;
    private final TestOutputTopic<String, Alert> liveAlerts;
    private final OfflinePipeline replay;
    private final Map<String, Produced> live = new LinkedHashMap<>();
    private final Map<String, Produced> replayed = new LinkedHashMap<>();
    private long fed;

    /** What one channel produced, in order. */
    record Produced(List<CycleSummary> cycles, List<Alert> alerts) {
        Produced() {
            this(new ArrayList<>(), new ArrayList<>());
        }
    }

    LiveAndReplayed(Path stateDir) {
        StreamsSettings settings = new StreamsSettings(
                "unused:9092", "replay-equals-topology", stateDir, TOPICS.deadLetter(), false, 1, 1, null);
        Properties config = settings.toProperties();
        // In-memory stores: the driver commits after every record, which RocksDB makes three times slower; the
        // state still goes through the store's serde and cache on every sample, which is what could differ.
        TopologySettings topology = TopologySettings.defaults().withInMemoryStores();
        driver = new TopologyTestDriver(
                CellwatchTopology.build(topology, new MicrometerPipelineTelemetry(new SimpleMeterRegistry()), config),
                config);
        samples = driver.createInputTopic(
                TOPICS.samples(),
                Serdes.String().serializer(),
                WireSerdes.sample().serializer());
        channels = driver.createInputTopic(
                TOPICS.channels(),
                Serdes.String().serializer(),
                WireSerdes.channelInfo().serializer());
        liveCycles = driver.createOutputTopic(
                TOPICS.cycles(),
                Serdes.String().deserializer(),
                WireSerdes.cycleSummary().deserializer());
        liveAlerts = driver.createOutputTopic(
                TOPICS.alerts(),
                Serdes.String().deserializer(),
                WireSerdes.alert().deserializer());
        replay = new OfflinePipeline(topology.detectors(), new OfflinePipeline.Listener() {
            @Override
            public void onCycle(CycleSummary cycle) {
                of(replayed, cycle.channelId()).cycles().add(cycle);
            }

            @Override
            public void onAlert(Alert alert) {
                of(replayed, alert.channelId()).alerts().add(alert);
            }
        });
    }

    void describe(ChannelInfo info) {
        channels.pipeInput(info.channelId(), info);
        replay.describe(info);
    }

    void accept(Sample sample) {
        samples.pipeInput(sample.channelId(), sample);
        replay.accept(sample);
        if (++fed % 10_000 == 0) {
            drainLive(); // the driver keeps its output until read
        }
    }

    long samplesFed() {
        return fed;
    }

    /**
     * Requires both sides to have produced the same cycles and the same alerts (equal records, so
     * the same alert ids), in the same order per channel.
     *
     * @return how many channels, cycles and alerts were compared
     */
    Compared assertSame(String what) {
        drainLive();
        TreeSet<String> channelIds = new TreeSet<>(live.keySet());
        channelIds.addAll(replayed.keySet());
        int cycles = 0;
        int alerts = 0;
        for (String channel : channelIds) {
            Produced l = live.getOrDefault(channel, new Produced());
            Produced r = replayed.getOrDefault(channel, new Produced());
            assertThat(l.cycles())
                    .as("%s: cycles of %s, live vs replayed", what, channel)
                    .isEqualTo(r.cycles());
            assertThat(l.alerts())
                    .as("%s: alerts of %s, live vs replayed", what, channel)
                    .isEqualTo(r.alerts());
            cycles += r.cycles().size();
            alerts += r.alerts().size();
        }
        return new Compared(channelIds.size(), fed, cycles, alerts);
    }

    /** What a comparison covered. */
    record Compared(int channels, long samples, int cycles, int alerts) {}

    private void drainLive() {
        liveCycles
                .readValuesToList()
                .forEach(c -> of(live, c.channelId()).cycles().add(c));
        liveAlerts
                .readValuesToList()
                .forEach(a -> of(live, a.channelId()).alerts().add(a));
        // The driver also keeps every changelog record it was given; nobody reads them here.
        for (String topic : driver.producedTopicNames()) {
            if (topic.endsWith("-changelog")) {
                driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                        .readRecordsToList();
            }
        }
    }

    private static Produced of(Map<String, Produced> byChannel, String channelId) {
        return byChannel.computeIfAbsent(channelId, id -> new Produced());
    }

    @Override
    public void close() {
        driver.close();
    }
}
