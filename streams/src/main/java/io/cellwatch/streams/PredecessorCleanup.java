package io.cellwatch.streams;

import io.cellwatch.streams.topology.StreamsSettings;
import java.util.concurrent.CompletableFuture;

/**
 * What a restart does about the run before it under exactly-once, begun as early as the instance can
 * (the command calls {@link #begin} as its JVM starts, before the topic check, the detection config and
 * the topology) and awaited before its stream threads start: after a crash, take the crashed run's
 * static members out of the group ({@link CrashedMemberRemoval}), then abort the transactions it left
 * open ({@link PredecessorFence}).
 *
 * <p>Why so early, and in that order: the removal is what lets the crashed run's tasks fail over to
 * their standbys, so every second between the JVM starting and the removal is a second of stalled
 * processing. Done at {@code start()} it waited for the HTTP endpoint, the query API and the fence: in
 * a chaos run's restart 7 s under a load of 28 on 2 cores (the JVM's first log line to the removal:
 * 8.3 s, of which the removal itself 0.7 s). Begun after the Kafka Streams constructor it still waited
 * for the topic check, the detection config and building the topology: 3 s of a 7.4 s start at a load
 * of 5 (the first Kafka client 4.4 s after the JVM started, the constructor 7.4 s). The fence need not
 * precede it: the group's leader fences the transactions of an instance gone from the group when it
 * assigns its tasks ({@code DepartedInstanceFence}), and this instance's process id is gone from the
 * group until its threads start, which is after both are done.
 *
 * <p>Both hold the {@link InstanceLock} first: it says no other live JVM shares this instance's state
 * directory, so the members removed and the transactional id fenced (its process id read from the
 * directory, where Kafka Streams keeps it across crashes) are a dead run's, not a running one's. The
 * lock is held until the service closes.
 */
public final class PredecessorCleanup implements AutoCloseable {
    private final InstanceLock lock;
    private final boolean previousRunCrashed;
    private final CompletableFuture<Void> done;

    private PredecessorCleanup(InstanceLock lock, boolean previousRunCrashed, CompletableFuture<Void> done) {
        this.lock = lock;
        this.previousRunCrashed = previousRunCrashed;
        this.done = done;
    }

    /**
     * Takes the instance lock, reads whether the run before stopped cleanly ({@link CleanStopMarker})
     * and begins the clean-up on a thread of its own.
     *
     * @throws IllegalStateException if another live instance holds the state directory
     */
    public static PredecessorCleanup begin(StreamsSettings settings) {
        InstanceLock lock = InstanceLock.acquire(settings.stateDir(), settings.applicationId());
        boolean previousRunCrashed = settings.exactlyOnce()
                && new CleanStopMarker(settings.stateDir(), settings.applicationId()).previousRunCrashed();
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!settings.exactlyOnce()) {
            done.complete(null);
            return new PredecessorCleanup(lock, false, done);
        }
        Thread cleanup = new Thread(
                () -> {
                    try {
                        // A streams group's (KIP-1071) members cannot be removed from outside: Kafka 4.4's
                        // Admin has no call for it, so there the session timeout ends the wait.
                        if (previousRunCrashed
                                && settings.instanceId() != null
                                && !settings.streamsRebalanceProtocol()) {
                            CrashedMemberRemoval.remove(
                                    settings.kafka(),
                                    settings.applicationId(),
                                    CrashedMemberRemoval.memberInstanceIds(
                                            settings.instanceId(), settings.streamThreads()));
                        }
                        PredecessorFence.fence(
                                settings.kafka(),
                                PredecessorFence.transactionalIds(
                                        settings.stateDir(), settings.applicationId(), settings.streamThreads()));
                        done.complete(null);
                    } catch (RuntimeException | Error e) {
                        done.completeExceptionally(e);
                    }
                },
                "cellwatch-predecessor-cleanup");
        cleanup.setDaemon(true);
        cleanup.start();
        return new PredecessorCleanup(lock, previousRunCrashed, done);
    }

    /** Whether the run before left task state behind without stopping cleanly (exactly-once only). */
    boolean previousRunCrashed() {
        return previousRunCrashed;
    }

    /**
     * Returns once the removal and the fence are done. Each is bounded by its own timeout and logs and
     * swallows its failures (the session and transaction timeouts end the waits they shorten).
     */
    void awaitDone() {
        done.join();
    }

    /** Releases the instance lock (once the service has closed Kafka Streams). */
    @Override
    public void close() {
        lock.close();
    }
}
