package io.cellwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.model.Severity;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.WireSerdes;
import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.streams.testing.ScriptedCell;
import io.cellwatch.streams.topology.StreamsSettings;
import io.cellwatch.streams.topology.TopologySettings;
import io.cellwatch.testing.KafkaTestCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real topology, exactly-once, against a real KRaft broker: samples in, committed cycles and alerts out. */
class CellwatchTopologyIT {
    private static final TopicNames TOPICS = TopicNames.withPrefix("it.");
    private static KafkaTestCluster kafka;

    @TempDir
    static Path stateDir;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaTestCluster.start();
        kafka.createTopics(3, TOPICS.all().toArray(String[]::new));
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void liInSamplesBecomeCommittedCycleSummariesAndASoftShortAlert() throws Exception {
        List<Sample> liIn = ScriptedCell.liInLike("sim-li-in-01", 880, 891, 895, 3.14e-3, 0.04)
                .samples();
        List<Sample> healthy =
                ScriptedCell.liInLike("sim-healthy-01", 10, 10_000, 25, 2.0, 0).samples();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            var channelSerde = WireSerdes.channelInfo().serializer();
            producer.send(new ProducerRecord<>(
                    TOPICS.channels(),
                    "sim-li-in-01",
                    channelSerde.serialize(TOPICS.channels(), ChannelInfo.defaultsFor("sim-li-in-01"))));
            var sampleSerde = WireSerdes.sample().serializer();
            for (int i = 0; i < Math.max(liIn.size(), healthy.size()); i++) {
                if (i < liIn.size()) {
                    producer.send(new ProducerRecord<>(
                            TOPICS.samples(), "sim-li-in-01", sampleSerde.serialize(TOPICS.samples(), liIn.get(i))));
                }
                if (i < healthy.size()) {
                    producer.send(new ProducerRecord<>(
                            TOPICS.samples(),
                            "sim-healthy-01",
                            sampleSerde.serialize(TOPICS.samples(), healthy.get(i))));
                }
                if (i == 40) {
                    producer.send(new ProducerRecord<>(
                            TOPICS.samples(),
                            "sim-li-in-01",
                            "{\"schemaVersion\":1,\"channelId\":\"sim-li-in-01\",\"voltageV\":\"high\"}"
                                    .getBytes(StandardCharsets.UTF_8)));
                }
            }
            producer.flush();
        }

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (StreamsService service = new StreamsService(
                TopologySettings.defaults().withTopics(TOPICS),
                new StreamsSettings(
                        KafkaConnection.plain(kafka.bootstrapServers()),
                        "cellwatch-it",
                        stateDir,
                        TOPICS.deadLetter(),
                        true,
                        1,
                        1,
                        null),
                registry,
                Clock.systemUTC())) {
            service.start();

            List<ConsumerRecord<String, CycleSummary>> cycles = kafka.readUntil(
                    TOPICS.cycles(),
                    new StringDeserializer(),
                    WireSerdes.cycleSummary().deserializer(),
                    Duration.ofSeconds(60),
                    read -> read.stream()
                                            .filter(r -> r.key().equals("sim-li-in-01"))
                                            .count()
                                    >= 15
                            && read.stream()
                                            .filter(r -> r.key().equals("sim-healthy-01"))
                                            .count()
                                    >= 15);
            List<CycleSummary> liInCycles = cycles.stream()
                    .filter(r -> r.key().equals("sim-li-in-01"))
                    .map(ConsumerRecord::value)
                    .toList();
            assertThat(liInCycles)
                    .extracting(CycleSummary::cycleIndex)
                    .containsExactly(880, 881, 882, 883, 884, 885, 886, 887, 888, 889, 890, 891, 892, 893, 894);
            assertThat(liInCycles.get(5).coulombicEfficiency()).isCloseTo(0.999, within(0.001));
            assertThat(liInCycles.get(13).chargeAh())
                    .isGreaterThan(liInCycles.get(10).chargeAh() * 1.1);

            List<ConsumerRecord<String, Alert>> alerts = kafka.readUntil(
                    TOPICS.alerts(),
                    new StringDeserializer(),
                    WireSerdes.alert().deserializer(),
                    Duration.ofSeconds(30),
                    read -> read.stream().anyMatch(r -> r.value().severity() == Severity.CRITICAL));
            // The scripted cells log 6 samples a step: the data-quality watch rightly calls that coarse.
            List<Alert> detected = alerts.stream()
                    .map(ConsumerRecord::value)
                    .filter(alert -> !alert.kind().dataQuality())
                    .toList();
            assertThat(detected).isNotEmpty();
            Alert first = detected.get(0);
            assertThat(first.channelId()).isEqualTo("sim-li-in-01");
            assertThat(first.kind()).isEqualTo(AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE);
            assertThat(first.cycleIndex()).isEqualTo(892);
            assertThat(detected).allSatisfy(a -> assertThat(a.channelId()).isEqualTo("sim-li-in-01"));

            List<ConsumerRecord<byte[], byte[]>> dead = kafka.readUntil(
                    TOPICS.deadLetter(),
                    new ByteArrayDeserializer(),
                    new ByteArrayDeserializer(),
                    Duration.ofSeconds(30),
                    read -> !read.isEmpty());
            assertThat(dead).hasSize(1);
            String reason = new String(
                    dead.get(0).headers().lastHeader("__streams.errors.message").value(), StandardCharsets.UTF_8);
            assertThat(reason).contains("Sample.voltageV");
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).contains("\"high\"");
        }
    }
}
