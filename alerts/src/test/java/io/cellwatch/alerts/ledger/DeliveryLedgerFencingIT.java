package io.cellwatch.alerts.ledger;

import static io.cellwatch.alerts.Alerts.firing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.alerts.Alerts;
import io.cellwatch.alerts.lifecycle.Episode;
import io.cellwatch.alerts.lifecycle.Lifecycle;
import io.cellwatch.model.Severity;
import io.cellwatch.testing.KafkaTestCluster;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Two alert-service instances' ledgers on a real broker, one taking a partition of the alerts topic
 * over from the other while the other is stalled (played by simply not telling it): the new owner
 * fences the old one's writes, reads everything the old one wrote before, and nothing after.
 */
class DeliveryLedgerFencingIT {
    private static final String GROUP = "fencing-group";
    private static KafkaTestCluster kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaTestCluster.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    private static Episode episode(String channel, int alertsPartition, long offset) {
        return Lifecycle.apply(
                null, firing(channel, 20, 21, Severity.WARNING), alertsPartition, offset, Alerts.CYCLER_EPOCH_MS);
    }

    private static String ledgerTopic(TestInfo test) throws Exception {
        String topic = test.getTestMethod().orElseThrow().getName() + ".alert-deliveries";
        kafka.createTopics(1, topic); // as the service creates it
        return topic;
    }

    @Test
    void theNewOwnerOfAPartitionFencesTheStalledOwnersWritesAndReadsAllItWroteBefore(TestInfo test) throws Exception {
        String topic = ledgerTopic(test);
        try (DeliveryLedger stalled = DeliveryLedger.open(kafka.connection(), topic, GROUP);
                DeliveryLedger newOwner = DeliveryLedger.open(kafka.connection(), topic, GROUP)) {
            stalled.claim(List.of(0, 1));
            Episode before = episode("ch-1", 0, 0);
            stalled.put(before);
            stalled.markSending(before.alertId(), "webhook", 0);

            // The group moved partition 0 while the old owner was not listening.
            newOwner.claim(List.of(0));
            newOwner.reload();
            assertThat(newOwner.get(before.alertId()).orElseThrow().mayHaveReached("webhook", 0))
                    .as("the stalled owner's begun delivery, written before the fence, is known")
                    .isTrue();

            Episode after = episode("ch-2", 0, 1);
            assertThatThrownBy(() -> stalled.put(after))
                    .as("a write after the fence is refused")
                    .isInstanceOf(LedgerFencedException.class)
                    .hasMessageContaining("another instance holds partition 0");
            assertThatThrownBy(() -> stalled.markDelivered(before.alertId(), "webhook", 0))
                    .isInstanceOf(LedgerFencedException.class);
            assertThat(stalled.lostWriters())
                    .as("the session learns it must rejoin")
                    .containsExactly(0);
            assertThat(stalled.get(after.alertId()))
                    .as("nothing changed in its memory")
                    .isEmpty();

            Episode otherPartition = episode("ch-3", 1, 0);
            stalled.put(otherPartition);
            assertThat(stalled.lostWriters())
                    .as("a partition still held writes on")
                    .containsExactly(0);

            newOwner.reload();
            assertThat(newOwner.get(after.alertId()))
                    .as("the refused write never took effect")
                    .isEmpty();
            assertThat(newOwner.get(before.alertId()).orElseThrow().delivered("webhook", 0))
                    .isFalse();
            assertThat(newOwner.get(otherPartition.alertId())).isPresent();

            newOwner.put(after);
            assertThat(newOwner.lostWriters()).isEmpty();
        }
    }

    @Test
    void aReadWaitsForAWriteLeftOpenByAKilledInstanceAndMissesNothingCommittedAfterIt(TestInfo test) throws Exception {
        String topic = ledgerTopic(test);
        String group = GROUP + "-3";
        Properties killedWriter =
                kafka.connection().transactionalProducer("killed", DeliveryLedger.transactionalId(group, 0), Map.of());
        try (KafkaProducer<String, byte[]> killed =
                        new KafkaProducer<>(killedWriter, new StringSerializer(), new ByteArraySerializer());
                DeliveryLedger other = DeliveryLedger.open(kafka.connection(), topic, group);
                DeliveryLedger reader = DeliveryLedger.open(kafka.connection(), topic, group);
                DeliveryLedger newOwner = DeliveryLedger.open(kafka.connection(), topic, group)) {
            // An instance killed inside a write for partition 0: its transaction begun, never ended.
            Episode unfinished = episode("ch-0", 0, 0);
            killed.initTransactions();
            killed.beginTransaction();
            killed.send(new ProducerRecord<>(
                            topic, group + "|" + unfinished.alertId(), EpisodeCodec.toBytes(unfinished)))
                    .get();
            // Another instance's write, committed after it.
            other.claim(List.of(1));
            Episode committed = episode("ch-1", 1, 0);
            other.put(committed);

            // Partition 0's new owner fences the killed writer a moment after the read began.
            Thread fence = new Thread(() -> {
                try {
                    Thread.sleep(2_000);
                    newOwner.claim(List.of(0));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            fence.start();
            reader.reload();
            fence.join();
            assertThat(reader.get(committed.alertId()))
                    .as("the write committed after the open one is read")
                    .isPresent();
            assertThat(reader.get(unfinished.alertId()))
                    .as("the aborted write is not")
                    .isEmpty();
        }
    }

    @Test
    void aPartitionNeverClaimedOrReleasedIsNotWritten(TestInfo test) throws Exception {
        String topic = ledgerTopic(test);
        try (DeliveryLedger ledger = DeliveryLedger.open(kafka.connection(), topic, GROUP + "-2")) {
            Episode episode = episode("ch-1", 1, 0);
            assertThatThrownBy(() -> ledger.put(episode))
                    .isInstanceOf(LedgerFencedException.class)
                    .hasMessageContaining("not this instance's");
            ledger.claim(List.of(1));
            ledger.put(episode);
            ledger.release(List.of(1));
            assertThatThrownBy(() -> ledger.forget(episode.alertId())).isInstanceOf(LedgerFencedException.class);
            assertThat(ledger.lostWriters()).as("a release is not a loss").isEmpty();
            assertThat(ledger.reload()).isEqualTo(1);
        }
    }
}
