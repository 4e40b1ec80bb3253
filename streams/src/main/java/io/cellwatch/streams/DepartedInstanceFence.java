package io.cellwatch.streams;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.FenceProducersOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts the transactions that instances gone from the group left open, as soon as the group's leader
 * assigns their tasks elsewhere, instead of when they time out. Started by {@link FailoverTaskAssignor}
 * at every assignment, in the background: the assignment never waits for it.
 *
 * <p>Why: a task taken over from a crashed instance restores the tail of its changelogs up to the high
 * watermark ({@code StoreChangelogReader}) with a read_committed consumer, so it cannot finish restoring,
 * and does not run, until the dead instance's last transaction, which wrote that tail, is aborted: by the
 * coordinator {@code transaction.timeout.ms} (10 s) after the transaction began, plus its abort scan. In
 * the chaos runs the rebalance had handed the tasks over 6–7 s after a kill and they stalled at "position
 * … end …" until 10–11 s. The restarted instance fences its predecessor's ids too ({@link PredecessorFence}),
 * but only once its JVM is up, mostly after the timeout on a loaded machine.
 *
 * <p>Which: every ONGOING transaction ({@code Admin#listTransactions}) whose id has the layout of a
 * stream thread's of this application ({@link PredecessorFence#processIdOf}) and whose process id is none
 * of the instances in this assignment; fenced with {@code Admin#fenceProducers} (KIP-730: an
 * {@code InitProducerId} under the id, which bumps its epoch and aborts the open transaction). Ids of any
 * other layout (the ingester's, other applications') are never touched. A failure is logged and ignored:
 * the transaction timeout still ends the wait.
 *
 * <p>Why exactly-once holds whatever the fenced instance's fate. A fence can only abort: the records the
 * transaction wrote (outputs, changelog tail) and the input offsets it was to commit disappear together,
 * so the new owner of its tasks reprocesses that input from the last committed offsets, and read_committed
 * readers never see the aborted records.
 * <ul>
 *   <li>The instance is dead: its transaction would be aborted by the timeout anyway; now sooner.
 *   <li>It is alive but was dropped from the group (a long pause, a partition: the session timed out):
 *       its tasks belong to others from this assignment on. Its producer's next send or commit fails
 *       with {@code ProducerFencedException} (or {@code InvalidProducerEpochException}), which Kafka
 *       Streams handles as a task migration: it closes its tasks without committing, rejoins and makes
 *       a new producer under the same id. Without the fence it could not commit either: its offsets go
 *       with a group generation the coordinator no longer accepts. A transaction it committed before
 *       the fence was a valid one, and the new owner starts after it (offsets fetched with
 *       {@code require_stable}).
 *   <li>It joins the group again between this assignment and the fence (a fresh member, not yet an
 *       owner of tasks under this assignment): at worst the same task migration, one more rebalance,
 *       never a duplicate.
 * </ul>
 * A live member's own threads are never fenced: all of an instance's threads share its process id.
 */
final class DepartedInstanceFence {
    private static final Logger LOG = LoggerFactory.getLogger(DepartedInstanceFence.class);
    /** One fence at a time, the newest assignment's only ({@link FenceExecutor}). */
    private static final FenceExecutor FENCER = new FenceExecutor();

    private final Map<String, Object> adminConfig;
    private final String applicationId;

    DepartedInstanceFence(Map<String, Object> adminConfig, String applicationId) {
        this.adminConfig = Map.copyOf(adminConfig);
        this.applicationId = applicationId;
    }

    /**
     * The fence for the configuration the assignor is given ({@code configure}). Kafka Streams 4.3.1
     * configures a {@code task.assignor.class} with its main consumer's configuration, not its own
     * ({@code AssignorConfiguration.customTaskAssignor} passes the originals of what {@code
     * StreamsConfig.getMainConsumerConfigs} made): bootstrap servers, the operator's client properties
     * ({@code --kafka-config}, {@code CELLWATCH_KAFKA_*}, which {@code StreamsSettings} passes to every
     * client; {@code consumer.}/{@code main.consumer.}-prefixed ones applied), the application id, and
     * {@code isolation.level=read_committed} exactly when it runs exactly-once ({@code processing.guarantee}
     * itself is not there; an operator cannot change the isolation level under exactly-once). The admin
     * client gets the admin client's keys among them, so it connects as the consumer doing the
     * assignment does; {@code admin.}-prefixed overrides do not reach the assignor. Empty unless
     * exactly-once: without transactions there is nothing to fence.
     */
    static Optional<DepartedInstanceFence> forAssignorConfig(Map<String, ?> consumerConfig) {
        Object isolation = consumerConfig.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG);
        Object applicationId = consumerConfig.get(StreamsConfig.APPLICATION_ID_CONFIG);
        if (isolation == null
                || !IsolationLevel.READ_COMMITTED.toString().equalsIgnoreCase(isolation.toString())
                || applicationId == null) {
            return Optional.empty();
        }
        Map<String, Object> admin = new HashMap<>();
        Set<String> adminKeys = AdminClientConfig.configNames();
        consumerConfig.forEach((key, value) -> {
            if (adminKeys.contains(key) && value != null) {
                admin.put(key, value);
            }
        });
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, applicationId + "-departed-instance-fence");
        return Optional.of(new DepartedInstanceFence(admin, applicationId.toString()));
    }

    /** What the admin client is given (for tests: the operator's properties must be there). */
    Map<String, Object> adminConfig() {
        return adminConfig;
    }

    /**
     * Starts a fence of the departed instances' transactions in the background and returns at once.
     *
     * @param liveProcessIds the process ids of every instance in the assignment
     * @return the ids it fenced (empty when none, or when it failed)
     */
    Future<Set<String>> start(Set<UUID> liveProcessIds) {
        long assignedNanos = System.nanoTime();
        Set<UUID> live = Set.copyOf(liveProcessIds);
        return FENCER.submit(() -> {
            try (Admin admin = Admin.create(adminConfig)) {
                return fence(admin, live, assignedNanos);
            } catch (RuntimeException e) {
                LOG.warn("departed-instance fence: could not create an admin client: {}", e.toString());
                return Set.of();
            }
        });
    }

    /**
     * Lists the ongoing transactions, fences those of departed instances and logs what it decided. A
     * failure is logged and ignored: it returns what it fenced, maybe nothing.
     */
    Set<String> fence(Admin admin, Set<UUID> liveProcessIds, long assignedNanos) {
        int timeoutMs = (int) PredecessorFence.FENCE_TIMEOUT.toMillis();
        List<String> ongoing;
        try {
            ongoing = OngoingTransactions.list(admin, timeoutMs);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("departed-instance fence: could not list the ongoing transactions: {}", e.toString());
            return Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        }
        Set<String> departed = departed(ongoing, applicationId, liveProcessIds);
        if (departed.isEmpty()) {
            LOG.info(
                    "departed-instance fence: {} ongoing transactions listed, nothing to fence (live process ids {}; {} ms)",
                    ongoing.size(),
                    liveProcessIds,
                    millisSince(assignedNanos));
            return Set.of();
        }
        try {
            admin.fenceProducers(departed, new FenceProducersOptions().timeoutMs(timeoutMs))
                    .all()
                    .get(timeoutMs, TimeUnit.MILLISECONDS);
            LOG.info(
                    "departed-instance fence: {} ongoing transactions listed, fenced {} of instances not in the"
                            + " group (live process ids {}) {} ms after the assignment",
                    ongoing.size(),
                    departed,
                    liveProcessIds,
                    millisSince(assignedNanos));
            return departed;
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("departed-instance fence: could not fence {}: {}", departed, e.toString());
            return Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        }
    }

    /**
     * The ids among {@code ongoing} that are stream threads' of {@code applicationId} and whose process
     * id is not among {@code liveProcessIds}; ids of any other layout or application are left alone.
     */
    static Set<String> departed(Collection<String> ongoing, String applicationId, Set<UUID> liveProcessIds) {
        Set<String> departed = new TreeSet<>();
        for (String id : ongoing) {
            PredecessorFence.processIdOf(applicationId, id)
                    .filter(processId -> !liveProcessIds.contains(processId))
                    .ifPresent(processId -> departed.add(id));
        }
        return departed;
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
