package io.cellwatch.streams;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.assignment.ProcessId;

/**
 * Where each task runs after a rebalance: the decisions of {@link FailoverTaskAssignor}, as a plain
 * function of what each instance reported (the tasks it ran, the standbys it kept, how far behind
 * each changelog it is), so that they can be tested without a group.
 *
 * <p>The rules, in order:
 *
 * <ol>
 *   <li>An active task stays on the live instance that ran it. Under exactly-once every move costs
 *       two rebalances (the old owner revokes, the new one gets it), and during each the instances
 *       commit nothing: output stops being visible.
 *   <li>A task whose instance is gone (a crash, after the session timeout) goes to the instance least
 *       behind on it, which is the one that kept its standby; ties go to the instance that kept the
 *       standby, then to the least loaded.
 *   <li>To even the load, subtopology by subtopology, a task moves to an instance only if that instance held it in the previous
 *       generation as a standby no more than {@code acceptableRecoveryLag} behind (for a task
 *       without state: held any task at all). An instance that reported no task — one just started, or
 *       restarted after a crash with its state wiped — gets standbys only: its changelog lag says
 *       nothing of whether it is ready (a task with an empty changelog has lag 0 on a wiped
 *       instance), and taking a task from the instance running it is the stall this avoids. When the
 *       load is left uneven for that reason, a follow-up rebalance is asked for, by which time the
 *       standbys have caught up.
 *   <li>Standbys go to instances other than the active one, least behind first, then the least loaded.
 * </ol>
 *
 * @param active   tasks each instance runs
 * @param standby  tasks each instance keeps a standby of
 * @param uneven   the load was left uneven because no instance ready for a task could take it: ask for
 *                 a follow-up rebalance
 */
record TaskPlacement(
        Map<ProcessId, SortedSet<TaskId>> active, Map<ProcessId, SortedSet<TaskId>> standby, boolean uneven) {

    /** A lag that says nothing: Kafka Streams could not read the changelogs' end offsets. */
    static final long UNKNOWN_LAG = -3L;
    /** The lag an instance reports for a task it runs as active: none. */
    static final long RUNNING = -2L;

    /**
     * What one instance reported at the rebalance.
     *
     * @param id              its process id
     * @param threads         its stream threads (its capacity)
     * @param previousActive  tasks it ran in the previous generation
     * @param previousStandby standbys it kept in the previous generation
     * @param lags            changelog records it is behind, per stateful task ({@link #RUNNING}
     *                        where it runs the task, {@link #UNKNOWN_LAG} where nobody could tell)
     */
    record Instance(
            ProcessId id,
            int threads,
            Set<TaskId> previousActive,
            Set<TaskId> previousStandby,
            Map<TaskId, Long> lags) {
        Instance {
            Objects.requireNonNull(id, "id");
            if (threads < 1) {
                throw new IllegalArgumentException("an instance has at least one thread: " + threads);
            }
            previousActive = Set.copyOf(previousActive);
            previousStandby = Set.copyOf(previousStandby);
            lags = Map.copyOf(lags);
        }

        /** It reported no task: just started, or restarted with its state wiped. */
        boolean newcomer() {
            return previousActive.isEmpty() && previousStandby.isEmpty();
        }

        /** How far behind it is on a stateful task, for ordering: running it is 0, not knowing is last. */
        long lagFor(TaskId task) {
            long lag = lags.getOrDefault(task, UNKNOWN_LAG);
            if (lag == RUNNING) {
                return 0;
            }
            return lag < 0 ? Long.MAX_VALUE : lag;
        }
    }

    /**
     * @param instances             the instances in the group
     * @param tasks                 every task, true where it has state
     * @param standbyReplicas       standbys per stateful task ({@code num.standby.replicas})
     * @param acceptableRecoveryLag how far behind a standby may be and still take its task over to even the load
     */
    static TaskPlacement decide(
            Collection<Instance> instances,
            Map<TaskId, Boolean> tasks,
            int standbyReplicas,
            long acceptableRecoveryLag) {
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("no instance to place tasks on");
        }
        Map<ProcessId, Instance> byId = new TreeMap<>();
        instances.forEach(instance -> byId.put(instance.id(), instance));
        Map<ProcessId, SortedSet<TaskId>> active = emptySets(byId.keySet());
        SortedSet<TaskId> orphans = new TreeSet<>();
        for (TaskId task : new TreeSet<>(tasks.keySet())) {
            byId.values().stream()
                    .filter(instance -> instance.previousActive().contains(task))
                    .min(Comparator.comparingLong((Instance instance) -> instance.lagFor(task))
                            .thenComparing(Instance::id))
                    .ifPresentOrElse(owner -> active.get(owner.id()).add(task), () -> orphans.add(task));
        }
        for (TaskId task : orphans) {
            boolean stateful = tasks.get(task);
            Comparator<Instance> best = Comparator.comparingLong(
                            (Instance instance) -> stateful ? instance.lagFor(task) : 0L)
                    .thenComparing(instance -> !instance.previousStandby().contains(task))
                    .thenComparingDouble(instance -> active.get(instance.id()).stream()
                                    .filter(placed -> placed.subtopology() == task.subtopology())
                                    .count()
                            / (double) instance.threads())
                    .thenComparingDouble(instance -> load(active, instance))
                    .thenComparing(Instance::id);
            Instance chosen = byId.values().stream().min(best).orElseThrow();
            active.get(chosen.id()).add(task);
        }
        // Subtopology by subtopology: even by count alone, an instance could end up with every pipeline
        // task and the other with every replicate-group task (the empty changelogs' lag 0 moves first).
        boolean uneven = false;
        for (Map<TaskId, Boolean> subtopology : bySubtopology(tasks)) {
            Map<ProcessId, SortedSet<TaskId>> share = new LinkedHashMap<>();
            active.forEach((id, running) -> {
                SortedSet<TaskId> mine = new TreeSet<>(running);
                mine.retainAll(subtopology.keySet());
                share.put(id, mine);
            });
            uneven |= even(share, byId, subtopology, acceptableRecoveryLag);
            share.forEach((id, mine) -> {
                active.get(id).removeAll(subtopology.keySet());
                active.get(id).addAll(mine);
            });
        }
        return new TaskPlacement(active, standbys(active, byId, tasks, standbyReplicas), uneven);
    }

    /**
     * Moves tasks from the busiest instance to the idlest while that makes the load more even and the
     * idlest is ready for one of them; true if a move that would have evened it was left undone.
     */
    private static boolean even(
            Map<ProcessId, SortedSet<TaskId>> active,
            Map<ProcessId, Instance> byId,
            Map<TaskId, Boolean> tasks,
            long acceptableRecoveryLag) {
        List<Instance> idlestFirst = new ArrayList<>(byId.values());
        // Each move lowers the busiest instance's load, so there are at most as many moves as tasks.
        for (int moves = 0; moves <= tasks.size(); moves++) {
            idlestFirst.sort(Comparator.comparingDouble((Instance instance) -> load(active, instance))
                    .thenComparing(Instance::id));
            Instance idlest = idlestFirst.get(0);
            Instance busiest = idlestFirst.get(idlestFirst.size() - 1);
            double busiestAfter = (active.get(busiest.id()).size() - 1) / (double) busiest.threads();
            double idlestAfter = (active.get(idlest.id()).size() + 1) / (double) idlest.threads();
            if (idlest == busiest || Math.max(busiestAfter, idlestAfter) >= load(active, busiest)) {
                return false;
            }
            TaskId movable = active.get(busiest.id()).stream()
                    .filter(task -> ready(idlest, task, tasks.get(task), acceptableRecoveryLag))
                    .min(Comparator.comparingLong((TaskId task) -> tasks.get(task) ? idlest.lagFor(task) : 0L)
                            .thenComparing(Comparator.naturalOrder()))
                    .orElse(null);
            if (movable == null) {
                return true;
            }
            active.get(busiest.id()).remove(movable);
            active.get(idlest.id()).add(movable);
        }
        return false;
    }

    /** Whether an instance can take a task over without stalling it. */
    private static boolean ready(Instance instance, TaskId task, boolean stateful, long acceptableRecoveryLag) {
        if (instance.newcomer()) {
            return false;
        }
        return !stateful || instance.previousStandby().contains(task) && instance.lagFor(task) <= acceptableRecoveryLag;
    }

    private static Map<ProcessId, SortedSet<TaskId>> standbys(
            Map<ProcessId, SortedSet<TaskId>> active,
            Map<ProcessId, Instance> byId,
            Map<TaskId, Boolean> tasks,
            int standbyReplicas) {
        Map<ProcessId, SortedSet<TaskId>> standby = emptySets(byId.keySet());
        for (TaskId task : new TreeSet<>(tasks.keySet())) {
            if (!tasks.get(task)) {
                continue;
            }
            byId.values().stream()
                    .filter(instance -> !active.get(instance.id()).contains(task))
                    .sorted(Comparator.comparingLong((Instance instance) -> instance.lagFor(task))
                            .thenComparingInt(
                                    instance -> standby.get(instance.id()).size())
                            .thenComparing(Instance::id))
                    .limit(standbyReplicas)
                    .forEach(instance -> standby.get(instance.id()).add(task));
        }
        return standby;
    }

    private static List<Map<TaskId, Boolean>> bySubtopology(Map<TaskId, Boolean> tasks) {
        Map<Integer, Map<TaskId, Boolean>> groups = new TreeMap<>();
        tasks.forEach((task, stateful) -> groups.computeIfAbsent(task.subtopology(), subtopology -> new TreeMap<>())
                .put(task, stateful));
        return new ArrayList<>(groups.values());
    }

    private static double load(Map<ProcessId, SortedSet<TaskId>> active, Instance instance) {
        return active.get(instance.id()).size() / (double) instance.threads();
    }

    private static Map<ProcessId, SortedSet<TaskId>> emptySets(Collection<ProcessId> ids) {
        Map<ProcessId, SortedSet<TaskId>> sets = new LinkedHashMap<>();
        ids.forEach(id -> sets.put(id, new TreeSet<>()));
        return sets;
    }
}
