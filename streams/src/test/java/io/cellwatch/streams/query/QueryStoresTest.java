package io.cellwatch.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.model.Severity;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.WireSerdes;
import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.streams.metrics.DeadLetterCounting;
import io.cellwatch.streams.metrics.MicrometerPipelineTelemetry;
import io.cellwatch.streams.testing.ChannelSeries;
import io.cellwatch.streams.testing.ScriptedCell;
import io.cellwatch.streams.topology.CellwatchTopology;
import io.cellwatch.streams.topology.StreamsSettings;
import io.cellwatch.streams.topology.TopologySettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query stores inside the real topology: filled from the same streams that feed the cycles and alerts topics. */
class QueryStoresTest {
    private static final TopicNames TOPICS = TopicNames.defaults();

    @TempDir
    Path stateDir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerPipelineTelemetry telemetry = new MicrometerPipelineTelemetry(registry, Clock.systemUTC());
    private TopologyTestDriver driver;
    private TestInputTopic<String, Sample> samples;

    @BeforeEach
    void start() {
        // At-least-once: the test driver does not capture dead-letter records under exactly_once_v2.
        Properties config = new StreamsSettings(
                        KafkaConnection.plain("unused:9092"),
                        "query-test",
                        stateDir,
                        TOPICS.deadLetter(),
                        false,
                        1,
                        1,
                        null)
                .toProperties();
        DeadLetterCounting.install(config, telemetry);
        driver =
                new TopologyTestDriver(CellwatchTopology.build(TopologySettings.defaults(), telemetry, config), config);
        samples = driver.createInputTopic(
                TOPICS.samples(),
                Serdes.String().serializer(),
                WireSerdes.sample().serializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void eachChannelsHistoryHoldsExactlyItsCyclesFromTheCyclesTopicInOrder() {
        List<Sample> liIn =
                ScriptedCell.liInLike("li-in", 880, 891, 896, 3.14e-3, 0.04).samples();
        List<Sample> healthy =
                ScriptedCell.liInLike("li-in/2", 1, 10_000, 12, 2.0, 0).samples();
        for (int i = 0; i < Math.max(liIn.size(), healthy.size()); i++) {
            if (i < liIn.size()) {
                samples.pipeInput(liIn.get(i).channelId(), liIn.get(i));
            }
            if (i < healthy.size()) {
                samples.pipeInput(healthy.get(i).channelId(), healthy.get(i));
            }
        }
        List<TestRecord<String, CycleSummary>> published = driver.createOutputTopic(
                        TOPICS.cycles(),
                        Serdes.String().deserializer(),
                        WireSerdes.cycleSummary().deserializer())
                .readRecordsToList();

        KeyValueStore<Bytes, CycleSummary> history = driver.getKeyValueStore(QueryStores.CYCLE_HISTORY_STORE);
        for (String channel : List.of("li-in", "li-in/2")) {
            List<CycleSummary> expected = published.stream()
                    .filter(r -> r.key().equals(channel))
                    .map(TestRecord::value)
                    .toList();
            assertThat(expected).hasSizeGreaterThan(10);
            assertThat(range(history, channel)).isEqualTo(expected);
        }
    }

    @Test
    void activeAlertsStoreAndGaugesFollowTheAlertsTopic() {
        for (Sample sample :
                ScriptedCell.liInLike("li-in", 880, 891, 896, 3.14e-3, 0.04).samples()) {
            samples.pipeInput(sample.channelId(), sample);
        }
        List<Alert> events = driver.createOutputTopic(
                        TOPICS.alerts(),
                        Serdes.String().deserializer(),
                        WireSerdes.alert().deserializer())
                .readValuesToList();
        assertThat(events).isNotEmpty();
        Alert latest = events.get(events.size() - 1);
        assertThat(latest.status()).isEqualTo(AlertStatus.FIRING);

        // Several detectors may fire on one cell: every episode still open, as its latest event, in opening order.
        java.util.Map<String, Alert> latestPerEpisode = new java.util.LinkedHashMap<>();
        events.forEach(e -> latestPerEpisode.put(e.alertId(), e));
        List<Alert> open = latestPerEpisode.values().stream()
                .filter(a -> a.status() == AlertStatus.FIRING)
                .toList();
        KeyValueStore<String, ActiveAlerts> active = driver.getKeyValueStore(QueryStores.ACTIVE_ALERTS_STORE);
        assertThat(active.get("li-in").firing()).contains(latest).containsExactlyElementsOf(open);
        assertThat(ChannelSeries.of(telemetry.channelFamilies(), "cellwatch_cell_active_alerts", "li-in"))
                .isEqualTo(open.size());
        assertThat(ChannelSeries.of(telemetry.channelFamilies(), "cellwatch_cell_alert_severity", "li-in"))
                .isEqualTo(open.stream().anyMatch(a -> a.severity() == Severity.CRITICAL) ? 2 : 1);
    }

    @Test
    void unreadableSamplesAreCountedAsDeadLetters() {
        var raw = driver.createInputTopic(TOPICS.samples(), new StringSerializer(), new ByteArraySerializer());
        raw.pipeInput("bad", "{\"schemaVersion\":1,\"channelId\":\"bad\"}".getBytes(StandardCharsets.UTF_8));
        raw.pipeInput("bad", "not json".getBytes(StandardCharsets.UTF_8));

        var deadLetters = driver.createOutputTopic(
                TOPICS.deadLetter(),
                Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
        assertThat(deadLetters.readRecordsToList()).hasSize(2);
        assertThat(registry.get("cellwatch.dead.letter.records")
                        .tag("stage", "deserialization")
                        .counter()
                        .count())
                .isEqualTo(2);
    }

    private static List<CycleSummary> range(KeyValueStore<Bytes, CycleSummary> store, String channel) {
        List<CycleSummary> found = new ArrayList<>();
        try (KeyValueIterator<Bytes, CycleSummary> it =
                store.range(HistoryKey.first(channel), HistoryKey.last(channel))) {
            it.forEachRemaining((KeyValue<Bytes, CycleSummary> kv) -> found.add(kv.value));
        }
        return found;
    }
}
