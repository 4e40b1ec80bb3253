package io.cellwatch.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.Sample;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.WireSerdes;
import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.streams.StreamsService;
import io.cellwatch.streams.detect.profile.DetectionConfigException;
import io.cellwatch.streams.testing.ScriptedCell;
import io.cellwatch.streams.topology.StreamsSettings;
import io.cellwatch.streams.topology.TopologySettings;
import io.cellwatch.testing.KafkaTestCluster;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detection config live, on a real broker: a threshold changed in the watched YAML file is
 * published to the detection-config topic and changes a running instance's alerts without a
 * restart; a broken file is refused with an error naming file, line and key, and the settings in
 * use stay. The threshold is the data-quality watch's samples per charge: the channels log 30
 * samples a charge, enough for the default 20, too few for the 40 the file asks for.
 */
class DetectionConfigIT {
    private static final TopicNames TOPICS = TopicNames.withPrefix("config-it.");
    private static final String FINE_LOGGING = """
            rules:
              - name: fine-logging
                match: {cellType: full}
                settings:
                  dataQuality:
                    minChargeStepSamples: 40
            """;
    private static KafkaTestCluster kafka;

    @TempDir
    static Path dir;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaTestCluster.start();
        kafka.createTopics(2, TOPICS.all().toArray(String[]::new));
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    @Test
    void aThresholdChangedInTheFileChangesTheRunningInstancesAlertsAndABrokenFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("lab.yaml"), "rules: []\n");
        try (DetectionConfigPublisher publisher =
                        new DetectionConfigPublisher(kafka.connection(), TOPICS.detectionConfig());
                DetectionConfigWatch watch =
                        DetectionConfigWatch.start(file, publisher::publish, Duration.ofMillis(200));
                StreamsService service = new StreamsService(
                        TopologySettings.defaults().withTopics(TOPICS),
                        new StreamsSettings(
                                KafkaConnection.plain(kafka.bootstrapServers()),
                                "config-it",
                                dir.resolve("state"),
                                TOPICS.deadLetter(),
                                true,
                                1,
                                1,
                                null),
                        new SimpleMeterRegistry(),
                        Clock.systemUTC());
                KafkaProducer<String, byte[]> producer = producer();
                KafkaConsumer<String, Alert> alerts = alertReader()) {
            service.start();
            Channel a = new Channel("cell-a", producer);
            List<Alert> seen = new ArrayList<>();

            a.sendCycles(3);
            // Cycles and the alerts their samples caused commit together: once cycle 2 is readable, so are they.
            kafka.readUntil(
                    TOPICS.cycles(),
                    new StringDeserializer(),
                    WireSerdes.cycleSummary().deserializer(),
                    Duration.ofSeconds(90),
                    read -> read.stream().filter(r -> r.key().equals("cell-a")).count() >= 2);
            for (int poll = 0; poll < 5; poll++) {
                readInto(alerts, seen);
            }
            assertThat(coarse(seen, "cell-a"))
                    .as("30 samples a charge pass the default 20")
                    .isEmpty();

            long changed = System.nanoTime();
            Files.writeString(file, FINE_LOGGING);
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        a.sendCycles(1); // the instance judges the next charge with whatever settings it has by then
                        readInto(alerts, seen);
                        return !coarse(seen, "cell-a").isEmpty();
                    });
            System.out.printf(
                    "detection config: the changed threshold showed in an alert %.1f s after the file changed%n",
                    (System.nanoTime() - changed) / 1e9);
            assertThat(coarse(seen, "cell-a")).singleElement().satisfies(alert -> {
                assertThat(alert.profile()).isEqualTo("li-ion+fine-logging");
                assertThat(alert.message()).contains("has 30 samples", "at least 40 needed");
            });

            Files.writeString(file, FINE_LOGGING.replace("40", "forty"));
            await().atMost(Duration.ofSeconds(30)).until(() -> watch.lastError() != null);
            assertThat(watch.lastError())
                    .isEqualTo(file + ":6: key 'rules[0].settings.dataQuality.minChargeStepSamples': "
                            + "expected a whole number, found 'forty'");

            Channel b = new Channel("cell-b", producer);
            b.sendCycles(3);
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            readInto(alerts, seen) && !coarse(seen, "cell-b").isEmpty());
            assertThat(coarse(seen, "cell-b"))
                    .as("the refused file changed nothing: 40 samples a charge still apply")
                    .singleElement()
                    .satisfies(alert -> assertThat(alert.profile()).isEqualTo("li-ion+fine-logging"));
        }
        anInstanceStartingLaterAppliesThePublishedFileBeforeItsFirstSample();
        assertThatThrownBy(() -> DetectionConfigWatch.start(file, config -> {}, Duration.ofSeconds(1)))
                .as("a broken file stops the process at start")
                .isInstanceOf(DetectionConfigException.class)
                .hasMessageContaining("minChargeStepSamples");
    }

    /**
     * A new instance (its own application id, so it reads every sample from the start) restores the
     * detection-config store before it processes anything: cell-a's very first charge is judged with
     * the published 40 samples, not the default 20.
     */
    private void anInstanceStartingLaterAppliesThePublishedFileBeforeItsFirstSample() throws Exception {
        TopicNames second = new TopicNames(
                TOPICS.samples(),
                TOPICS.channels(),
                "config-it.cycles-2",
                "config-it.alerts-2",
                TOPICS.deadLetter(),
                TOPICS.externalCycles(),
                TOPICS.detectionConfig());
        kafka.createTopics(2, second.cycles(), second.alerts());
        try (StreamsService later = new StreamsService(
                TopologySettings.defaults().withTopics(second),
                new StreamsSettings(
                        KafkaConnection.plain(kafka.bootstrapServers()),
                        "config-it-later",
                        dir.resolve("state-later"),
                        TOPICS.deadLetter(),
                        true,
                        1,
                        1,
                        null),
                new SimpleMeterRegistry(),
                Clock.systemUTC())) {
            later.start();
            List<ConsumerRecord<String, Alert>> alerts = kafka.readUntil(
                    second.alerts(),
                    new StringDeserializer(),
                    WireSerdes.alert().deserializer(),
                    Duration.ofSeconds(90),
                    read -> read.stream().anyMatch(r -> r.value().kind() == AlertKind.DATA_QUALITY_COARSE_LOGGING));
            Alert first = alerts.stream()
                    .map(ConsumerRecord::value)
                    .filter(alert -> alert.kind() == AlertKind.DATA_QUALITY_COARSE_LOGGING)
                    .findFirst()
                    .orElseThrow();
            assertThat(first.cycleIndex())
                    .as("the first charge of the first channel read")
                    .isEqualTo(1);
            assertThat(first.profile()).isEqualTo("li-ion+fine-logging");
        }
    }

    /** A channel whose samples are sent a cycle at a time, continuing where the last cycle ended. */
    private static final class Channel {
        private final String id;
        private final KafkaProducer<String, byte[]> producer;
        private final ScriptedCell cell;
        private final AtomicInteger cycles = new AtomicInteger();
        private int sent;

        Channel(String id, KafkaProducer<String, byte[]> producer) {
            this.id = id;
            this.producer = producer;
            this.cell = new ScriptedCell(id, 30, 3600);
        }

        void sendCycles(int count) {
            for (int i = 0; i < count; i++) {
                cell.cycle(cycles.incrementAndGet(), 1.0, 0.99);
            }
            List<Sample> all = cell.samples();
            for (Sample sample : all.subList(sent, all.size())) {
                producer.send(new ProducerRecord<>(
                        TOPICS.samples(), id, WireSerdes.sample().serializer().serialize(TOPICS.samples(), sample)));
            }
            sent = all.size();
            producer.flush();
        }
    }

    private static List<Alert> coarse(List<Alert> seen, String channelId) {
        return seen.stream()
                .filter(alert -> alert.kind() == AlertKind.DATA_QUALITY_COARSE_LOGGING)
                .filter(alert -> alert.channelId().equals(channelId))
                .toList();
    }

    private static boolean readInto(KafkaConsumer<String, Alert> alerts, List<Alert> seen) {
        for (ConsumerRecord<String, Alert> record : alerts.poll(Duration.ofMillis(200))) {
            seen.add(record.value());
        }
        return true;
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<String, Alert> alertReader() {
        KafkaConsumer<String, Alert> consumer = kafka.committedReader(
                "config-it-reader", new StringDeserializer(), WireSerdes.alert().deserializer());
        consumer.subscribe(List.of(TOPICS.alerts()));
        return consumer;
    }
}
