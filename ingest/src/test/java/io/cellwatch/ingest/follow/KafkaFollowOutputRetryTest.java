package io.cellwatch.ingest.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cellwatch.model.kafka.KafkaConnection;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TransactionAbortableException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A batch whose transaction Kafka aborts is sent again in a new one, its records committed once; a fatal error
 * stops at once. Kafka's {@link MockProducer} keeps what was committed apart from what was aborted.
 */
class KafkaFollowOutputRetryTest {
    private static final TransactionRetry NO_PAUSE = new TransactionRetry(3, Duration.ZERO, Duration.ZERO);

    /** A producer whose commits fail with the queued errors, then succeed. */
    private static final class FailingCommits extends MockProducer<String, byte[]> {
        final Deque<RuntimeException> failures = new ArrayDeque<>();
        int begun;
        int aborted;

        FailingCommits(RuntimeException... failures) {
            super(true, null, new StringSerializer(), new ByteArraySerializer());
            this.failures.addAll(List.of(failures));
            initTransactions();
        }

        @Override
        public void beginTransaction() {
            begun++;
            super.beginTransaction();
        }

        @Override
        public void commitTransaction() {
            if (!failures.isEmpty()) {
                throw failures.pop();
            }
            super.commitTransaction();
        }

        @Override
        public void abortTransaction() {
            aborted++;
            super.abortTransaction();
        }
    }

    private static KafkaFollowOutput output(FailingCommits producer) {
        return new KafkaFollowOutput(KafkaConnection.plain("localhost:1"), "t.", "lab-pc", producer, NO_PAUSE);
    }

    private static FollowBatch batch() {
        FollowBatch batch = new FollowBatch();
        batch.positions.put("cell-1.csv", position("cell-1.csv", 120));
        batch.positions.put("cell-2.csv", position("cell-2.csv", 80));
        return batch;
    }

    private static FilePosition position(String path, long dataPoint) {
        return new FilePosition(path, "arbin", path, 0, dataPoint, dataPoint, 0, "file-key:(ino=7)", 0, dataPoint, 0);
    }

    private static List<String> committedKeys(FailingCommits producer) {
        return producer.history().stream().map(ProducerRecord::key).toList();
    }

    @Test
    void aTransactionKafkaAbortedIsSentAgainAndCommittedOnce() throws Exception {
        FailingCommits producer = new FailingCommits(
                new KafkaException("in an error state", new TransactionAbortableException("coordinator aborted it")));

        output(producer).deliver(batch());

        assertThat(producer.begun).isEqualTo(2);
        assertThat(producer.aborted).isEqualTo(1);
        assertThat(committedKeys(producer)).containsExactly("lab-pc|cell-1.csv", "lab-pc|cell-2.csv");
    }

    @Test
    void aCommitThatTimedOutIsCommittedAgainNotAborted() throws Exception {
        FailingCommits producer = new FailingCommits(new TimeoutException("commit took longer than max.block.ms"));

        output(producer).deliver(batch());

        assertThat(producer.begun).isEqualTo(1);
        assertThat(producer.aborted).isZero();
        assertThat(committedKeys(producer)).containsExactly("lab-pc|cell-1.csv", "lab-pc|cell-2.csv");
    }

    @Test
    void anotherInstanceTakingTheIdStopsAtOnce() {
        FailingCommits producer = new FailingCommits(new ProducerFencedException("a newer epoch"));

        assertThatThrownBy(() -> output(producer).deliver(batch())).isInstanceOf(ProducerFencedException.class);
        assertThat(producer.begun).isEqualTo(1);
        assertThat(committedKeys(producer)).isEmpty();
    }

    @Test
    void theLastErrorIsThrownOnceTheAttemptsAreSpent() {
        FailingCommits producer = new FailingCommits(
                new TransactionAbortableException("1"),
                new TransactionAbortableException("2"),
                new TransactionAbortableException("3"),
                new TransactionAbortableException("4"));

        assertThatThrownBy(() -> output(producer).deliver(batch()))
                .isInstanceOf(TransactionAbortableException.class)
                .hasMessage("3");
        assertThat(producer.begun).isEqualTo(NO_PAUSE.attempts());
        assertThat(committedKeys(producer)).isEmpty();
    }

    @Test
    void aTransactionWhoseAbortFailedIsNotSentAgain() {
        KafkaException error = new KafkaException("in an error state", new TransactionAbortableException("x"));
        error.addSuppressed(new KafkaException("abort refused"));
        assertThat(TransactionRetry.abortable(error)).isFalse();
        assertThat(TransactionRetry.abortable(
                        new KafkaException("in an error state", new TransactionAbortableException("x"))))
                .isTrue();
        assertThat(TransactionRetry.abortable(new KafkaException("unknown"))).isFalse();
    }

    @Test
    void pausesDoubleUpToTheLongest() {
        assertThat(TransactionRetry.DEFAULT.pauseAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(TransactionRetry.DEFAULT.pauseAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(TransactionRetry.DEFAULT.pauseAfter(7)).isEqualTo(Duration.ofSeconds(30));
    }
}
