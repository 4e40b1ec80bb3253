package io.cellwatch.streams;

import io.cellwatch.model.kafka.KafkaConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupResult;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownMemberIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a crashed predecessor's static members out of the group when the instance starts again, so its
 * tasks fail over to the holders of their standbys now instead of when its session times out, and the
 * restarted instance joins as a newcomer.
 *
 * <p>Why: a static member ({@code group.instance.id}) that comes back within the session timeout is given
 * its previous assignment without a rebalance ("Skipped assignment for returning static leader"). That is
 * what static membership is for after a clean stop, when the local state is intact. After a crash under
 * exactly-once the local state is wiped ({@link CleanStopMarker}), so the returning member got its tasks
 * back and restored them from the changelogs' start while the other instance, warm on them as standbys,
 * idled: on a quiet machine those kills took 7.7-13.4 s where a JVM was up again in 2.2-2.7 s. Removed
 * first, the member's tasks fail over to the standbys at once (the coordinator rebalances the group on the
 * removal), and the restarted instance, which reports no task, gets standbys only ({@link TaskPlacement}).
 * Where the session has already timed out there is nothing to remove: the answer "unknown member" is
 * expected and ignored.
 *
 * <p>Called by {@link PredecessorCleanup} as soon as Kafka Streams holds the state directory, and before
 * this instance's threads start (so it never removes its own live members: Kafka Streams locks the state
 * directory, whose digest names the instance, so no other live instance has this name). Needs Read on
 * the group, which a member has anyway. A failure is logged and ignored: the session timeout still ends
 * the wait.
 */
final class CrashedMemberRemoval {
    private static final Logger LOG = LoggerFactory.getLogger(CrashedMemberRemoval.class);
    /** As long as a fence may take: beyond it the session timeout is as near. */
    static final Duration REMOVAL_TIMEOUT = PredecessorFence.FENCE_TIMEOUT;

    private CrashedMemberRemoval() {}

    /**
     * The {@code group.instance.id} of each stream thread's main consumer: Kafka Streams suffixes the
     * instance's with {@code -<thread index>}, counted from 1 ({@code StreamsConfig.getMainConsumerConfigs}).
     */
    static List<String> memberInstanceIds(String instanceId, int threads) {
        List<String> ids = new ArrayList<>();
        for (int thread = 1; thread <= threads; thread++) {
            ids.add(instanceId + "-" + thread);
        }
        return ids;
    }

    /** Removes the members from {@code groupId}; returns the ids it removed (absent ones are not an error). */
    static List<String> remove(KafkaConnection kafka, String groupId, List<String> memberInstanceIds) {
        if (memberInstanceIds.isEmpty()) {
            return List.of();
        }
        try (Admin admin = Admin.create(kafka.admin(groupId + "-crashed-member-removal"))) {
            return remove(admin, groupId, memberInstanceIds);
        } catch (RuntimeException e) {
            LOG.warn("could not remove the crashed run's members {}: {}", memberInstanceIds, e.toString());
            return List.of();
        }
    }

    static List<String> remove(Admin admin, String groupId, List<String> memberInstanceIds) {
        long start = System.nanoTime();
        long timeoutMs = REMOVAL_TIMEOUT.toMillis();
        List<MemberToRemove> members =
                memberInstanceIds.stream().map(MemberToRemove::new).toList();
        RemoveMembersFromConsumerGroupResult result = admin.removeMembersFromConsumerGroup(
                groupId, new RemoveMembersFromConsumerGroupOptions(members).timeoutMs((int) timeoutMs));
        List<String> removed = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (MemberToRemove member : members) {
            try {
                result.memberResult(member).get(timeoutMs, TimeUnit.MILLISECONDS);
                removed.add(member.groupInstanceId());
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownMemberIdException
                        || e.getCause() instanceof GroupIdNotFoundException) {
                    absent.add(member.groupInstanceId());
                } else {
                    LOG.warn(
                            "could not remove the crashed run's member {}: {}",
                            member.groupInstanceId(),
                            e.getCause().toString());
                }
            } catch (TimeoutException e) {
                LOG.warn("could not remove the crashed run's member {} in {} ms", member.groupInstanceId(), timeoutMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return removed;
            }
        }
        LOG.info(
                "removed the crashed run's members {} from group {} (not in it: {}) in {} ms",
                removed,
                groupId,
                absent,
                Duration.ofNanos(System.nanoTime() - start).toMillis());
        return removed;
    }
}
