package io.cellwatch.streams.topology;

import io.cellwatch.model.Alert;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.streams.detect.replicate.GroupCycle;
import java.util.List;

/**
 * What the channel pipeline processor forwards: a closed cycle, an alert event, a grouped channel's
 * cycle for its replicate group, or the id of a channel whose test the operator ended (its history
 * is forgotten), one of the four.
 * It only travels inside a task (the processor to the branch that sends it to its topic), so it
 * needs no serde.
 */
record ChannelEvent(CycleSummary cycle, Alert alert, GroupCycle groupCycle, String endedChannel) {

    static ChannelEvent of(CycleSummary cycle) {
        return new ChannelEvent(cycle, null, null, null);
    }

    static ChannelEvent of(Alert alert) {
        return new ChannelEvent(null, alert, null, null);
    }

    static ChannelEvent of(GroupCycle groupCycle) {
        return new ChannelEvent(null, null, groupCycle, null);
    }

    /** The operator ended the channel's test: what is kept of it goes, after its last cycle and alerts. */
    static ChannelEvent testEnded(String channelId) {
        return new ChannelEvent(null, null, null, channelId);
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

    /** The channel whose test was ended, if this is such an event. */
    List<String> endedChannels() {
        return endedChannel == null ? List.of() : List.of(endedChannel);
    }
}
