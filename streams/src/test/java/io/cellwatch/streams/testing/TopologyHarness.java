package io.cellwatch.streams.testing;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.WireSerdes;
import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.streams.config.DetectionConfigRecord;
import io.cellwatch.streams.metrics.PipelineTelemetry;
import io.cellwatch.streams.topology.CellwatchTopology;
import io.cellwatch.streams.topology.StreamsSettings;
import io.cellwatch.streams.topology.TopologySettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * The monitoring topology in a {@link TopologyTestDriver}, built with the configuration a
 * deployment runs, with its input and output topics (default names) at hand. Shared with other
 * modules through the streams test-jar.
 *
 * <p>At-least-once: the test driver has no transactions to speak of, and under exactly_once_v2 it
 * does not capture dead-letter records. The integration tests run exactly_once_v2 on a real broker.
 */
public final class TopologyHarness implements AutoCloseable {
    public static final TopicNames TOPICS = TopicNames.defaults();

    public final TopologyTestDriver driver;
    public final TestInputTopic<String, Sample> samples;
    public final TestInputTopic<String, ChannelInfo> channels;
    public final TestOutputTopic<String, CycleSummary> cycles;
    public final TestOutputTopic<String, Alert> alerts;
    public final TestInputTopic<String, CycleSummary> externalCycles;
    public final TestInputTopic<String, byte[]> deadLetters;
    public final TestInputTopic<String, DetectionConfigRecord> detectionConfig;

    public TopologyHarness(Path stateDir, TopologySettings settings, PipelineTelemetry telemetry) {
        Properties config = new StreamsSettings(
                        KafkaConnection.plain("unused:9092"),
                        "cellwatch-test",
                        stateDir,
                        TOPICS.deadLetter(),
                        false,
                        1,
                        1,
                        null)
                .toProperties();
        driver =
                new TopologyTestDriver(CellwatchTopology.build(settings.withTopics(TOPICS), telemetry, config), config);
        samples = driver.createInputTopic(
                TOPICS.samples(),
                Serdes.String().serializer(),
                WireSerdes.sample().serializer());
        channels = driver.createInputTopic(
                TOPICS.channels(),
                Serdes.String().serializer(),
                WireSerdes.channelInfo().serializer());
        cycles = driver.createOutputTopic(
                TOPICS.cycles(),
                Serdes.String().deserializer(),
                WireSerdes.cycleSummary().deserializer());
        alerts = driver.createOutputTopic(
                TOPICS.alerts(),
                Serdes.String().deserializer(),
                WireSerdes.alert().deserializer());
        externalCycles = driver.createInputTopic(
                TOPICS.externalCycles(),
                Serdes.String().serializer(),
                WireSerdes.cycleSummary().serializer());
        deadLetters = driver.createInputTopic(
                TOPICS.deadLetter(),
                Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        detectionConfig = driver.createInputTopic(
                TOPICS.detectionConfig(),
                Serdes.String().serializer(),
                DetectionConfigRecord.serde().serializer());
    }

    /** Publishes a detection-config file's text, as {@code streams --detection-config} does. */
    public void publishDetectionConfig(String source, String yaml) {
        detectionConfig.pipeInput(
                DetectionConfigRecord.KEY,
                new DetectionConfigRecord(DetectionConfigRecord.SCHEMA_VERSION, source, yaml));
    }

    /** Samples keyed by their channel, as ingest produces them. */
    public void pipe(List<Sample> list) {
        for (Sample sample : list) {
            samples.pipeInput(sample.channelId(), sample);
        }
    }

    /** Forgets the changelog records the driver keeps until read: long runs would pile them up. */
    public void discardChangelogs() {
        for (String topic : driver.producedTopicNames()) {
            if (topic.endsWith("-changelog")) {
                driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())
                        .readRecordsToList();
            }
        }
    }

    @Override
    public void close() {
        driver.close();
    }
}
