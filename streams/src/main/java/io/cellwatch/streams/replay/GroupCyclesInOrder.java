package io.cellwatch.streams.replay;

import io.cellwatch.model.Alert;
import io.cellwatch.streams.detect.replicate.GroupCycle;
import io.cellwatch.streams.detect.replicate.ReplicateGroupDetector;
import io.cellwatch.streams.detect.replicate.ReplicateGroupState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The replicate-group stage offline. {@code replay} reads files one after another, so a group's
 * cells arrive one whole test at a time, while live their cycles arrive as they end, side by side.
 * The group's cycles are therefore kept until {@link #judge} and then handed to the
 * {@link ReplicateGroupDetector} in the order they ended (wall clock when every cycle of the group
 * has one, test time otherwise; channel and cycle break ties): the order the live topology sees
 * them in. A few numbers per cycle of grouped channels.
 */
final class GroupCyclesInOrder {
    private final ReplicateGroupDetector detector;
    private final Map<String, List<GroupCycle>> waiting = new LinkedHashMap<>();
    private final Map<String, ReplicateGroupState> states = new HashMap<>();

    GroupCyclesInOrder(ReplicateGroupDetector detector) {
        this.detector = detector;
    }

    void add(GroupCycle cycle) {
        waiting.computeIfAbsent(cycle.group(), g -> new ArrayList<>()).add(cycle);
    }

    /**
     * Judges every group's cycles kept so far, in the order they ended, and forgets them; each alert goes
     * out with the cycle whose arrival raised it.
     */
    void judge(BiConsumer<GroupCycle, Alert> out) {
        for (Map.Entry<String, List<GroupCycle>> group : waiting.entrySet()) {
            List<GroupCycle> cycles = group.getValue();
            boolean wall = cycles.stream().allMatch(c -> c.endWallTimeMs() != null);
            Comparator<GroupCycle> ended = wall
                    ? Comparator.comparingLong(GroupCycle::endWallTimeMs)
                    : Comparator.comparingDouble(GroupCycle::endTestTimeS);
            cycles.sort(ended.thenComparing(GroupCycle::channelId).thenComparingInt(GroupCycle::cycleIndex));
            for (GroupCycle cycle : cycles) {
                ReplicateGroupState state = states.computeIfAbsent(group.getKey(), g -> new ReplicateGroupState());
                detector.onCycle(state, cycle).forEach(alert -> out.accept(cycle, alert));
                if (state.memberIds().isEmpty()) {
                    states.remove(group.getKey()); // its last cell left, as the live topology forgets such a group
                }
            }
        }
        waiting.clear();
    }
}
