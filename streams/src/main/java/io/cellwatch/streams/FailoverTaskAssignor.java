package io.cellwatch.streams;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.assignment.ApplicationState;
import org.apache.kafka.streams.processor.assignment.AssignmentConfigs;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsAssignment;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsAssignment.AssignedTask;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsState;
import org.apache.kafka.streams.processor.assignment.TaskAssignor;
import org.apache.kafka.streams.processor.assignment.TaskInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * cellwatch's task assignor ({@code task.assignor.class}, KIP-924): a task moves when its instance is
 * gone, or to an instance already warm on it; never to an instance that has just (re)joined. The
 * decisions and why: {@link TaskPlacement}.
 *
 * <p>Why not Kafka Streams' default ({@code HighAvailabilityTaskAssignor}): in the chaos runs, an
 * instance restarted after a crash, its state wiped, was given tasks back within seconds of joining,
 * because its lag on them was under {@code acceptable.recovery.lag} (a small changelog) or 0 (an empty
 * one). Each such move made the surviving instance revoke the task (a commit and a rebalance with
 * commits held back), then a follow-up rebalance, and the task waited while the restarted instance
 * restored it: the slowest partition of a kill was most often one handed back so. Here the restarted
 * instance keeps standbys until the next probing rebalance ({@code probing.rebalance.interval.ms}),
 * when it has caught up on them.
 *
 * <p>Under exactly-once each assignment also starts, in the background, a fence of the transactions that
 * instances no longer in the group left open ({@link DepartedInstanceFence}): the tasks handed over
 * cannot finish restoring before those are aborted.
 */
public final class FailoverTaskAssignor implements TaskAssignor {
    private static final Logger LOG = LoggerFactory.getLogger(FailoverTaskAssignor.class);
    private Optional<DepartedInstanceFence> departedInstanceFence = Optional.empty();

    /**
     * Kafka Streams makes and configures an assignor at each rebalance, with its main consumer's
     * configuration: the fence's admin client connects as that consumer does.
     */
    @Override
    public void configure(Map<String, ?> configs) {
        departedInstanceFence = DepartedInstanceFence.forAssignorConfig(configs);
    }

    @Override
    public TaskAssignment assign(ApplicationState applicationState) {
        AssignmentConfigs configs = applicationState.assignmentConfigs();
        Map<org.apache.kafka.streams.processor.assignment.ProcessId, KafkaStreamsState> clients =
                applicationState.kafkaStreamsStates(true);
        departedInstanceFence.ifPresent(fence -> {
            Set<UUID> live = new HashSet<>();
            clients.keySet().forEach(id -> live.add(id.id()));
            fence.start(live);
        });
        List<TaskPlacement.Instance> instances = clients.values().stream()
                .map(client -> new TaskPlacement.Instance(
                        client.processId(),
                        client.numProcessingThreads(),
                        client.previousActiveTasks(),
                        client.previousStandbyTasks(),
                        client.statefulTasksToLagSums()))
                .toList();
        Map<TaskId, Boolean> tasks = new HashMap<>();
        for (TaskInfo task : applicationState.allTasks().values()) {
            tasks.put(task.id(), task.isStateful());
        }
        TaskPlacement placement =
                TaskPlacement.decide(instances, tasks, configs.numStandbyReplicas(), configs.acceptableRecoveryLag());
        Instant followUp = Instant.now().plusMillis(configs.probingRebalanceIntervalMs());
        List<KafkaStreamsAssignment> assignments = clients.keySet().stream()
                .map(id -> {
                    Set<AssignedTask> assigned = new HashSet<>();
                    placement
                            .active()
                            .get(id)
                            .forEach(task -> assigned.add(new AssignedTask(task, AssignedTask.Type.ACTIVE)));
                    placement
                            .standby()
                            .get(id)
                            .forEach(task -> assigned.add(new AssignedTask(task, AssignedTask.Type.STANDBY)));
                    KafkaStreamsAssignment assignment = KafkaStreamsAssignment.of(id, assigned);
                    return placement.uneven() ? assignment.withFollowupRebalance(followUp) : assignment;
                })
                .toList();
        LOG.info(
                "placed tasks: active {}, standby {}{}",
                placement.active(),
                placement.standby(),
                placement.uneven()
                        ? "; load uneven until the newcomers' standbys catch up, probing at " + followUp
                        : "");
        return new TaskAssignment(assignments);
    }
}
