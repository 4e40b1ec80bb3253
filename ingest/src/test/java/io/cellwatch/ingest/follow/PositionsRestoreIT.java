package io.cellwatch.ingest.follow;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.model.kafka.KafkaConnection;
import io.cellwatch.testing.KafkaTestCluster;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * What a restarted ingester reads back from the positions topic while a transaction there is still
 * open, the interleavings a SIGKILL leaves, set up one by one against a real broker: its own killed
 * instance's (fenced by the restart), and another ingester's (killed mid-batch too: open until its
 * own restart or the transaction timeout), which must not hide positions committed after it began.
 */
class PositionsRestoreIT {
    private static final String PREFIX = "restore-it.";
    private static final String FILE = "/lab/cell-3.res";

    @Test
    void aRestartReadsWhatItsKilledInstanceCommittedAndNotWhatItLeftOpen() throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            KafkaConnection connection = kafka.connection();
            try (KafkaFollowOutput first = new KafkaFollowOutput(connection, PREFIX, "b")) {
                first.restore();
                first.deliver(positionAt(299));
            }
            // The same ingester killed in its next batch: its position sent, the transaction never ended.
            KafkaProducer<String, byte[]> killed = openTransactionWithPosition(connection, "b", 599);

            try (KafkaFollowOutput restarted = new KafkaFollowOutput(connection, PREFIX, "b")) {
                Map<String, FilePosition> restored = restarted.restore();
                assertThat(restored.get(FILE).offset())
                        .as("the committed position; the killed batch's aborted by the restart's fencing")
                        .isEqualTo(299);
            } finally {
                killed.close(Duration.ZERO);
            }
        }
    }

    @Test
    void anotherIngestersOpenTransactionDoesNotHidePositionsCommittedAfterIt() throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
            KafkaConnection connection = kafka.connection();
            try (KafkaFollowOutput b = new KafkaFollowOutput(connection, PREFIX, "b")) {
                b.restore();
                b.deliver(positionAt(299));
                // Ingester a, following other files into the same topic, killed mid-batch: its transaction
                // stays open (on the broker until a's restart or the transaction timeout)...
                KafkaProducer<String, byte[]> a = openTransactionWithPosition(connection, "a", 50);
                try {
                    // ...while b goes on committing, and is killed in its turn.
                    b.deliver(positionAt(599));
                    try (KafkaFollowOutput restarted = new KafkaFollowOutput(connection, PREFIX, "b")) {
                        CompletableFuture<Map<String, FilePosition>> restore =
                                CompletableFuture.supplyAsync(() -> restore(restarted));
                        // a's restart aborts its transaction a while after b's began reading.
                        Thread.sleep(3000);
                        a.abortTransaction();
                        assertThat(restore.get(60, TimeUnit.SECONDS).get(FILE).offset())
                                .as("b's last committed position, behind a's open transaction in the topic")
                                .isEqualTo(599);
                    }
                } finally {
                    a.close(Duration.ZERO);
                }
            }
        }
    }

    /** A batch delivering nothing but the position of {@link #FILE} after data point {@code dataPoint}. */
    private static FollowBatch positionAt(long dataPoint) {
        FollowBatch batch = new FollowBatch();
        batch.positions.put(FILE, position(dataPoint));
        return batch;
    }

    private static FilePosition position(long dataPoint) {
        return new FilePosition(
                FILE, "arbin-res", "cell-3", 0, dataPoint, dataPoint, 0, "file-key:(ino=7)", 0, dataPoint, 0);
    }

    /** Ingester {@code id}'s producer in a transaction that holds a position and is left open, as a SIGKILL leaves it. */
    private static KafkaProducer<String, byte[]> openTransactionWithPosition(
            KafkaConnection connection, String id, long dataPoint) throws Exception {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                connection.transactionalProducer(
                        "restore-it-" + id, KafkaFollowOutput.TRANSACTIONAL_ID_PREFIX + id, Map.of()),
                new StringSerializer(),
                new ByteArraySerializer());
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(
                        PREFIX + KafkaFollowOutput.POSITIONS_TOPIC_SUFFIX,
                        id + "|" + FILE,
                        position(dataPoint).toJson()))
                .get();
        return producer;
    }

    private static Map<String, FilePosition> restore(KafkaFollowOutput output) {
        try {
            return output.restore();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
