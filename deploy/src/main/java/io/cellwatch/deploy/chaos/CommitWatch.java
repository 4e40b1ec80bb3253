package io.cellwatch.deploy.chaos;

import io.cellwatch.model.kafka.KafkaConnection;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.StreamsGroupDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches a consumer group's committed offsets on one topic, and its members, from outside, as an operator would:
 * processing has resumed after a kill once every partition that had committed input waiting has
 * committed past where it stood at the kill. Under exactly-once an offset is committed only together with
 * what its records produced, so a committed offset moving is output becoming visible.
 */
final class CommitWatch implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);
    private final Admin admin;
    private final String group;
    private final String topic;
    /** The group is a Streams rebalance protocol group (KIP-1071), described by its own API. */
    private final boolean streamsGroup;

    CommitWatch(String bootstrapServers, String group, String topic) {
        this(bootstrapServers, group, topic, false);
    }

    CommitWatch(String bootstrapServers, String group, String topic, boolean streamsGroup) {
        Properties props = KafkaConnection.plain(bootstrapServers).admin("chaos-commit-watch");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        this.admin = Admin.create(props);
        this.group = group;
        this.topic = topic;
        this.streamsGroup = streamsGroup;
    }

    /** The group's committed offsets on the topic (a partition never committed reads 0). */
    Map<TopicPartition, Long> committed() throws Exception {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions()) {
            offsets.put(partition, 0L);
        }
        Map<TopicPartition, OffsetAndMetadata> found = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
        found.forEach((partition, offset) -> {
            if (offset != null && partition.topic().equals(topic)) {
                offsets.put(partition, offset.offset());
            }
        });
        return offsets;
    }

    /** The end of each partition (the high watermark: transaction markers included). */
    Map<TopicPartition, Long> ends() throws Exception {
        return ends(IsolationLevel.READ_UNCOMMITTED);
    }

    /**
     * How far a read_committed reader can read each partition: the last stable offset. Records of a
     * producer's transaction still open (the ingester's, retrying a write on a starved broker) lie
     * past it; no instance can process them yet, so they are not input waiting for one.
     */
    Map<TopicPartition, Long> stableEnds() throws Exception {
        return ends(IsolationLevel.READ_COMMITTED);
    }

    private Map<TopicPartition, Long> ends(IsolationLevel isolation) throws Exception {
        Map<TopicPartition, OffsetSpec> latest =
                partitions().stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        return admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private List<TopicPartition> partitions() throws Exception {
        int count = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get()
                .get(topic)
                .partitions()
                .size();
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(p -> new TopicPartition(topic, p))
                .toList();
    }

    /** The committed offsets now, asking again through broker outages until {@code timeout}. */
    Map<TopicPartition, Long> committedPatiently(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return committed();
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot read the committed offsets of " + group, e);
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    /**
     * When processing resumed: how long after the kill, and the partition that was the last to move.
     *
     * @param after     from the kill until every waiting partition had committed past its offset
     * @param slowest   the partition that moved last (null when none had input waiting)
     * @param moved     when each partition with input waiting was first seen past its offset, after the kill
     *                  (which of a kill's partitions waited longest, to read beside the instances' logs)
     */
    record Resumed(Duration after, TopicPartition slowest, Map<TopicPartition, Duration> moved) {}

    /**
     * Waits until every partition that has committed input past its offset in {@code before} has
     * committed past it, and returns how long after {@code sinceNanos} ({@link System#nanoTime()}) that
     * was; empty if it did not happen within {@code timeout}. A partition whose stable end is only a
     * transaction marker past its committed offset has nothing waiting; nor has one whose records past
     * it are all in a transaction still open (they count once it commits).
     */
    Optional<Resumed> awaitProgress(Map<TopicPartition, Long> before, long sinceNanos, Duration timeout)
            throws InterruptedException {
        long deadline = sinceNanos + timeout.toNanos();
        Map<TopicPartition, Long> movedAt = new HashMap<>();
        while (System.nanoTime() < deadline) {
            try {
                Map<TopicPartition, Long> now = committed();
                Map<TopicPartition, Long> ends = stableEnds();
                long seen = System.nanoTime();
                boolean all = true;
                for (Map.Entry<TopicPartition, Long> e : before.entrySet()) {
                    long was = e.getValue();
                    boolean waiting = ends.getOrDefault(e.getKey(), 0L) - was > 1;
                    if (!waiting) {
                        continue;
                    }
                    if (now.getOrDefault(e.getKey(), 0L) > was) {
                        movedAt.putIfAbsent(e.getKey(), seen);
                    } else {
                        all = false;
                    }
                }
                if (all) {
                    TopicPartition slowest = movedAt.entrySet().stream()
                            .max(Map.Entry.comparingByValue())
                            .map(Map.Entry::getKey)
                            .orElse(null);
                    Map<TopicPartition, Duration> moved =
                            new TreeMap<>(Comparator.comparingInt(TopicPartition::partition));
                    movedAt.forEach((partition, at) -> moved.put(partition, Duration.ofNanos(at - sinceNanos)));
                    return Optional.of(new Resumed(Duration.ofNanos(seen - sinceNanos), slowest, moved));
                }
            } catch (Exception brokerBusy) {
                // a broker restarting or a coordinator moving: ask again
            }
            Thread.sleep(POLL.toMillis());
        }
        return Optional.empty();
    }

    /**
     * The member ids of the group's members whose static name ({@code group.instance.id}) starts with
     * {@code instancePrefix}: one per stream thread of that instance. Empty when the group cannot be
     * described now.
     */
    Set<String> members(String instancePrefix) {
        try {
            Group group = describe();
            Set<String> members = new HashSet<>();
            for (Member member : group.members()) {
                if (ofInstance(member, instancePrefix)) {
                    members.add(member.id());
                }
            }
            return members;
        } catch (ExecutionException | RuntimeException notDescribed) {
            return Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Set.of();
        }
    }

    /**
     * Whether the group is stable with at least one member of every instance named and none of the
     * members in {@code gone}: each prefix is an instance's static name followed by {@code -} (Kafka
     * Streams appends each thread's index). False when the group cannot be described now.
     */
    boolean stableWithEvery(List<String> instancePrefixes, Set<String> gone) {
        try {
            Group group = describe();
            return group.state() == GroupState.STABLE
                    && group.members().stream().noneMatch(member -> gone.contains(member.id()))
                    && instancePrefixes.stream()
                            .allMatch(
                                    prefix -> group.members().stream().anyMatch(member -> ofInstance(member, prefix)));
        } catch (ExecutionException | RuntimeException notDescribed) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * When the group had rebalanced without {@code departed}: none of those members left in it and the
     * group stable again, how long after {@code sinceNanos} ({@link System#nanoTime()}); empty when that
     * was not seen within {@code timeout} or there is nothing to watch. From outside, this splits a kill's
     * recovery into the group's part (the session timeout, then the rebalance) and the survivor's (taking
     * the tasks over: restore, fetch, first commit).
     */
    Optional<Duration> awaitRebalanced(Set<String> departed, long sinceNanos, Duration timeout)
            throws InterruptedException {
        if (departed.isEmpty()) {
            return Optional.empty();
        }
        long deadline = sinceNanos + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Group group = describe();
                long seen = System.nanoTime();
                boolean gone = group.members().stream().noneMatch(member -> departed.contains(member.id()));
                if (gone && group.state() == GroupState.STABLE) {
                    return Optional.of(Duration.ofNanos(seen - sinceNanos));
                }
            } catch (ExecutionException brokerBusy) {
                // a coordinator moving or a broker restarting: ask again
            }
            Thread.sleep(POLL.toMillis());
        }
        return Optional.empty();
    }

    /** Whether a member is one of an instance's stream threads: its static name starts with the prefix. */
    private static boolean ofInstance(Member member, String instancePrefix) {
        return member.instanceId().filter(id -> id.startsWith(instancePrefix)).isPresent();
    }

    /** A group as the watch reads it, whichever protocol it runs. */
    private record Group(GroupState state, List<Member> members) {}

    /** A member: its id, and its static name ({@code group.instance.id}) where it has one. */
    private record Member(String id, Optional<String> instanceId) {}

    private Group describe() throws ExecutionException, InterruptedException {
        if (streamsGroup) {
            StreamsGroupDescription streams =
                    admin.describeStreamsGroups(List.of(group)).all().get().get(group);
            return new Group(
                    streams.groupState(),
                    streams.members().stream()
                            .map(member -> new Member(member.memberId(), member.instanceId()))
                            .toList());
        }
        ConsumerGroupDescription consumers =
                admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        return new Group(
                consumers.groupState(),
                consumers.members().stream()
                        .map(member -> new Member(member.consumerId(), member.groupInstanceId()))
                        .toList());
    }

    /** True once the group has committed everything on the topic (at most a marker left after each offset). */
    boolean caughtUp() throws Exception {
        Map<TopicPartition, Long> now = committed();
        Map<TopicPartition, Long> ends = ends();
        return ends.entrySet().stream().allMatch(e -> e.getValue() - now.getOrDefault(e.getKey(), 0L) <= 1);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
