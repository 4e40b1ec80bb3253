package io.cellwatch.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cellwatch.model.kafka.KafkaConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts the transactions a crashed predecessor of this instance left open, before the instance
 * starts, so the instance that took its tasks over can commit without waiting for them to time out.
 *
 * <p>Why it is needed: under exactly-once v2 each stream thread's producer has the transactional id
 * {@code <application.id>-<process id>-<thread index>} (Kafka Streams' {@code ActiveTaskCreator}),
 * the process id kept in the state directory across restarts, clean or not ({@code StateDirectory
 * .initializeProcessId}, file {@code kafka-streams-process-metadata}). A restarted instance's
 * producer would so fence the dead one's open transaction with its {@code initTransactions}, but
 * Kafka Streams calls it only when the thread initialises its first <em>active</em> task ({@code
 * StreamTask.initializeIfNeeded} → {@code RecordCollectorImpl.initialize}). After a crash the
 * restarted instance gets standbys only (its state was wiped; {@code acceptable.recovery.lag}), so
 * nobody fences: the dead transaction holds the committed offsets of its partitions (a read_committed
 * offset fetch waits while one is pending) and the last stable offset of every partition it wrote
 * until the coordinator times it out ({@code transaction.timeout.ms}, 10 s, plus the abort scan).
 * The instance taking the tasks over waits that long whatever the session timeout.
 *
 * <p>Here the restarted instance calls {@code initTransactions} under each of its threads' ids once,
 * after Kafka Streams has locked the state directory and read the process id (so no live instance
 * shares them) and before its threads start (so it cannot fence its own threads' producers). That is
 * what Kafka Streams itself does when it gets an active task, earlier. If Kafka Streams' id layout
 * changes, the fence touches ids nobody uses: a no-op, and failover waits for the timeout as before.
 */
final class PredecessorFence {
    private static final Logger LOG = LoggerFactory.getLogger(PredecessorFence.class);
    /** Kafka Streams' file in {@code <state.dir>/<application.id>} that holds the process id. */
    static final String PROCESS_FILE = "kafka-streams-process-metadata";
    /**
     * How long one id's fence may wait for the coordinator (finding it, aborting the open transaction):
     * beyond that the transaction's own timeout is as near, and the instance should get on with starting.
     */
    static final Duration FENCE_TIMEOUT = Duration.ofSeconds(15);

    private PredecessorFence() {}

    /**
     * The transactional ids of this instance's stream threads, from the process id Kafka Streams keeps
     * in {@code stateDir/applicationId}; empty if there is none (a layout this class does not know).
     */
    static List<String> transactionalIds(Path stateDir, String applicationId, int threads) {
        Optional<String> processId = processId(stateDir.resolve(applicationId).resolve(PROCESS_FILE));
        List<String> ids = new ArrayList<>();
        processId.ifPresent(id -> {
            for (int thread = 1; thread <= threads; thread++) {
                ids.add(threadTransactionalId(applicationId, id, thread));
            }
        });
        return ids;
    }

    /**
     * Kafka Streams' transactional id of a stream thread's producer under exactly-once v2 ({@code
     * ActiveTaskCreator.producer()}): {@code <application.id>-<process id>-<thread index>}, the thread
     * index counted from 1.
     */
    static String threadTransactionalId(String applicationId, String processId, int thread) {
        return applicationId + "-" + processId + "-" + thread;
    }

    /**
     * The process id in {@code transactionalId} if it is a stream thread's of {@code applicationId}
     * ({@link #threadTransactionalId}: the application id, a process id in UUID's canonical form, a
     * thread index); empty for any other id, another application's included (an application id that
     * merely starts with this one leaves no canonical UUID after the prefix).
     */
    static Optional<UUID> processIdOf(String applicationId, String transactionalId) {
        String prefix = applicationId + "-";
        if (!transactionalId.startsWith(prefix)) {
            return Optional.empty();
        }
        String rest = transactionalId.substring(prefix.length());
        int threadDash = rest.lastIndexOf('-');
        if (threadDash <= 0 || !rest.substring(threadDash + 1).matches("[1-9][0-9]{0,8}")) {
            return Optional.empty();
        }
        String processId = rest.substring(0, threadDash);
        try {
            UUID parsed = UUID.fromString(processId);
            // UUID.fromString accepts short groups ("1-2-3-4-5"); Kafka Streams writes the canonical form.
            return parsed.toString().equals(processId) ? Optional.of(parsed) : Optional.empty();
        } catch (IllegalArgumentException notAProcessId) {
            return Optional.empty();
        }
    }

    static Optional<String> processId(Path processFile) {
        if (!Files.isRegularFile(processFile)) {
            return Optional.empty();
        }
        try {
            JsonNode id = new ObjectMapper().readTree(processFile.toFile()).get("processId");
            return id == null || !id.isTextual() ? Optional.empty() : Optional.of(id.asText());
        } catch (IOException e) {
            LOG.warn("cannot read Kafka Streams' process id from {}: {}", processFile, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Fences every id: each {@code initTransactions} returns once any transaction left open under the
     * id is aborted. A failure is logged and ignored: the fence only shortens a wait that the
     * transaction timeout ends anyway.
     */
    static void fence(KafkaConnection kafka, List<String> transactionalIds) {
        for (String transactionalId : transactionalIds) {
            long start = System.nanoTime();
            Map<String, Object> tuning = Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) FENCE_TIMEOUT.toMillis());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                    kafka.transactionalProducer(transactionalId + "-fence", transactionalId, tuning),
                    new ByteArraySerializer(),
                    new ByteArraySerializer())) {
                producer.initTransactions();
                LOG.info(
                        "fenced transactional id {} in {} ms",
                        transactionalId,
                        Duration.ofNanos(System.nanoTime() - start).toMillis());
            } catch (KafkaException e) {
                LOG.warn("could not fence transactional id {}: {}", transactionalId, e.toString());
            }
        }
    }
}
