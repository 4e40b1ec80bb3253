package io.cellwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.cellwatch.streams.TaskPlacement.Instance;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.assignment.ProcessId;
import org.junit.jupiter.api.Test;

/**
 * The assignor's decisions for the moments of a crash and restart seen in the chaos runs: two
 * instances, six pipeline tasks (subtopology 2, changelogs of a few thousand records) and six
 * replicate-group tasks (subtopology 3, empty changelogs).
 */
class TaskPlacementTest {
    private static final ProcessId SURVIVOR = new ProcessId(new UUID(0, 1));
    private static final ProcessId RESTARTED = new ProcessId(new UUID(0, 2));
    private static final long ACCEPTABLE_LAG = 1_000;

    private static final Map<TaskId, Boolean> TASKS = tasks();

    private static Map<TaskId, Boolean> tasks() {
        Map<TaskId, Boolean> tasks = new TreeMap<>();
        for (int partition = 0; partition < 6; partition++) {
            tasks.put(pipeline(partition), true);
            tasks.put(replicateGroup(partition), true);
        }
        return tasks;
    }

    private static TaskId pipeline(int partition) {
        return new TaskId(2, partition);
    }

    private static TaskId replicateGroup(int partition) {
        return new TaskId(3, partition);
    }

    /** What an instance with no state reports: the whole changelog behind, 0 where it is empty. */
    private static Map<TaskId, Long> wiped() {
        Map<TaskId, Long> lags = new HashMap<>();
        for (int partition = 0; partition < 6; partition++) {
            lags.put(pipeline(partition), 945L + 400L * partition);
            lags.put(replicateGroup(partition), 0L);
        }
        return lags;
    }

    private static Map<TaskId, Long> lags(Set<TaskId> running, Map<TaskId, Long> others) {
        Map<TaskId, Long> lags = new HashMap<>(others);
        running.forEach(task -> lags.put(task, TaskPlacement.RUNNING));
        return lags;
    }

    private static Set<TaskId> even(boolean even) {
        return TASKS.keySet().stream()
                .filter(task -> (task.partition() % 2 == 0) == even)
                .collect(Collectors.toSet());
    }

    private static Map<TaskId, Long> caughtUp(Set<TaskId> tasks, long lag) {
        return tasks.stream().collect(Collectors.toMap(task -> task, task -> lag));
    }

    @Test
    void aCrashedInstancesTasksGoToTheSurvivorThatKeptTheirStandbys() {
        Instance survivor =
                new Instance(SURVIVOR, 1, even(false), even(true), lags(even(false), caughtUp(even(true), 12)));

        TaskPlacement placement = TaskPlacement.decide(List.of(survivor), TASKS, 1, ACCEPTABLE_LAG);

        assertThat(placement.active().get(SURVIVOR)).containsExactlyInAnyOrderElementsOf(TASKS.keySet());
        assertThat(placement.standby().get(SURVIVOR)).isEmpty();
        assertThat(placement.uneven()).isFalse();
    }

    @Test
    void anInstanceRestartedWithItsStateWipedGetsStandbysOnlyEvenWhereItsLagIsZero() {
        Instance survivor = new Instance(SURVIVOR, 1, TASKS.keySet(), Set.of(), lags(TASKS.keySet(), Map.of()));
        Instance restarted = new Instance(RESTARTED, 1, Set.of(), Set.of(), wiped());

        TaskPlacement placement = TaskPlacement.decide(List.of(survivor, restarted), TASKS, 1, ACCEPTABLE_LAG);

        assertThat(placement.active().get(SURVIVOR)).containsExactlyInAnyOrderElementsOf(TASKS.keySet());
        assertThat(placement.active().get(RESTARTED)).isEmpty();
        assertThat(placement.standby().get(RESTARTED)).containsExactlyInAnyOrderElementsOf(TASKS.keySet());
        assertThat(placement.uneven()).as("a probing rebalance is asked for").isTrue();
    }

    @Test
    void atTheProbingRebalanceTheCaughtUpStandbysTakeTheirShareBack() {
        Instance survivor = new Instance(SURVIVOR, 1, TASKS.keySet(), Set.of(), lags(TASKS.keySet(), Map.of()));
        Instance warm = new Instance(RESTARTED, 1, Set.of(), TASKS.keySet(), caughtUp(TASKS.keySet(), 30));

        TaskPlacement placement = TaskPlacement.decide(List.of(survivor, warm), TASKS, 1, ACCEPTABLE_LAG);

        assertThat(placement.active().get(SURVIVOR)).hasSize(6);
        assertThat(placement.active().get(RESTARTED)).hasSize(6);
        assertThat(placement.standby().get(SURVIVOR))
                .isEqualTo(placement.active().get(RESTARTED));
        assertThat(placement.standby().get(RESTARTED))
                .isEqualTo(placement.active().get(SURVIVOR));
        assertThat(placement.uneven()).isFalse();
    }

    @Test
    void eachSubtopologyIsEvenedNotOnlyTheCount() {
        Instance survivor = new Instance(SURVIVOR, 1, TASKS.keySet(), Set.of(), lags(TASKS.keySet(), Map.of()));
        Map<TaskId, Long> lags = caughtUp(TASKS.keySet(), 300);
        IntStream.range(0, 6).forEach(partition -> lags.put(replicateGroup(partition), 0L));
        Instance warm = new Instance(RESTARTED, 1, Set.of(), TASKS.keySet(), lags);

        TaskPlacement placement = TaskPlacement.decide(List.of(survivor, warm), TASKS, 1, ACCEPTABLE_LAG);

        for (ProcessId id : List.of(SURVIVOR, RESTARTED)) {
            assertThat(placement.active().get(id).stream().filter(task -> task.subtopology() == 2))
                    .as("pipeline tasks on %s", id)
                    .hasSize(3);
            assertThat(placement.active().get(id).stream().filter(task -> task.subtopology() == 3))
                    .as("replicate-group tasks on %s", id)
                    .hasSize(3);
        }
    }

    @Test
    void onlyTheStandbysWithinTheAcceptableLagMoveAndAnotherProbeIsAskedFor() {
        Instance survivor = new Instance(SURVIVOR, 1, TASKS.keySet(), Set.of(), lags(TASKS.keySet(), Map.of()));
        Map<TaskId, Long> lags = caughtUp(TASKS.keySet(), 5_000);
        lags.put(pipeline(4), 800L);
        lags.put(replicateGroup(1), 0L);
        Instance warming = new Instance(RESTARTED, 1, Set.of(), TASKS.keySet(), lags);

        TaskPlacement placement = TaskPlacement.decide(List.of(survivor, warming), TASKS, 1, ACCEPTABLE_LAG);

        assertThat(placement.active().get(RESTARTED)).containsExactlyInAnyOrder(pipeline(4), replicateGroup(1));
        assertThat(placement.uneven()).isTrue();
    }

    @Test
    void anOrphanedTaskGoesToTheInstanceLeastBehindOnIt() {
        ProcessId third = new ProcessId(new UUID(0, 3));
        Set<TaskId> orphan = Set.of(pipeline(0));
        Map<TaskId, Long> behind = new HashMap<>(Map.of(pipeline(0), 2_000L));
        Instance idleButBehind =
                new Instance(SURVIVOR, 1, Set.of(pipeline(1)), Set.of(), lags(Set.of(pipeline(1)), behind));
        Map<TaskId, Long> standbyLag = new HashMap<>(Map.of(pipeline(0), 3L));
        Set<TaskId> running = Set.of(pipeline(2), pipeline(3), pipeline(4));
        Instance busyStandby = new Instance(third, 1, running, orphan, lags(running, standbyLag));
        Map<TaskId, Boolean> tasks = new TreeMap<>();
        IntStream.range(0, 5).forEach(partition -> tasks.put(pipeline(partition), true));

        TaskPlacement placement = TaskPlacement.decide(List.of(idleButBehind, busyStandby), tasks, 0, ACCEPTABLE_LAG);

        assertThat(placement.active().get(third)).contains(pipeline(0));
    }

    @Test
    void aFreshGroupSplitsTheTasksByThreads() {
        ProcessId twoThreads = new ProcessId(new UUID(0, 3));
        Map<TaskId, Long> nothing = caughtUp(TASKS.keySet(), 2_000);
        List<Instance> fresh = List.of(
                new Instance(SURVIVOR, 1, Set.of(), Set.of(), nothing),
                new Instance(twoThreads, 2, Set.of(), Set.of(), nothing));

        TaskPlacement placement = TaskPlacement.decide(fresh, TASKS, 1, ACCEPTABLE_LAG);

        assertThat(placement.active().get(SURVIVOR)).hasSize(4);
        assertThat(placement.active().get(twoThreads)).hasSize(8);
        assertThat(placement.uneven()).isFalse();
    }

    @Test
    void aTaskWithoutStateMovesToEvenTheLoadOnlyToAnInstanceThatWasAlreadyInTheGroup() {
        Map<TaskId, Boolean> stateless = new TreeMap<>();
        IntStream.range(0, 4).forEach(partition -> stateless.put(new TaskId(0, partition), false));
        Instance busy = new Instance(SURVIVOR, 1, stateless.keySet(), Set.of(), Map.of());

        TaskPlacement toNewcomer = TaskPlacement.decide(
                List.of(busy, new Instance(RESTARTED, 1, Set.of(), Set.of(), Map.of())), stateless, 1, ACCEPTABLE_LAG);
        TaskPlacement toMember = TaskPlacement.decide(
                List.of(busy, new Instance(RESTARTED, 1, Set.of(), Set.of(replicateGroup(0)), Map.of())),
                stateless,
                1,
                ACCEPTABLE_LAG);

        assertThat(toNewcomer.active().get(RESTARTED)).isEmpty();
        assertThat(toNewcomer.uneven()).isTrue();
        assertThat(toNewcomer.standby().get(RESTARTED))
                .as("no standby of a task without state")
                .isEmpty();
        assertThat(toMember.active().get(RESTARTED)).hasSize(2);
        assertThat(toMember.uneven()).isFalse();
    }

    @Test
    void aTaskTwoInstancesClaimStaysWithTheOneLeastBehindAndNoTaskIsPlacedTwice() {
        Map<TaskId, Long> survivorLags = lags(TASKS.keySet(), Map.of());
        Map<TaskId, Long> zombieLags = new HashMap<>(caughtUp(TASKS.keySet(), 50));
        Instance survivor = new Instance(SURVIVOR, 1, TASKS.keySet(), Set.of(), survivorLags);
        Instance zombie = new Instance(RESTARTED, 1, Set.of(pipeline(0)), Set.of(), zombieLags);

        TaskPlacement placement = TaskPlacement.decide(List.of(survivor, zombie), TASKS, 1, ACCEPTABLE_LAG);

        Set<TaskId> placed = new TreeSet<>(placement.active().get(SURVIVOR));
        placement
                .active()
                .get(RESTARTED)
                .forEach(task -> assertThat(placed.add(task)).isTrue());
        assertThat(placed).containsExactlyInAnyOrderElementsOf(TASKS.keySet());
        assertThat(placement.active().get(SURVIVOR)).contains(pipeline(0));
        for (ProcessId id : List.of(SURVIVOR, RESTARTED)) {
            Set<TaskId> both = new TreeSet<>(placement.standby().get(id));
            both.retainAll(placement.active().get(id));
            assertThat(both).as("standby and active on one instance").isEmpty();
        }
    }
}
