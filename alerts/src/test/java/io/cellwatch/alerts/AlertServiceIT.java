package io.cellwatch.alerts;

import static io.cellwatch.alerts.Alerts.firing;
import static io.cellwatch.alerts.Alerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cellwatch.alerts.delivery.AlertSink;
import io.cellwatch.alerts.delivery.RetryPolicy;
import io.cellwatch.alerts.delivery.pause.PauseCommandSink;
import io.cellwatch.alerts.ledger.DeliveryLedger;
import io.cellwatch.alerts.lifecycle.Episode;
import io.cellwatch.model.Alert;
import io.cellwatch.model.Severity;
import io.cellwatch.model.WireSerdes;
import io.cellwatch.testing.KafkaTestCluster;
import io.cellwatch.testing.Waiting;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The alert service against a real broker: per-receiver retries, commits that wait for every
 * receiver, the delivery ledger across restarts, pause requests, and re-sends.
 */
class AlertServiceIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final RetryPolicy QUICK_RETRY = new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(800));

    private static KafkaTestCluster kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaTestCluster.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    /** Each test has its own topics and group. */
    private static AlertServiceSettings settings(TestInfo test) throws Exception {
        return settings(test, 2);
    }

    private static AlertServiceSettings settings(TestInfo test, int alertPartitions) throws Exception {
        String prefix = test.getTestMethod().orElseThrow().getName() + ".";
        AlertTopics topics = AlertTopics.withPrefix(prefix);
        kafka.createTopics(alertPartitions, topics.alerts());
        return AlertServiceSettings.defaults(kafka.connection(), prefix + "group", topics, Clock.systemUTC())
                .withTopicSizing(2, (short) 1)
                .withRetry(QUICK_RETRY);
    }

    private static final class Running implements AutoCloseable {
        final AlertService service;
        final Thread thread;

        Running(AlertServiceSettings settings, List<AlertSink> sinks) throws InterruptedException {
            this(settings, sinks, null);
        }

        Running(AlertServiceSettings settings, List<AlertSink> sinks, MeterRegistry registry)
                throws InterruptedException {
            service = new AlertService(settings, sinks, registry);
            thread = new Thread(service, "alert-service-it");
            thread.start();
            assertThat(service.awaitReady(WAIT))
                    .as("alert service joined its group")
                    .isTrue();
        }

        @Override
        public void close() throws InterruptedException {
            service.close();
            thread.join(30_000);
            assertThat(thread.isAlive()).as("alert service stopped").isFalse();
        }
    }

    private static void produce(String topic, Alert... alerts) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, Alert> producer = new KafkaProducer<>(
                props, new StringSerializer(), WireSerdes.alert().serializer())) {
            for (Alert alert : alerts) {
                producer.send(new ProducerRecord<>(topic, alert.channelId(), alert))
                        .get();
            }
        }
    }

    /** Every pause request on the commands topic, read for 5 s. */
    private static List<ConsumerRecord<String, byte[]>> pauseRequests(AlertServiceSettings settings) throws Exception {
        return kafka.readUntil(
                settings.topics().commands(),
                new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                Duration.ofSeconds(5),
                read -> false);
    }

    private static long committedTotal(AlertServiceSettings settings) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(settings.groupId())
                    .partitionsToOffsetAndMetadata()
                    .get();
            return offsets.values().stream()
                    .filter(o -> o != null)
                    .mapToLong(OffsetAndMetadata::offset)
                    .sum();
        }
    }

    @Test
    void aReceiverThatIsDownHoldsBackOnlyItselfAndTheCommit(TestInfo test) throws Exception {
        AlertServiceSettings settings = settings(test);
        RecordingSink webhook = new RecordingSink("webhook");
        RecordingSink alertmanager = new RecordingSink("alertmanager");
        alertmanager.down = true;
        try (Running ignored = new Running(settings, List.of(alertmanager, webhook))) {
            produce(
                    settings.topics().alerts(), firing("ch-1", 20, 21, Severity.WARNING),
                    firing("ch-1", 20, 22, Severity.CRITICAL), firing("ch-2", 7, 8, Severity.WARNING));

            RecordingSink.await(WAIT, () -> webhook.accepted.size() == 3);
            assertThat(webhook.whatChanged())
                    .containsExactlyInAnyOrder(
                            "ch-1/soft_short_capacity_divergence/20@firing/warning",
                            "ch-1/soft_short_capacity_divergence/20@firing/critical",
                            "ch-2/soft_short_capacity_divergence/7@firing/warning");
            RecordingSink.await(WAIT, () -> alertmanager.refusals >= 3);
            assertThat(alertmanager.accepted).isEmpty();
            assertThat(committedTotal(settings))
                    .as("nothing committed while a receiver owes every record")
                    .isZero();

            alertmanager.down = false;
            RecordingSink.await(WAIT, () -> alertmanager.accepted.size() == 3);
            // In order per channel: the warning before its escalation.
            assertThat(alertmanager.whatChanged().stream()
                            .filter(id -> id.startsWith("ch-1"))
                            .toList())
                    .containsExactly(
                            "ch-1/soft_short_capacity_divergence/20@firing/warning",
                            "ch-1/soft_short_capacity_divergence/20@firing/critical");
            RecordingSink.await(WAIT, () -> committedTotalQuietly(settings) == 3);
            assertThat(committedTotal(settings)).isEqualTo(3);
            assertThat(webhook.accepted).hasSize(3);
        }
    }

    @Test
    void aReceiverDownPastItsQueuesBoundHoldsBackOnlyItself(TestInfo test) throws Exception {
        // More events than a receiver's queue holds (a bound of 20 here, 1,000 by default) while the webhook is
        // down: before, reading stopped for every receiver once its queue was full, Alertmanager's and the
        // pause requests' too.
        AlertServiceSettings settings = settings(test).withMaxQueued(20);
        RecordingSink webhook = new RecordingSink("webhook");
        RecordingSink alertmanager = new RecordingSink("alertmanager");
        webhook.down = true;
        int events = 90;
        try (Running ignored = new Running(settings, List.of(alertmanager, webhook))) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (KafkaProducer<String, Alert> producer = new KafkaProducer<>(
                    props, new StringSerializer(), WireSerdes.alert().serializer())) {
                for (int i = 0; i < events; i++) {
                    Alert alert = firing("ch-" + i, 3, 4, Severity.WARNING);
                    producer.send(new ProducerRecord<>(settings.topics().alerts(), alert.channelId(), alert));
                }
                producer.flush();
            }
            RecordingSink.await(WAIT, () -> alertmanager.accepted.size() == events);
            assertThat(committedTotal(settings))
                    .as("nothing committed past the webhook's first event")
                    .isLessThan(events);

            webhook.down = false;
            RecordingSink.await(WAIT, () -> committedTotalQuietly(settings) == events);
            assertThat(webhook.accepted.stream().map(e -> e.alert().alertId()))
                    .as("every event once")
                    .doesNotHaveDuplicates()
                    .hasSize(events);
            assertThat(alertmanager.accepted).hasSize(events);
        }
    }

    @Test
    void aRestartRepeatsNothingAReceiverAcceptedAndDeliversWhatWasOwed(TestInfo test) throws Exception {
        AlertServiceSettings settings = settings(test);
        RecordingSink webhookBefore = new RecordingSink("webhook");
        RecordingSink alertmanagerBefore = new RecordingSink("alertmanager");
        alertmanagerBefore.down = true;
        try (Running ignored = new Running(settings, List.of(alertmanagerBefore, webhookBefore))) {
            produce(
                    settings.topics().alerts(),
                    firing("ch-1", 20, 21, Severity.WARNING),
                    firing("ch-1", 20, 22, Severity.CRITICAL));
            RecordingSink.await(WAIT, () -> webhookBefore.accepted.size() == 2);
            assertThat(webhookBefore.accepted).hasSize(2);
        }
        assertThat(committedTotal(settings))
                .as("Alertmanager never accepted: nothing committed")
                .isZero();

        RecordingSink webhookAfter = new RecordingSink("webhook");
        RecordingSink alertmanagerAfter = new RecordingSink("alertmanager");
        try (Running ignored = new Running(settings, List.of(alertmanagerAfter, webhookAfter))) {
            RecordingSink.await(WAIT, () -> alertmanagerAfter.accepted.size() == 2);
            assertThat(alertmanagerAfter.whatChanged())
                    .containsExactly(
                            "ch-1/soft_short_capacity_divergence/20@firing/warning",
                            "ch-1/soft_short_capacity_divergence/20@firing/critical");
            RecordingSink.await(WAIT, () -> committedTotalQuietly(settings) == 2);
            assertThat(committedTotal(settings)).isEqualTo(2);
            produce(settings.topics().alerts(), resolved("ch-1", 20, 26, Severity.CRITICAL));
            RecordingSink.await(
                    WAIT, () -> webhookAfter.accepted.size() == 1 && alertmanagerAfter.accepted.size() == 3);
            // The webhook had both firing events before the restart: after it, only the news.
            assertThat(webhookAfter.whatChanged()).containsExactly("ch-1/soft_short_capacity_divergence/20@resolved");
            // The episode's start survived the restart with it.
            assertThat(alertmanagerAfter.accepted.get(2).startsAt())
                    .isEqualTo(alertmanagerAfter.accepted.get(0).startsAt());
        }
    }

    @Test
    void pauseRequestsGoToTheCommandsTopicOncePerEpisodeFromTheThresholdUp(TestInfo test) throws Exception {
        AlertServiceSettings settings = settings(test);
        PauseCommandSink pause =
                new PauseCommandSink(settings.topics().commands(), Severity.CRITICAL, Clock.systemUTC());
        RecordingSink webhook = new RecordingSink("webhook");
        try (Running ignored = new Running(settings, List.of(pause, webhook))) {
            produce(
                    settings.topics().alerts(),
                    firing("ch-1", 20, 21, Severity.WARNING),
                    firing("ch-1", 20, 22, Severity.CRITICAL),
                    resolved("ch-1", 20, 26, Severity.CRITICAL),
                    firing("ch-2", 7, 8, Severity.WARNING));
            RecordingSink.await(WAIT, () -> webhook.accepted.size() == 4);
            RecordingSink.await(WAIT, () -> committedTotalQuietly(settings) == 4);
            assertThat(committedTotal(settings)).isEqualTo(4);
        }
        var commands = pauseRequests(settings);
        assertThat(commands).hasSize(1);
        assertThat(commands.get(0).key()).isEqualTo("ch-1");
        JsonNode request = Json.MAPPER.readTree(new String(commands.get(0).value(), StandardCharsets.UTF_8));
        assertThat(request.path("action").asText()).isEqualTo("pause");
        assertThat(request.path("channelId").asText()).isEqualTo("ch-1");
        assertThat(request.path("commandId").asText()).isEqualTo("ch-1/soft_short_capacity_divergence/20/pause");
        assertThat(request.path("severity").asText()).isEqualTo("critical");
        assertThat(request.path("cycleIndex").asInt()).isEqualTo(22);
    }

    @Test
    void aNewGroupReadsTheTopicsHistoryWithoutPausingForIt(TestInfo test) throws Exception {
        // Written before the service's group ever read the topic: a critical short of three hours ago (its
        // channel may run another test by now) and one of a minute ago (a service started after the topology).
        AlertServiceSettings settings = settings(test);
        long now = System.currentTimeMillis();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, Alert> producer = new KafkaProducer<>(
                props, new StringSerializer(), WireSerdes.alert().serializer())) {
            Alert old = firing("ch-3", 40, 41, Severity.CRITICAL);
            Alert recent = firing("ch-4", 12, 13, Severity.CRITICAL);
            producer.send(new ProducerRecord<>(settings.topics().alerts(), null, now - 3 * 3_600_000L, "ch-3", old))
                    .get();
            producer.send(new ProducerRecord<>(settings.topics().alerts(), null, now - 60_000L, "ch-4", recent))
                    .get();
        }
        PauseCommandSink pause =
                new PauseCommandSink(settings.topics().commands(), Severity.CRITICAL, Clock.systemUTC());
        RecordingSink webhook = new RecordingSink("webhook");
        try (Running ignored = new Running(settings, List.of(pause, webhook))) {
            RecordingSink.await(WAIT, () -> webhook.accepted.size() == 2);
            RecordingSink.await(WAIT, () -> committedTotalQuietly(settings) == 2);
        }
        var commands = pauseRequests(settings);
        assertThat(commands)
                .as("delivered both, paused only for the recent one")
                .singleElement()
                .satisfies(c -> assertThat(c.key()).isEqualTo("ch-4"));
    }

    @Test
    void aNewGroupLeavesOutEpisodesThatFiredAndEndedLongBeforeItStarted(TestInfo test) throws Exception {
        // The retained week of a topic a new group reads: an episode over hours ago, one still firing, and one
        // that fired hours ago and ended ten minutes ago.
        AlertServiceSettings settings = settings(test);
        long now = System.currentTimeMillis();
        long hour = 3_600_000L;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, Alert> producer = new KafkaProducer<>(
                props, new StringSerializer(), WireSerdes.alert().serializer())) {
            String topic = settings.topics().alerts();
            producer.send(new ProducerRecord<>(
                            topic, null, now - 5 * hour, "ch-5", firing("ch-5", 7, 7, Severity.CRITICAL)))
                    .get();
            producer.send(new ProducerRecord<>(
                            topic, null, now - 4 * hour, "ch-5", resolved("ch-5", 7, 9, Severity.CRITICAL)))
                    .get();
            producer.send(new ProducerRecord<>(
                            topic, null, now - 3 * hour, "ch-6", firing("ch-6", 2, 2, Severity.WARNING)))
                    .get();
            producer.send(new ProducerRecord<>(
                            topic, null, now - 3 * hour, "ch-7", firing("ch-7", 4, 4, Severity.WARNING)))
                    .get();
            producer.send(new ProducerRecord<>(
                            topic, null, now - 600_000L, "ch-7", resolved("ch-7", 4, 6, Severity.WARNING)))
                    .get();
        }
        RecordingSink webhook = new RecordingSink("webhook");
        try (Running ignored = new Running(settings, List.of(webhook))) {
            RecordingSink.await(WAIT, () -> committedTotalQuietly(settings) == 5);
            assertThat(webhook.accepted)
                    .extracting(e -> e.alert().channelId() + " " + e.alert().status())
                    .containsExactlyInAnyOrder("ch-6 FIRING", "ch-7 FIRING", "ch-7 RESOLVED");
        }
    }

    @Test
    void resolvedEpisodesLeaveTheLedgerAndFiringOnesAreResentAfterARestart(TestInfo test) throws Exception {
        AlertServiceSettings settings = settings(test);
        RecordingSink before = new RecordingSink("alertmanager", Duration.ofMillis(300));
        try (Running ignored = new Running(settings, List.of(before))) {
            produce(
                    settings.topics().alerts(), firing("ch-1", 20, 21, Severity.WARNING),
                    resolved("ch-1", 20, 25, Severity.WARNING), firing("ch-2", 7, 8, Severity.CRITICAL));
            RecordingSink.await(WAIT, () -> before.accepted.size() == 3 && committedTotalQuietly(settings) == 3);
            assertThat(committedTotal(settings)).isEqualTo(3);
        }
        try (DeliveryLedger ledger =
                DeliveryLedger.open(kafka.connection(), settings.topics().deliveries(), settings.groupId())) {
            RecordingSink.await(WAIT, () -> ledger.reload() == 1);
            assertThat(ledger.select(e -> true))
                    .extracting(Episode::alertId)
                    .containsExactly("ch-2/soft_short_capacity_divergence/7");
        }

        RecordingSink after = new RecordingSink("alertmanager", Duration.ofMillis(300));
        try (Running ignored = new Running(settings, List.of(after))) {
            RecordingSink.await(WAIT, () -> !after.resends.isEmpty());
            assertThat(after.accepted).as("nothing new to deliver").isEmpty();
            assertThat(after.resends.get(0))
                    .extracting(Episode::alertId)
                    .containsExactly("ch-2/soft_short_capacity_divergence/7");
            assertThat(after.resends.get(0).get(0).severity()).isEqualTo(Severity.CRITICAL);
        }
    }

    @Test
    void anUnreadableRecordIsReportedAndSkipped(TestInfo test) throws Exception {
        AlertServiceSettings settings = settings(test);
        RecordingSink webhook = new RecordingSink("webhook");
        try (Running ignored = new Running(settings, List.of(webhook))) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
            try (KafkaProducer<String, byte[]> raw =
                    new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
                raw.send(new ProducerRecord<>(
                                settings.topics().alerts(),
                                "ch-1",
                                "{\"schemaVersion\":1,\"alertId\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
            produce(settings.topics().alerts(), firing("ch-1", 20, 21, Severity.WARNING));
            RecordingSink.await(WAIT, () -> webhook.accepted.size() == 1);
            assertThat(webhook.whatChanged()).containsExactly("ch-1/soft_short_capacity_divergence/20@firing/warning");
            RecordingSink.await(WAIT, () -> committedTotalQuietly(settings) == 2);
            assertThat(committedTotal(settings)).isEqualTo(2);
        }
    }

    @Test
    void aKafkaFailureStartsTheSessionAgainInsteadOfEndingTheService(TestInfo test) throws Exception {
        // Replication 3 on a one-broker cluster: the service cannot create its ledger topic.
        AlertServiceSettings settings = settings(test).withTopicSizing(2, (short) 3);
        RecordingSink webhook = new RecordingSink("webhook");
        AlertService service = new AlertService(settings, List.of(webhook));
        Thread thread = new Thread(service, "alert-service-it");
        thread.start();
        try {
            assertThat(service.awaitReady(Duration.ofSeconds(3))).isFalse();
            assertThat(thread.isAlive()).as("still trying").isTrue();

            // An operator creates the topics by hand: the next attempt finds them and delivers.
            kafka.createTopics(
                    1, settings.topics().deliveries(), settings.topics().commands());
            assertThat(service.awaitReady(WAIT))
                    .as("joined after the topics appeared")
                    .isTrue();
            produce(settings.topics().alerts(), firing("ch-1", 20, 21, Severity.WARNING));
            RecordingSink.await(WAIT, () -> webhook.accepted.size() == 1);
            assertThat(webhook.whatChanged()).containsExactly("ch-1/soft_short_capacity_divergence/20@firing/warning");
        } finally {
            service.close();
            thread.join(30_000);
        }
        assertThat(thread.isAlive()).isFalse();
    }

    /**
     * A second instance joins while the first one's webhook holds its answer to an event: the group
     * rebalances, and whichever instance ends up with the partition, the event reaches the webhook
     * once and unmarked. Before the hand-over waited for the delivery under way, the first instance
     * gave the partition up at once, and a new owner found the delivery begun and not recorded and
     * sent it again as a redelivery.
     */
    @Test
    void aPartitionMovingWhileTheWebhookHoldsItsAnswerDeliversTheEventOnce(TestInfo test) throws Exception {
        AlertServiceSettings settings = settings(test, 1);
        RecordingSink webhookFirst = new RecordingSink("webhook");
        RecordingSink webhookSecond = new RecordingSink("webhook");
        CountDownLatch answering = new CountDownLatch(1);
        AtomicBoolean rebalanceSeen = new AtomicBoolean();
        webhookFirst.afterAccepting = () -> {
            if (answering.getCount() == 0) {
                return;
            }
            answering.countDown();
            // Hold the answer until the group rebalances for the newcomer, and a heartbeat (3 s) more,
            // so the first instance is asked for the partition while its delivery is under way.
            rebalanceSeen.set(awaitRebalance(settings.groupId()));
            sleep(Duration.ofSeconds(4));
        };
        try (Running first = new Running(settings, List.of(webhookFirst))) {
            produce(settings.topics().alerts(), firing("ch-1", 20, 21, Severity.WARNING));
            assertThat(answering.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            try (Running second = new Running(settings, List.of(webhookSecond))) {
                assertThat(rebalanceSeen)
                        .as("the group rebalanced while the answer was held")
                        .isTrue();
                RecordingSink.await(WAIT, () -> committedTotalQuietly(settings) == 1);
                assertThat(committedTotal(settings)).isEqualTo(1);
                produce(settings.topics().alerts(), firing("ch-2", 7, 8, Severity.WARNING));
                RecordingSink.await(WAIT, () -> webhookFirst.accepted.size() + webhookSecond.accepted.size() == 2);
                sleep(Duration.ofSeconds(2)); // room for a repeat to show
                List<String> both = new ArrayList<>(webhookFirst.whatChanged());
                both.addAll(webhookSecond.whatChanged());
                assertThat(both)
                        .as("each event once across the two instances")
                        .containsExactlyInAnyOrder(
                                "ch-1/soft_short_capacity_divergence/20@firing/warning",
                                "ch-2/soft_short_capacity_divergence/7@firing/warning");
                assertThat(webhookFirst.redeliveryMarks).as("first instance").doesNotContain(true);
                assertThat(webhookSecond.redeliveryMarks).as("second instance").doesNotContain(true);
            }
        }
    }

    /**
     * An instance whose ledger writes were fenced behind its back, as a partition's new owner fences
     * them while the instance stalls past its session timeout (played here by a ledger of the same
     * group claiming the partition while the service holds it), sends nothing for it, joins the group
     * again and, holding the partition once more, delivers the event once.
     */
    @Test
    void aServiceWhoseLedgerWritesWereFencedJoinsAgainAndDeliversTheEventOnce(TestInfo test) throws Exception {
        AlertServiceSettings settings = settings(test, 1);
        RecordingSink webhook = new RecordingSink("webhook");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Running ignored = new Running(settings, List.of(webhook), registry)) {
            try (DeliveryLedger newOwner =
                    DeliveryLedger.open(kafka.connection(), settings.topics().deliveries(), settings.groupId())) {
                newOwner.claim(List.of(0));
            }
            produce(settings.topics().alerts(), firing("ch-1", 20, 21, Severity.WARNING));
            RecordingSink.await(WAIT, () -> committedTotalQuietly(settings) == 1);
            sleep(Duration.ofSeconds(2)); // room for a repeat to show
            assertThat(webhook.whatChanged()).containsExactly("ch-1/soft_short_capacity_divergence/20@firing/warning");
            assertThat(webhook.redeliveryMarks).containsExactly(false);
            assertThat(registry.get("cellwatch.alert.session.restarts")
                            .counter()
                            .count())
                    .as("the fenced session was started again")
                    .isEqualTo(1.0);
        }
    }

    /**
     * An instance killed inside a ledger write leaves its transaction open (here for 5 minutes). Its
     * successor does not wait for it: it joins, fences the write with its own writer for the
     * partition, reads the ledger and delivers. Reading the ledger before joining, as it did, it waited
     * for the open write and, the wait over, started its session again, and again.
     */
    @Test
    void aServiceWhosePredecessorDiedInsideALedgerWriteFencesItAndDelivers(TestInfo test) throws Exception {
        AlertServiceSettings settings = settings(test, 1);
        settings.topics().ensure(kafka.connection(), "it-admin", 1, (short) 1);
        Properties predecessor = kafka.connection()
                .transactionalProducer(
                        "killed-writer",
                        DeliveryLedger.transactionalId(settings.groupId(), 0),
                        Map.of(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 300_000));
        try (KafkaProducer<String, byte[]> killed =
                new KafkaProducer<>(predecessor, new StringSerializer(), new ByteArraySerializer())) {
            killed.initTransactions();
            killed.beginTransaction();
            killed.send(new ProducerRecord<>(
                            settings.topics().deliveries(),
                            settings.groupId() + "|ch-9/soft_short_capacity_divergence/1",
                            "{}".getBytes(StandardCharsets.UTF_8)))
                    .get();

            RecordingSink webhook = new RecordingSink("webhook");
            try (Running ignored = new Running(settings, List.of(webhook))) {
                produce(settings.topics().alerts(), firing("ch-1", 20, 21, Severity.WARNING));
                RecordingSink.await(WAIT, () -> webhook.accepted.size() == 1);
                assertThat(webhook.whatChanged())
                        .containsExactly("ch-1/soft_short_capacity_divergence/20@firing/warning");
            }
        }
    }

    /** Whether the group went into a rebalance within the wait. */
    private static boolean awaitRebalance(String groupId) {
        try (Admin admin = Admin.create(kafka.connection().admin("it-admin"))) {
            return Waiting.until(WAIT, Duration.ofMillis(50), () -> {
                GroupState state = admin.describeConsumerGroups(List.of(groupId))
                        .describedGroups()
                        .get(groupId)
                        .get()
                        .groupState();
                return state == GroupState.PREPARING_REBALANCE || state == GroupState.COMPLETING_REBALANCE;
            });
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long committedTotalQuietly(AlertServiceSettings settings) {
        try {
            return committedTotal(settings);
        } catch (Exception e) {
            return -1;
        }
    }
}
