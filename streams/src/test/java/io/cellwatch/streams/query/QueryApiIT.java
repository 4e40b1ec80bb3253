package io.cellwatch.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.WireCodec;
import io.cellwatch.model.WireSerdes;
import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.streams.StreamsService;
import io.cellwatch.streams.http.HttpApi;
import io.cellwatch.streams.metrics.CellwatchMetrics;
import io.cellwatch.streams.metrics.ChannelRetirement;
import io.cellwatch.streams.testing.ScriptedCell;
import io.cellwatch.streams.topology.StreamsSettings;
import io.cellwatch.streams.topology.TopologySettings;
import io.cellwatch.testing.KafkaTestCluster;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the application against one real broker: any instance answers for any channel
 * (forwarding to the owner), fleet answers gather both, and what the API returns for a channel's
 * cycles is what the cycles topic holds. The second instance joins after the first has processed
 * everything, so half the channels move: their series must leave the first instance's registry and
 * their open alerts must show on the new owner, restored from the store.
 */
class QueryApiIT {
    private static final TopicNames TOPICS = TopicNames.withPrefix("query-it.");
    private static final int PARTITIONS = 4;
    private static final String APP = "query-it";
    /** Samples a step: fine enough that the data-quality watch has nothing to say (the channels' states stay theirs). */
    private static final int FINE_LOGGING = 20;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path stateDir;

    @Test
    void anyInstanceAnswersForAnyChannelWithWhatTheCyclesTopicHolds() throws Exception {
        // One shorting and one healthy channel per partition, so whichever partitions move, both kinds move.
        List<String> shorting = channelsCoveringEveryPartition("li-in-");
        List<String> healthy = channelsCoveringEveryPartition("ncm-");
        List<String> channels = new ArrayList<>(shorting);
        channels.addAll(healthy);

        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            kafka.createTopics(PARTITIONS, TOPICS.all().toArray(String[]::new));
            produce(kafka, shorting, healthy);

            Instance first = new Instance(kafka, "a");
            Instance second = null;
            try {
                first.start();
                List<ConsumerRecord<String, CycleSummary>> cycles = kafka.readUntil(
                        TOPICS.cycles(),
                        new StringDeserializer(),
                        WireSerdes.cycleSummary().deserializer(),
                        Duration.ofSeconds(90),
                        read -> read.size() >= expectedCycles(shorting.size(), healthy.size()));
                assertThat(cycles).hasSize(expectedCycles(shorting.size(), healthy.size()));
                List<ConsumerRecord<String, Alert>> alerts = kafka.readUntil(
                        TOPICS.alerts(),
                        new StringDeserializer(),
                        WireSerdes.alert().deserializer(),
                        Duration.ofSeconds(30),
                        read -> read.stream().map(r -> r.key()).distinct().count() == shorting.size());
                assertThat(alerts.stream().map(ConsumerRecord::key).distinct())
                        .containsExactlyInAnyOrderElementsOf(shorting);

                second = new Instance(kafka, "b");
                second.start();
                Instance a = first;
                Instance b = second;
                // The failover assignor gives a new instance standbys only and its share at the probing
                // rebalance, which Kafka Streams allows no sooner than 60 s after it joins.
                within(Duration.ofSeconds(180))
                        .until(() -> a.running()
                                && b.running()
                                && !a.owned(channels).isEmpty()
                                && !b.owned(channels).isEmpty());
                List<String> movedToB = b.owned(channels);
                assertThat(a.owned(channels))
                        .doesNotContainAnyElementsOf(movedToB)
                        .hasSize(channels.size() - movedToB.size());

                Map<String, List<CycleSummary>> topicByChannel = new HashMap<>();
                for (ConsumerRecord<String, CycleSummary> record : cycles) {
                    topicByChannel
                            .computeIfAbsent(record.key(), k -> new ArrayList<>())
                            .add(record.value());
                }
                for (String channel : channels) {
                    List<CycleSummary> expected = topicByChannel.get(channel);
                    assertThat(expected).as(channel).hasSizeGreaterThan(10);
                    for (Instance asked : List.of(a, b)) {
                        within(Duration.ofSeconds(30))
                                .untilAsserted(() -> assertThat(cyclesVia(asked, channel))
                                        .as("%s asked through %s", channel, asked.name)
                                        .isEqualTo(expected));
                        assertThat(cyclesVia(asked, channel, "?limit=3"))
                                .as("the newest three of %s through %s", channel, asked.name)
                                .isEqualTo(expected.subList(expected.size() - 3, expected.size()));
                        assertThat(csvVia(asked, channel))
                                .as("CSV of %s through %s", channel, asked.name)
                                .isEqualTo(expected.stream()
                                        .map(c -> List.of(
                                                String.valueOf(c.cycleIndex()),
                                                String.valueOf(c.chargeAh()),
                                                String.valueOf(c.dischargeAh())))
                                        .toList());
                    }
                }

                // Fleet questions: every channel and every open episode, whichever instance is asked.
                Map<String, Alert> latestPerEpisode = new LinkedHashMap<>();
                alerts.forEach(r -> latestPerEpisode.put(r.value().alertId(), r.value()));
                List<Alert> open = latestPerEpisode.values().stream()
                        .filter(x -> x.status() == AlertStatus.FIRING)
                        .toList();
                for (Instance asked : List.of(a, b)) {
                    JsonNode fleet = json.readTree(get(asked, "/api/channels").body());
                    List<String> listed = new ArrayList<>();
                    fleet.forEach(node -> listed.add(node.get("channelId").asText()));
                    assertThat(listed).containsExactlyInAnyOrderElementsOf(channels);
                    fleet.forEach(node -> assertThat(node.get("state").asText())
                            .as(node.toString())
                            .isEqualTo(shorting.contains(node.get("channelId").asText()) ? "critical" : "ok"));

                    List<Alert> active = new ArrayList<>();
                    json.readTree(get(asked, "/api/alerts").body())
                            .forEach(node -> active.add(WireCodec.ALERT.fromJson(node.toString())));
                    assertThat(active).containsExactlyInAnyOrderElementsOf(open);
                }
                for (String resource : List.of("", "/cycles", "/alerts", "/alerts/history", "/recent")) {
                    HttpResponse<String> unknown = get(b, "/api/channels/" + encode("no-such-channel") + resource);
                    assertThat(unknown.statusCode()).as(resource).isEqualTo(404);
                }

                // Series live on the owner only; open alerts of moved channels were restored on the new owner.
                within(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertThat(a.seriesOf(movedToB, "cellwatch_cell_voltage_volts"))
                                .isEmpty());
                assertThat(a.seriesOf(a.owned(channels), "cellwatch_cell_voltage_volts"))
                        .containsExactlyInAnyOrderElementsOf(a.owned(channels));
                List<String> movedShorting =
                        movedToB.stream().filter(shorting::contains).toList();
                assertThat(movedShorting).isNotEmpty();
                assertThat(b.seriesOf(movedShorting, "cellwatch_cell_active_alerts"))
                        .containsExactlyInAnyOrderElementsOf(movedShorting);
                assertThat(b.scrape())
                        .contains("cellwatch_cell_alert_severity{channel=\"" + movedShorting.get(0) + "\"} 2.0");
            } finally {
                if (second != null) {
                    second.close();
                }
                first.close();
            }
        }
    }

    private static int expectedCycles(int shorting, int healthy) {
        return shorting * 16 + healthy * 19; // the last cycle of each channel stays open
    }

    private void produce(KafkaTestCluster kafka, List<String> shorting, List<String> healthy) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        List<Sample> samples = new ArrayList<>();
        for (String channel : shorting) {
            samples.addAll(ScriptedCell.liInLike(channel, 880, 891, 896, 3.14e-3, 0.04, FINE_LOGGING)
                    .samples());
        }
        for (String channel : healthy) {
            samples.addAll(ScriptedCell.liInLike(channel, 1, 10_000, 20, 2.0, 0, FINE_LOGGING)
                    .samples());
        }
        try (var producer = new KafkaProducer<>(
                props, new StringSerializer(), WireSerdes.sample().serializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Sample sample : samples) {
                sent.add(producer.send(new ProducerRecord<>(TOPICS.samples(), sample.channelId(), sample)));
            }
            producer.flush();
            for (Future<RecordMetadata> each : sent) {
                each.get(); // a sample the broker refused fails here, not as a short count later
            }
        }
    }

    /** Channel ids, one per partition of the samples topic, placed as the producer's default partitioner places them. */
    private static List<String> channelsCoveringEveryPartition(String prefix) {
        String[] byPartition = new String[PARTITIONS];
        int found = 0;
        for (int n = 1; found < PARTITIONS; n++) {
            String id = prefix + n;
            int partition = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            if (byPartition[partition] == null) {
                byPartition[partition] = id;
                found++;
            }
        }
        return List.of(byPartition);
    }

    private List<CycleSummary> cyclesVia(Instance instance, String channel) {
        return cyclesVia(instance, channel, "");
    }

    private List<CycleSummary> cyclesVia(Instance instance, String channel, String query) {
        try {
            HttpResponse<String> response = get(instance, "/api/channels/" + encode(channel) + "/cycles" + query);
            if (response.statusCode() != 200) {
                return List.of();
            }
            List<CycleSummary> cycles = new ArrayList<>();
            json.readTree(response.body())
                    .forEach(node -> cycles.add(WireCodec.CYCLE_SUMMARY.fromJson(node.toString())));
            return cycles;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<List<String>> csvVia(Instance instance, String channel) throws IOException {
        HttpResponse<String> response = get(instance, "/api/channels/" + encode(channel) + "/cycles.csv");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        try (MappingIterator<Map<String, String>> rows = new CsvMapper()
                .readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader())
                .readValues(response.body())) {
            return rows.readAll().stream()
                    .map(row -> List.of(row.get("cycleIndex"), row.get("chargeAh"), row.get("dischargeAh")))
                    .toList();
        }
    }

    private HttpResponse<String> get(Instance instance, String path) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + instance.port + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String channel) {
        return URLEncoder.encode(channel, StandardCharsets.UTF_8);
    }

    private static ConditionFactory within(Duration timeout) {
        return await().atMost(timeout).pollInterval(Duration.ofMillis(250));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** One instance: Kafka Streams, its registry and its HTTP endpoint with the query API. */
    private final class Instance implements AutoCloseable {
        final String name;
        final int port;
        final PrometheusMeterRegistry registry = CellwatchMetrics.prometheusRegistry();
        final StreamsService service;
        HttpApi api;

        Instance(KafkaTestCluster kafka, String name) throws IOException {
            this.name = name;
            this.port = freePort();
            this.service = new StreamsService(
                    TopologySettings.defaults().withTopics(TOPICS),
                    new StreamsSettings(
                            KafkaConnection.plain(kafka.bootstrapServers()),
                            APP,
                            stateDir.resolve(name),
                            TOPICS.deadLetter(),
                            true,
                            1,
                            1,
                            "127.0.0.1:" + port),
                    registry,
                    new ChannelRetirement(Duration.ofHours(1), Duration.ofMillis(500)),
                    Clock.systemUTC());
        }

        void start() throws IOException {
            api = HttpApi.start("127.0.0.1", port, registry, service::healthy);
            new QueryApi(service.kafkaStreams(), service.queryRouter(), new RecentSamples(Clock.systemUTC()))
                    .install(api);
            service.start();
        }

        boolean running() {
            return service.state() == KafkaStreams.State.RUNNING;
        }

        List<String> owned(List<String> channels) {
            return channels.stream()
                    .filter(c -> service.queryRouter().ownerOf(c) instanceof QueryRouter.Here)
                    .toList();
        }

        String scrape() {
            return registry.scrape();
        }

        /** Which of {@code channels} have a series of {@code metric} on this instance. */
        List<String> seriesOf(List<String> channels, String metric) {
            String scrape = scrape();
            return channels.stream()
                    .filter(c -> scrape.contains(metric + "{channel=\"" + c + "\"}"))
                    .toList();
        }

        @Override
        public void close() {
            service.close();
            if (api != null) {
                api.close();
            }
        }
    }
}
