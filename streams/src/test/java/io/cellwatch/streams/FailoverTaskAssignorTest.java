package io.cellwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.assignment.ApplicationState;
import org.apache.kafka.streams.processor.assignment.AssignmentConfigs;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsAssignment;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsAssignment.AssignedTask;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsState;
import org.apache.kafka.streams.processor.assignment.ProcessId;
import org.apache.kafka.streams.processor.assignment.TaskAssignmentUtils;
import org.apache.kafka.streams.processor.assignment.TaskAssignor.AssignmentError;
import org.apache.kafka.streams.processor.assignment.TaskAssignor.TaskAssignment;
import org.apache.kafka.streams.processor.assignment.TaskInfo;
import org.apache.kafka.streams.processor.assignment.TaskTopicPartition;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/**
 * The assignor as Kafka Streams calls it: what the group reported in, an assignment that Kafka Streams'
 * own validation accepts out, with a probing rebalance asked for while a restarted instance warms up.
 */
class FailoverTaskAssignorTest {
    private static final ProcessId SURVIVOR = new ProcessId(new UUID(0, 1));
    private static final ProcessId RESTARTED = new ProcessId(new UUID(0, 2));

    @Test
    void aRestartedInstanceGetsStandbysAndAProbeWhileTheSurvivorKeepsItsTasks() {
        Set<TaskId> tasks = Set.of(new TaskId(2, 0), new TaskId(2, 1), new TaskId(3, 0), new TaskId(3, 1));
        Map<TaskId, Long> running = tasks.stream().collect(Collectors.toMap(task -> task, task -> -2L));
        Map<TaskId, Long> wiped =
                tasks.stream().collect(Collectors.toMap(task -> task, task -> task.subtopology() == 3 ? 0L : 900L));
        Group group = new Group(
                Map.of(
                        SURVIVOR,
                        new Client(SURVIVOR, tasks, Set.of(), running),
                        RESTARTED,
                        new Client(RESTARTED, Set.of(), Set.of(), wiped)),
                tasks);
        Instant before = Instant.now();

        TaskAssignment assignment = new FailoverTaskAssignor().assign(group);

        assertThat(TaskAssignmentUtils.validateTaskAssignment(group, assignment))
                .isEqualTo(AssignmentError.NONE);
        KafkaStreamsAssignment survivor = of(assignment, SURVIVOR);
        KafkaStreamsAssignment restarted = of(assignment, RESTARTED);
        assertThat(ids(survivor, AssignedTask.Type.ACTIVE)).isEqualTo(new TreeSet<>(tasks));
        assertThat(ids(restarted, AssignedTask.Type.ACTIVE)).isEmpty();
        assertThat(ids(restarted, AssignedTask.Type.STANDBY)).isEqualTo(new TreeSet<>(tasks));
        assertThat(restarted.followupRebalanceDeadline())
                .hasValueSatisfying(deadline -> assertThat(deadline).isAfterOrEqualTo(before.plusSeconds(60)));
    }

    @Test
    void aBalancedGroupAsksForNoProbe() {
        Set<TaskId> tasks = Set.of(new TaskId(2, 0), new TaskId(2, 1));
        TaskId first = new TaskId(2, 0);
        TaskId second = new TaskId(2, 1);
        Group group = new Group(
                Map.of(
                        SURVIVOR, new Client(SURVIVOR, Set.of(first), Set.of(second), Map.of(first, -2L, second, 10L)),
                        RESTARTED,
                                new Client(RESTARTED, Set.of(second), Set.of(first), Map.of(first, 10L, second, -2L))),
                tasks);

        TaskAssignment assignment = new FailoverTaskAssignor().assign(group);

        assertThat(ids(of(assignment, SURVIVOR), AssignedTask.Type.ACTIVE)).containsExactly(first);
        assertThat(ids(of(assignment, RESTARTED), AssignedTask.Type.ACTIVE)).containsExactly(second);
        assignment
                .assignment()
                .forEach(each -> assertThat(each.followupRebalanceDeadline()).isEmpty());
    }

    private static KafkaStreamsAssignment of(TaskAssignment assignment, ProcessId id) {
        return assignment.assignment().stream()
                .filter(each -> each.processId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static SortedSet<TaskId> ids(KafkaStreamsAssignment assignment, AssignedTask.Type type) {
        return assignment.tasks().values().stream()
                .filter(task -> task.type() == type)
                .map(AssignedTask::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private record Group(Map<ProcessId, KafkaStreamsState> clients, Set<TaskId> tasks) implements ApplicationState {
        @Override
        public Map<ProcessId, KafkaStreamsState> kafkaStreamsStates(boolean computeTaskLags) {
            return clients;
        }

        @Override
        public AssignmentConfigs assignmentConfigs() {
            Properties props = new Properties();
            props.put(StreamsConfig.APPLICATION_ID_CONFIG, "cellwatch");
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
            props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
            props.put(StreamsConfig.ACCEPTABLE_RECOVERY_LAG_CONFIG, 1_000L);
            props.put(StreamsConfig.PROBING_REBALANCE_INTERVAL_MS_CONFIG, 60_000L);
            return AssignmentConfigs.of(new StreamsConfig(props));
        }

        @Override
        public Map<TaskId, TaskInfo> allTasks() {
            Map<TaskId, TaskInfo> all = new TreeMap<>();
            tasks.forEach(task -> all.put(task, new Task(task)));
            return all;
        }
    }

    private record Task(TaskId id) implements TaskInfo {
        @Override
        public boolean isStateful() {
            return true;
        }

        @Override
        public Set<String> stateStoreNames() {
            return Set.of("channel-pipeline-store");
        }

        @Override
        public Set<TaskTopicPartition> topicPartitions() {
            return Set.of();
        }
    }

    private record Client(ProcessId processId, Set<TaskId> active, Set<TaskId> standby, Map<TaskId, Long> lags)
            implements KafkaStreamsState {
        @Override
        public int numProcessingThreads() {
            return 1;
        }

        @Override
        public SortedSet<String> consumerClientIds() {
            return new TreeSet<>(Set.of(processId + "-StreamThread-1-consumer"));
        }

        @Override
        public SortedSet<TaskId> previousActiveTasks() {
            return new TreeSet<>(active);
        }

        @Override
        public SortedSet<TaskId> previousStandbyTasks() {
            return new TreeSet<>(standby);
        }

        @Override
        public long lagFor(TaskId task) {
            return lags.get(task);
        }

        @Override
        public SortedSet<TaskId> prevTasksByLag(String consumerClientId) {
            return new TreeSet<>(active);
        }

        @Override
        public Map<TaskId, Long> statefulTasksToLagSums() {
            return lags;
        }

        @Override
        public Optional<HostInfo> hostInfo() {
            return Optional.empty();
        }

        @Override
        public Map<String, String> clientTags() {
            return Map.of();
        }

        @Override
        public Optional<String> rackId() {
            return Optional.empty();
        }
    }
}
