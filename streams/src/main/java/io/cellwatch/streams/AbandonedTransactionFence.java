package io.cellwatch.streams;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts the transactions a member of the group left open when it died, as soon as the group has
 * noticed it is gone (the rebalance that hands its tasks over), instead of when they time out.
 *
 * <p>Why: a task taken over from a crashed instance restores the tail of its changelogs up to their
 * high watermark ({@code StoreChangelogReader}) with a read_committed consumer, so it cannot finish
 * restoring, and does not run, until the dead instance's last transaction, which wrote that tail, is
 * aborted: {@code transaction.timeout.ms} (10 s) after the transaction began, plus the coordinator's
 * scan. In the chaos runs the taken-over tasks became {@code RUNNING} 10–11 s after the kill, just as
 * the timeout ran out, while the rebalance itself had ended 6–7 s after it. The restarted instance
 * fences its predecessor's ids too ({@link PredecessorFence}), but only once its JVM is up, 6–18 s
 * after the kill here.
 *
 * <p>Which: every ongoing transaction whose id is a stream thread's of this application
 * ({@code <application.id>-<process id>-<thread index>}, Kafka Streams' layout) and whose process id
 * belongs to no instance in the rebalance ({@code Admin#listTransactions}, then
 * {@code Admin#fenceProducers}). Safe whatever the instance's fate: one that is gone loses nothing
 * (its transaction would be aborted anyway); one that is alive but was dropped from the group (a long
 * pause) could not have committed it either (its group generation is stale), and rejoins.
 */
final class AbandonedTransactionFence {
    private static final Logger LOG = LoggerFactory.getLogger(AbandonedTransactionFence.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** One fence at a time, off the rebalance's path: the assignment need not wait for it. */
    private static final ExecutorService FENCER = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "cellwatch-abandoned-transaction-fence");
        thread.setDaemon(true);
        return thread;
    });

    private AbandonedTransactionFence() {}

    /**
     * The ids among {@code ongoing} that are this application's stream threads' and belong to none of
     * {@code members} (their process ids); ids of any other layout are not touched.
     */
    static Set<String> abandoned(Collection<String> ongoing, String applicationId, Set<UUID> members) {
        Set<String> abandoned = new TreeSet<>();
        String prefix = applicationId + "-";
        for (String id : ongoing) {
            if (!id.startsWith(prefix)) {
                continue;
            }
            String rest = id.substring(prefix.length());
            int threadDash = rest.lastIndexOf('-');
            if (threadDash <= 0 || !rest.substring(threadDash + 1).matches("\\d+")) {
                continue;
            }
            try {
                UUID processId = UUID.fromString(rest.substring(0, threadDash));
                if (!members.contains(processId)) {
                    abandoned.add(id);
                }
            } catch (IllegalArgumentException notAProcessId) {
                // another client's id that shares the prefix
            }
        }
        return abandoned;
    }

    /** Lists and fences in the background; a failure is logged, the transaction timeout still ends them. */
    static void fenceInBackground(Map<String, Object> adminConfig, String applicationId, Set<UUID> members) {
        FENCER.submit(() -> fence(adminConfig, applicationId, members));
    }

    private static void fence(Map<String, Object> adminConfig, String applicationId, Set<UUID> members) {
        long start = System.nanoTime();
        try (Admin admin = Admin.create(adminConfig)) {
            List<String> ongoing = admin
                    .listTransactions(new ListTransactionsOptions().filterStates(List.of(TransactionState.ONGOING)))
                    .all()
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .stream()
                    .map(TransactionListing::transactionalId)
                    .toList();
            Set<String> abandoned = abandoned(ongoing, applicationId, members);
            if (abandoned.isEmpty()) {
                return;
            }
            admin.fenceProducers(abandoned).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info(
                    "fenced the open transactions of instances no longer in the group: {} ({} ms)",
                    abandoned,
                    Duration.ofNanos(System.nanoTime() - start).toMillis());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("could not fence the transactions of instances no longer in the group: {}", e.toString());
        }
    }
}
