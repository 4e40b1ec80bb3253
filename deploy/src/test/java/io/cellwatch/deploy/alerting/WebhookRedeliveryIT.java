package io.cellwatch.deploy.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellwatch.deploy.CliProcess;
import io.cellwatch.deploy.KafkaRuntime;
import io.cellwatch.model.Alert;
import io.cellwatch.model.AlertKind;
import io.cellwatch.model.AlertStatus;
import io.cellwatch.model.Severity;
import io.cellwatch.model.TopicNames;
import io.cellwatch.model.WireSerdes;
import io.cellwatch.testing.KafkaTestCluster;
import io.cellwatch.testing.Waiting;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one window no sender can close, played on purpose: {@code cellwatch alerts} (its own JVM) posts an
 * alert event, the webhook reads it and holds its answer, and the service is killed with SIGKILL before
 * the answer comes. The restarted service cannot know whether the webhook has the event: it sends it
 * again, marked {@code "redelivery": true} under the same id (and {@code Idempotency-Key}), once, and a
 * third start sends nothing.
 */
class WebhookRedeliveryIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "redelivery.";
    private static final String CHANNEL = "ch-7";
    private static final String GROUP = "redelivery-alerts";

    @TempDir
    Path dir;

    @Test
    void anEventWhoseAnswerAKillCutOffIsSentAgainMarkedAndOnlyOnce() throws Exception {
        TopicNames topics = TopicNames.withPrefix(PREFIX);
        try (KafkaTestCluster kafka = KafkaTestCluster.start();
                HoldingWebhook webhook = HoldingWebhook.start()) {
            KafkaRuntime.ensurePipelineTopics(kafka.connection(), topics, 1, (short) 1);
            List<String> args = List.of(
                    "alerts",
                    "--bootstrap-servers",
                    kafka.bootstrapServers(),
                    "--topic-prefix",
                    PREFIX,
                    "--partitions",
                    "1",
                    "--replication-factor",
                    "1",
                    "--group-id",
                    GROUP,
                    "--metrics-port",
                    "0",
                    "--webhook-url",
                    webhook.url());
            try (KafkaProducer<String, Alert> producer = producer(kafka)) {
                producer.send(new ProducerRecord<>(topics.alerts(), CHANNEL, firing()))
                        .get(30, TimeUnit.SECONDS);
            }

            try (CliProcess first = CliProcess.start(dir.resolve("alerts-1.log"), args)) {
                assertThat(webhook.awaitReceived(1, Duration.ofSeconds(90)))
                        .as("the first service posted the event")
                        .isTrue();
                first.kill(); // while the webhook still holds its answer
            }
            webhook.release();

            try (CliProcess second = CliProcess.start(dir.resolve("alerts-2.log"), args)) {
                assertThat(webhook.awaitReceived(2, Duration.ofSeconds(90)))
                        .as("the restarted service sent the event again")
                        .isTrue();
                assertThat(second.awaitLog("marked as a redelivery", Duration.ofSeconds(10)))
                        .isTrue();
                assertThat(Waiting.until(Duration.ofSeconds(60), Duration.ofMillis(200), () -> committed(kafka) >= 1))
                        .as("the record committed once the webhook accepted it")
                        .isTrue();
                second.kill();
            }
            try (CliProcess third = CliProcess.start(dir.resolve("alerts-3.log"), args)) {
                assertThat(third.awaitLog("assigned", Duration.ofSeconds(90)))
                        .as("the third service took the partition")
                        .isTrue();
                Thread.sleep(3_000); // time to repeat anything it would repeat
                third.kill();
            }

            List<HoldingWebhook.Received> got = webhook.received();
            assertThat(got)
                    .as("the event, then its one redelivery, then nothing")
                    .hasSize(2);
            String id = CHANNEL + "/soft_short_capacity_divergence/40@firing/warning@t=442800s";
            assertThat(got.get(0).body().path("id").asText()).isEqualTo(id);
            assertThat(got.get(0).body().has("redelivery")).isFalse();
            assertThat(got.get(1).body().path("id").asText()).isEqualTo(id);
            assertThat(got.get(1).body().path("redelivery").asBoolean()).isTrue();
            assertThat(got).allSatisfy(r -> assertThat(r.idempotencyKey()).isEqualTo(id));
        }
    }

    private static Alert firing() {
        return new Alert(
                Alert.SCHEMA_VERSION,
                Alert.episodeId(CHANNEL, AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE, 40),
                CHANNEL,
                AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE,
                Severity.WARNING,
                AlertStatus.FIRING,
                41,
                41 * 10_800.0,
                null,
                "Soft short suspected at cycle 41",
                Map.of("chargeAh", 0.00301));
    }

    /** The alert service group's committed offset on the alerts topic's one partition (0 when none). */
    private static long committed(KafkaTestCluster kafka) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .get(new TopicPartition(TopicNames.withPrefix(PREFIX).alerts(), 0));
            return offset == null ? 0 : offset.offset();
        }
    }

    private static KafkaProducer<String, Alert> producer(KafkaTestCluster kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return new KafkaProducer<>(
                props, new StringSerializer(), WireSerdes.alert().serializer());
    }
}
