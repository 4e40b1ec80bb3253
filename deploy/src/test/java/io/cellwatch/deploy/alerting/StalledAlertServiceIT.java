package io.cellwatch.deploy.alerting;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An alert-service instance that stalls past its session timeout (SIGSTOP: a long GC pause, a paused
 * VM) while it delivers, and wakes up (SIGCONT) after another instance took its partition over. It
 * held two events: one it was delivering (the webhook has it and holds its answer) and one queued
 * behind it. The new owner sends the first again, marked as a redelivery (it finds it begun in the
 * ledger), and the second as a first delivery; the stalled instance, its ledger writes fenced, sends
 * nothing more: not the second, and not the first again when its held attempt times out on waking.
 */
class StalledAlertServiceIT {
    private static final String PREFIX = "stalled.";
    private static final String GROUP = "stalled-alerts";

    @TempDir
    Path dir;

    @Test
    void aStalledInstanceWakingUpAfterItsPartitionMovedAddsNoUnmarkedCopy() throws Exception {
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
                producer.send(new ProducerRecord<>(topics.alerts(), "ch-7", firing("ch-7")))
                        .get(30, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>(topics.alerts(), "ch-8", firing("ch-8")))
                        .get(30, TimeUnit.SECONDS);
            }

            try (CliProcess stalled = CliProcess.start(dir.resolve("alerts-stalled.log"), args)) {
                assertThat(webhook.awaitReceived(1, Duration.ofSeconds(90)))
                        .as("the first instance posted the first event")
                        .isTrue();
                stalled.pause(); // while the webhook holds its answer, the second event queued behind it
                try (CliProcess newOwner = CliProcess.start(dir.resolve("alerts-new-owner.log"), args)) {
                    assertThat(webhook.awaitReceived(3, Duration.ofSeconds(120)))
                            .as("the new owner, once the stalled instance's session timed out, sent both events")
                            .isTrue();
                    webhook.release();
                    stalled.resume();
                    assertThat(Waiting.until(
                                    Duration.ofSeconds(90),
                                    Duration.ofMillis(200),
                                    () -> occurrences(stalled.log(), "delivery ledger holds") >= 2))
                            .as("the stalled instance woke up and joined the group again")
                            .isTrue();
                    Thread.sleep(5_000); // time for any copy it would still send
                    newOwner.kill();
                }
                stalled.kill();
            }

            List<HoldingWebhook.Received> got = webhook.received();
            Map<String, List<Boolean>> marksById = got.stream()
                    .collect(Collectors.groupingBy(
                            HoldingWebhook.Received::id,
                            Collectors.mapping(HoldingWebhook.Received::markedAsRedelivery, Collectors.toList())));
            assertThat(marksById).as("both events arrived").hasSize(2);
            assertThat(marksById.values())
                    .as("each event arrived once unmarked; every further copy is marked as a redelivery: %s", got)
                    .allSatisfy(marks ->
                            assertThat(marks.stream().filter(marked -> !marked)).hasSize(1));
            // Before the fence, the stalled instance retried the first event (marked) on waking when its
            // retry came before its consumer learnt the partition was gone: in 1 of 3 runs of this test on
            // that code. The fence makes it deterministic; DeliveryLedgerFencingIT and AlertDispatcherTest
            // pin the mechanism down without the race.
            assertThat(got)
                    .as("nothing from the stalled instance after it woke: the first event as it stalled, then"
                            + " the new owner's two")
                    .hasSize(3);
        }
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static Alert firing(String channel) {
        return new Alert(
                Alert.SCHEMA_VERSION,
                Alert.episodeId(channel, AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE, 40),
                channel,
                AlertKind.SOFT_SHORT_CAPACITY_DIVERGENCE,
                Severity.WARNING,
                AlertStatus.FIRING,
                41,
                41 * 10_800.0,
                null,
                "Soft short suspected at cycle 41",
                Map.of("chargeAh", 0.00301));
    }

    private static KafkaProducer<String, Alert> producer(KafkaTestCluster kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return new KafkaProducer<>(
                props, new StringSerializer(), WireSerdes.alert().serializer());
    }
}
