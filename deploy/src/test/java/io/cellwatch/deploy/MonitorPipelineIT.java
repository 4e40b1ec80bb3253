package io.cellwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.alerts.AlertService;
import io.cellwatch.alerts.delivery.AlertSink;
import io.cellwatch.ingest.kafka.SampleProducer;
import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.WireSerdes;
import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.simulator.Scenario;
import io.cellwatch.simulator.Simulator;
import io.cellwatch.simulator.SimulatorConfig;
import io.cellwatch.streams.StreamsService;
import io.cellwatch.streams.http.HttpApi;
import io.cellwatch.streams.metrics.CellwatchMetrics;
import io.cellwatch.streams.topology.StreamsSettings;
import io.cellwatch.streams.topology.TopologySettings;
import io.cellwatch.testing.KafkaTestCluster;
import io.cellwatch.testing.Waiting;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's wiring against a real broker: the simulated Li-In cell produced through the ingest
 * producer, summarized and judged by the exactly-once topology, delivered by the alert service
 * (read_committed), with per-channel series on the metrics endpoint; then {@code cellwatch end-test} on
 * the shorted cell resolves its alert and takes its series off.
 */
class MonitorPipelineIT {
    @TempDir
    Path stateDir;

    @Test
    void theSimulatedLiInShortReachesTheAlertServiceAndTheMetricsEndpoint() throws Exception {
        TopicNames topics = TopicNames.withPrefix("pipeline.");
        Simulator simulator =
                Simulator.create(SimulatorConfig.demo(), List.of(Scenario.LI_IN_SOFT_SHORT, Scenario.HEALTHY_NCM));
        String liIn = simulator.channels().get(0).channelId();
        String healthy = simulator.channels().get(1).channelId();
        List<Alert> delivered = new CopyOnWriteArrayList<>();
        AlertSink capture = new AlertSink() {
            @Override
            public String name() {
                return "capture";
            }

            @Override
            public void deliver(Alert alert) {
                delivered.add(alert);
            }
        };

        try (KafkaTestCluster kafka = KafkaTestCluster.start();
                Resources resources = new Resources()) {
            KafkaRuntime.ensurePipelineTopics(kafka.connection(), topics, 2, (short) 1);
            PrometheusMeterRegistry registry = CellwatchMetrics.prometheusRegistry();
            StreamsService streams = resources.add(
                    "streams",
                    new StreamsService(
                            TopologySettings.defaults().withTopics(topics),
                            new StreamsSettings(
                                    KafkaConnection.plain(kafka.bootstrapServers()),
                                    "pipeline-it",
                                    stateDir,
                                    topics.deadLetter(),
                                    true,
                                    1,
                                    1,
                                    null),
                            registry,
                            Clock.systemUTC()));
            HttpApi http = resources.add("http", HttpApi.start("127.0.0.1", 0, registry, streams::healthy));
            streams.start();
            AlertService alerts = new AlertService(
                    kafka.connection(), "pipeline-it-alerts", topics.alerts(), List.of(capture), Clock.systemUTC());
            resources.startThread("alerts", alerts, alerts);

            try (SampleProducer producer = new SampleProducer(kafka.connection(), topics)) {
                producer.publish(simulator.channels());
                simulator.advanceTo(80 * 3600.0, producer::send); // past cycle 893, before the endless charge
                producer.flush();
            }

            Waiting.until(Duration.ofSeconds(90), Duration.ofMillis(200), () -> delivered.size() >= 2);
            assertThat(delivered).isNotEmpty();
            Alert first = delivered.get(0);
            assertThat(first.channelId()).isEqualTo(liIn);
            assertThat(first.kind()).isEqualTo(AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE);
            assertThat(first.cycleIndex()).isBetween(891, 892);
            assertThat(delivered).noneMatch(a -> a.channelId().equals(healthy));

            var cycles = kafka.readUntil(
                    topics.cycles(),
                    new StringDeserializer(),
                    WireSerdes.cycleSummary().deserializer(),
                    Duration.ofSeconds(30),
                    read -> read.stream().anyMatch(r -> r.value().cycleIndex() >= 892));
            assertThat(cycles).extracting(r -> r.value().channelId()).contains(liIn, healthy);
            assertThat(cycles.stream()
                            .map(r -> r.value())
                            .filter(c -> c.channelId().equals(liIn))
                            .mapToInt(CycleSummary::cycleIndex)
                            .min()
                            .orElseThrow())
                    .isEqualTo(860);

            HttpResponse<String> metrics = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("cellwatch_cell_voltage_volts{channel=\"" + liIn + "\"}")
                    .contains("cellwatch_cell_discharge_capacity_ampere_hours{channel=\"" + healthy + "\"}")
                    .containsPattern("cellwatch_channel_info\\{cell_type=\"[a-z]+\",channel=\"" + healthy + "\"")
                    .contains(
                            "cellwatch_alerts_total{application=\"cellwatch\",kind=\"soft_short_capacity_divergence\"")
                    .contains("kafka_stream_thread_process_total")
                    .contains("jvm_memory_used_bytes");

            // The lab takes the shorted cell off: `cellwatch end-test` resolves its alert and the monitor forgets it.
            CliRun ended = CliRun.of(
                    "end-test",
                    "--bootstrap-servers",
                    kafka.bootstrapServers(),
                    "--topic-prefix",
                    "pipeline.",
                    "--reason",
                    "cell taken off for post-mortem",
                    liIn);
            assertThat(ended.exit()).as(ended.err()).isZero();
            assertThat(ended.out()).contains("test ended on " + liIn);
            Waiting.until(
                    Duration.ofSeconds(60),
                    Duration.ofMillis(200),
                    () -> delivered.stream()
                            .anyMatch(a -> a.alertId().equals(first.alertId()) && a.status() == AlertStatus.RESOLVED));
            assertThat(delivered)
                    .filteredOn(a -> a.alertId().equals(first.alertId()) && a.status() == AlertStatus.RESOLVED)
                    .singleElement()
                    .satisfies(a ->
                            assertThat(a.message()).contains("ended by the operator: cell taken off for post-mortem"));
            String afterTheEnd = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(afterTheEnd)
                    .doesNotContain("channel=\"" + liIn + "\"")
                    .contains("cellwatch_cell_voltage_volts{channel=\"" + healthy + "\"}");
        }
    }
}
