package io.cellwatch.streams.topology;

import io.cellwatch.model.Alert;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.streams.detect.replicate.GroupCycle;
import java.util.List;

/**
 * What the channel pipeline processor forwards: a closed cycle, an alert event, or a grouped
 * channel's cycle for its replicate group, one of the three.
 * It only travels inside a task (the processor to the branch that sends it to its topic), so it
 * needs no serde.
 */
record ChannelEvent(CycleSummary cycle, Alert alert, GroupCycle groupCycle) {

    static ChannelEvent of(CycleSummary cycle) {
        return new ChannelEvent(cycle, null, null);
    }

    static ChannelEvent of(Alert alert) {
        return new ChannelEvent(null, alert, null);
    }

    static ChannelEvent of(GroupCycle groupCycle) {
        return new ChannelEvent(null, null, groupCycle);
    }

    /** The cycle, if this is one: the cycles branch takes it, the alerts branch passes it by. */
    List<CycleSummary> cycles() {
        return cycle == null ? List.of() : List.of(cycle);
    }

    List<Alert> alerts() {
        return alert == null ? List.of() : List.of(alert);
    }

    /** A grouped channel's cycle, for its replicate group. */
    List<GroupCycle> groupCycles() {
        return groupCycle == null ? List.of() : List.of(groupCycle);
    }
}
