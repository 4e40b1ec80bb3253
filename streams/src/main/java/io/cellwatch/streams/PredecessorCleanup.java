package io.cellwatch.streams;

import io.cellwatch.streams.topology.StreamsSettings;
import java.util.concurrent.CompletableFuture;

/**
 * What a restart does about the run before it under exactly-once, begun on a thread of its own as soon
 * as Kafka Streams holds the state directory and awaited before its threads start: after a crash, take
 * the crashed run's static members out of the group ({@link CrashedMemberRemoval}), then abort the
 * transactions it left open ({@link PredecessorFence}).
 *
 * <p>Why so early, and in that order: the removal is what lets the crashed run's tasks fail over to
 * their standbys, so every second between the JVM starting and the removal is a second of stalled
 * processing. Done at {@code start()} it waited for the HTTP endpoint, the query API and the fence: in
 * a chaos run's restart 7 s under a load of 28 on 2 cores (the JVM's first log line to the removal:
 * 8.3 s, of which the removal itself 0.7 s). Begun here it overlaps all of that. The fence need not
 * precede it: the group's leader fences the transactions of an instance gone from the group when it
 * assigns its tasks ({@code DepartedInstanceFence}), and this instance's process id is gone from the
 * group until its threads start, which is after both are done.
 *
 * <p>Both wait for the state-directory lock Kafka Streams takes in its constructor: it is what says no
 * other live instance shares this instance's name or process id (two JVMs on one state directory: the
 * second fails there, before it could remove the first one's members or fence its producer).
 */
final class PredecessorCleanup {
    private final CompletableFuture<Void> done;

    private PredecessorCleanup(CompletableFuture<Void> done) {
        this.done = done;
    }

    /**
     * Begins the clean-up; call once Kafka Streams has been constructed (it holds the state directory
     * and has written its process id).
     *
     * @param previousRunCrashed whether the run before left task state without stopping cleanly
     */
    static PredecessorCleanup begin(StreamsSettings settings, boolean previousRunCrashed) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!settings.exactlyOnce()) {
            done.complete(null);
            return new PredecessorCleanup(done);
        }
        Thread cleanup = new Thread(
                () -> {
                    try {
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
        return new PredecessorCleanup(done);
    }

    /**
     * Returns once the removal and the fence are done. Each is bounded by its own timeout and logs and
     * swallows its failures (the session and transaction timeouts end the waits they shorten).
     */
    void awaitDone() {
        done.join();
    }
}
