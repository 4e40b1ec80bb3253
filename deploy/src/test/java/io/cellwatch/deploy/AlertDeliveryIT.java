package io.cellwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellwatch.ingest.kafka.SampleProducer;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.simulator.Scenario;
import io.cellwatch.simulator.Simulator;
import io.cellwatch.simulator.SimulatorConfig;
import io.cellwatch.streams.StreamsService;
import io.cellwatch.streams.metrics.CellwatchMetrics;
import io.cellwatch.streams.topology.StreamsSettings;
import io.cellwatch.streams.topology.TopologySettings;
import io.cellwatch.testing.AlertmanagerProcess;
import io.cellwatch.testing.KafkaTestCluster;
import io.cellwatch.testing.RecordingHttpReceiver;
import io.cellwatch.testing.Waiting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert delivery end to end, the way a lab runs it: the simulated Li-In cell through the
 * exactly-once topology, and {@code cellwatch alerts} as its own JVM delivering to a real
 * Alertmanager, a webhook and the commands topic.
 *
 * <ol>
 *   <li>Alertmanager is stopped before the short shows and stays down at least 30 s while the
 *       alert fires; the webhook gets the alert meanwhile.</li>
 *   <li>The alert service is killed with SIGKILL while Alertmanager still owes the alert (its
 *       offsets are not committed, so the restarted service reads those records again) and restarted.</li>
 *   <li>Alertmanager comes back: the alert arrives with channel, kind and evidence.</li>
 *   <li>The webhook saw every event once, a second copy only marked as a redelivery (the kill fell
 *       between the webhook's answer and the ledger's record of it, the one window the README names);
 *       one pause request was written unmarked, a second copy only marked, for the same reason.</li>
 *   <li>A second SIGKILL after everything was delivered: the restarted service repeats nothing, and
 *       keeps the alert alive in Alertmanager by re-sending it from its ledger.</li>
 * </ol>
 */
class AlertDeliveryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "e2e.";
    private static final String GROUP = "e2e-alerts";
    private static final int RESEND_SECONDS = 2;
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    /** A token in the webhook's path, as chat webhooks carry them: it must reach the receiver and no log. */
    private static final String TOKEN = "T0KEN-4f9c2a";

    @TempDir
    Path dir;

    @Test
    void theLiInShortReachesAlertmanagerThroughAnOutageAndACrashWithoutDuplicates() throws Exception {
        AlertmanagerProcess.requireBinary();
        TopicNames topics = TopicNames.withPrefix(PREFIX);
        Simulator simulator =
                Simulator.create(SimulatorConfig.demo(), List.of(Scenario.LI_IN_SOFT_SHORT, Scenario.HEALTHY_NCM));
        String liIn = simulator.channels().get(0).channelId();
        String healthy = simulator.channels().get(1).channelId();
        Path receivers = dir.resolve("receivers.yml");
        // The re-send interval from the file, the receivers from flags: both ways in one run.
        Files.writeString(receivers, "alertmanager:\n  resendIntervalSeconds: " + RESEND_SECONDS + "\n");

        try (KafkaTestCluster kafka = KafkaTestCluster.start();
                AlertmanagerProcess am = AlertmanagerProcess.start(dir.resolve("am"));
                RecordingHttpReceiver webhook = RecordingHttpReceiver.start();
                Resources resources = new Resources()) {
            List<CliProcess> started = new ArrayList<>();
            resources.add("alert services", () -> {
                for (CliProcess process : started) {
                    process.kill();
                }
            });
            KafkaRuntime.ensurePipelineTopics(kafka.connection(), topics, 2, (short) 1);
            StreamsService streams = resources.add(
                    "streams",
                    new StreamsService(
                            TopologySettings.defaults().withTopics(topics),
                            new StreamsSettings(
                                    KafkaConnection.plain(kafka.bootstrapServers()),
                                    "e2e-streams",
                                    dir.resolve("streams"),
                                    topics.deadLetter(),
                                    true,
                                    1,
                                    1,
                                    null),
                            CellwatchMetrics.prometheusRegistry(),
                            Clock.systemUTC()));
            streams.start();

            List<String> alertsArgs = List.of(
                    "alerts",
                    "--bootstrap-servers",
                    kafka.bootstrapServers(),
                    "--topic-prefix",
                    PREFIX,
                    "--partitions",
                    "2",
                    "--replication-factor",
                    "1",
                    "--group-id",
                    GROUP,
                    "--metrics-port",
                    "0",
                    "--alertmanager-url",
                    am.url(),
                    "--webhook-url",
                    webhook.url("/hooks/lab-chat/" + TOKEN),
                    "--pause-on-severity",
                    "critical",
                    "--receivers-file",
                    receivers.toString());

            // 1. Alertmanager down before the short shows.
            am.stop();
            long amDownSince = System.nanoTime();
            CliProcess alerts = started(started, CliProcess.start(dir.resolve("alerts-1.log"), alertsArgs));
            try (SampleProducer producer = new SampleProducer(kafka.connection(), topics)) {
                producer.publish(simulator.channels());
                simulator.advanceTo(
                        80 * 3600.0, producer::send); // past the escalation at 893, before the endless charge
                producer.flush();
            }
            String warning = liIn + "/soft_short_capacity_divergence/";
            List<RecordingHttpReceiver.Request> beforeCrash = webhook.await(
                    Duration.ofSeconds(180),
                    got -> ids(got).stream()
                            .anyMatch(id -> id.startsWith(warning) && id.contains("@firing/critical@")));
            assertThat(ids(beforeCrash))
                    .as("the webhook got the alert while Alertmanager was down")
                    .anyMatch(id -> id.startsWith(warning) && id.contains("@firing/warning@"))
                    .anyMatch(id -> id.startsWith(warning) && id.contains("@firing/critical@"));
            assertThat(am.running()).isFalse();

            // 2. SIGKILL while Alertmanager still owes the alert: its records are not committed.
            Map<TopicPartition, Long> end = endOffsets(kafka, topics.alerts());
            assertThat(committed(kafka))
                    .as("nothing past the alert is committed while Alertmanager owes it")
                    .allSatisfy((partition, offset) -> assertThat(offset).isLessThanOrEqualTo(end.get(partition)))
                    .satisfies(c -> assertThat(c.values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum())
                            .isLessThan(end.values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum()));
            alerts.kill();
            alerts = started(started, CliProcess.start(dir.resolve("alerts-2.log"), alertsArgs));

            // 3. Alertmanager back after at least 30 s: the alert arrives, with channel, kind and evidence.
            long downFor = System.nanoTime() - amDownSince;
            if (downFor < OUTAGE.toNanos()) {
                Thread.sleep(TimeUnit.NANOSECONDS.toMillis(OUTAGE.toNanos() - downFor));
            }
            am.startAgain();
            // Delivered in order: the warning first, then the escalation, which closes the warning.
            JsonNode inAlertmanager = awaitAlert(am, liIn, "critical", Duration.ofSeconds(90));
            assertThat(inAlertmanager).as("the Li-In short in Alertmanager").isNotNull();
            assertThat(inAlertmanager.path("labels").path("channel").asText()).isEqualTo(liIn);
            assertThat(inAlertmanager.path("labels").path("kind").asText()).isEqualTo("soft_short_capacity_divergence");
            assertThat(inAlertmanager.path("labels").path("severity").asText()).isEqualTo("critical");
            JsonNode evidence = JSON.readTree(
                    inAlertmanager.path("annotations").path("evidence").asText());
            assertThat(evidence.path("chargeAh").asDouble())
                    .isGreaterThan(evidence.path("baselineChargeAh").asDouble());
            assertThat(evidence.path("dischargeAh").asDouble())
                    .isLessThan(evidence.path("baselineDischargeAh").asDouble());
            assertThat(inAlertmanager.path("annotations").path("summary").asText())
                    .contains(liIn);
            assertThat(JSON.readTree(am.alerts("channel=\"" + liIn + "\"", "kind=\"soft_short_capacity_divergence\"")))
                    .as("only the critical one stays active")
                    .hasSize(1);

            // 4. Everything accepted everywhere: the webhook saw each event once, one pause was asked.
            awaitAllCommitted(kafka, topics.alerts(), Duration.ofSeconds(60));
            assertNoUnmarkedRepeats(webhook);
            assertThat(ids(webhook.requests())).noneMatch(id -> id.startsWith(healthy));
            var commands = kafka.readUntil(
                    PREFIX + "commands",
                    new StringDeserializer(),
                    new StringDeserializer(),
                    Duration.ofSeconds(5),
                    read -> false);
            List<JsonNode> pauses = new ArrayList<>();
            for (var command : commands) {
                assertThat(command.key()).isEqualTo(liIn);
                pauses.add(JSON.readTree(command.value()));
            }
            assertThat(pauses)
                    .allSatisfy(p -> assertThat(p.path("action").asText()).isEqualTo("pause"));
            // Exactly one, through the kills: the request and the ledger's record of it are one transaction.
            assertThat(pauses)
                    .extracting(p -> p.path("commandId").asText())
                    .singleElement()
                    .asString()
                    .matches(Pattern.quote(liIn) + "/soft_short_capacity_divergence/\\d+/pause");

            // 5. A second SIGKILL with nothing owed: no repeat, and the alert stays alive in Alertmanager
            //    past its endsAt (4 re-send intervals) because the restarted service re-sends it.
            int delivered = webhook.requests().size();
            alerts.kill();
            alerts = started(started, CliProcess.start(dir.resolve("alerts-3.log"), alertsArgs));
            assertThat(alerts.awaitLog("assigned", Duration.ofSeconds(60)))
                    .as("restarted service took its partitions")
                    .isTrue();
            // Past the endsAt of anything sent before the kill: only re-sends from the ledger keep it active.
            Thread.sleep(Duration.ofSeconds(5L * RESEND_SECONDS).toMillis());
            assertThat(awaitAlert(am, liIn, "critical", Duration.ofSeconds(5)))
                    .as("still firing in Alertmanager")
                    .isNotNull();
            assertThat(webhook.requests()).hasSize(delivered);
            assertNoUnmarkedRepeats(webhook);
            assertThat(alerts.isAlive()).isTrue();
            alerts.kill();

            assertThat(webhook.requests()).allSatisfy(r -> assertThat(r.path()).isEqualTo("/hooks/lab-chat/" + TOKEN));
            for (String log : List.of("alerts-1.log", "alerts-2.log", "alerts-3.log")) {
                assertThat(Files.readString(dir.resolve(log)))
                        .as(log)
                        .contains("[alerts] delivering to webhook-")
                        .doesNotContain(TOKEN);
            }
        }
    }

    private static CliProcess started(List<CliProcess> started, CliProcess process) {
        started.add(process);
        return process;
    }

    private static List<String> ids(List<RecordingHttpReceiver.Request> requests) {
        List<String> ids = new ArrayList<>();
        for (RecordingHttpReceiver.Request request : requests) {
            try {
                ids.add(JSON.readTree(request.body()).path("id").asText());
            } catch (Exception e) {
                throw new AssertionError("webhook body is not JSON: " + request.body(), e);
            }
        }
        return ids;
    }

    /**
     * Every event at the webhook, and no copy of one unmarked twice: a repeat is marked as a
     * redelivery (the kill fell between the webhook's answer and the ledger's record of it).
     */
    private static void assertNoUnmarkedRepeats(RecordingHttpReceiver webhook) {
        Map<String, List<Boolean>> marksById = new java.util.TreeMap<>();
        for (RecordingHttpReceiver.Request request : webhook.requests()) {
            try {
                JsonNode body = JSON.readTree(request.body());
                marksById
                        .computeIfAbsent(body.path("id").asText(), id -> new ArrayList<>())
                        .add(body.path("redelivery").asBoolean(false));
            } catch (Exception e) {
                throw new AssertionError("webhook body is not JSON: " + request.body(), e);
            }
        }
        assertThat(marksById)
                .as("redelivery marks by event id")
                .isNotEmpty()
                .allSatisfy((id, marks) -> assertThat(marks.stream().filter(marked -> !marked))
                        .as(id + " unmarked copies")
                        .hasSizeLessThanOrEqualTo(1));
    }

    /** The channel's capacity-divergence alert at {@code severity} once Alertmanager holds it, or null. */
    private static JsonNode awaitAlert(AlertmanagerProcess am, String channel, String severity, Duration timeout)
            throws Exception {
        JsonNode alerts = Waiting.until(
                timeout,
                Duration.ofMillis(250),
                () -> JSON.readTree(am.alerts(
                        "channel=\"" + channel + "\"",
                        "kind=\"soft_short_capacity_divergence\"",
                        "severity=\"" + severity + "\"")),
                found -> found.size() > 0);
        return alerts != null && alerts.size() > 0 ? alerts.get(0) : null;
    }

    private static Admin admin(KafkaTestCluster kafka) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return Admin.create(props);
    }

    private static Map<TopicPartition, Long> committed(KafkaTestCluster kafka) throws Exception {
        try (Admin admin = admin(kafka)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get();
            return offsets.entrySet().stream()
                    .filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    private static Map<TopicPartition, Long> endOffsets(KafkaTestCluster kafka, String topic) throws Exception {
        try (Admin admin = admin(kafka)) {
            int partitions = admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get()
                    .get(topic)
                    .partitions()
                    .size();
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            for (int p = 0; p < partitions; p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    /** Until the group's committed offsets reach the end of the topic: every receiver accepted every record. */
    private static void awaitAllCommitted(KafkaTestCluster kafka, String topic, Duration timeout) throws Exception {
        Waiting.until(timeout, Duration.ofMillis(250), () -> allCommitted(kafka, topic));
        assertThat(allCommitted(kafka, topic))
                .as("committed offsets %s reach the end %s", committed(kafka), endOffsets(kafka, topic))
                .isTrue();
    }

    private static boolean allCommitted(KafkaTestCluster kafka, String topic) throws Exception {
        Map<TopicPartition, Long> committed = committed(kafka);
        return endOffsets(kafka, topic).entrySet().stream()
                .allMatch(e -> committed.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }
}
