package io.cellwatch.streams.topology;

import io.cellwatch.model.Alert;
import io.cellwatch.model.CycleSummary;
import java.util.List;

/**
 * What the channel pipeline processor forwards: a closed cycle or an alert event, one of the two.
 * It only travels inside a task (the processor to the branch that sends it to its topic), so it
 * needs no serde.
 */
record ChannelEvent(CycleSummary cycle, Alert alert) {

    static ChannelEvent of(CycleSummary cycle) {
        return new ChannelEvent(cycle, null);
    }

    static ChannelEvent of(Alert alert) {
        return new ChannelEvent(null, alert);
    }

    /** The cycle, if this is one: the cycles branch takes it, the alerts branch passes it by. */
    List<CycleSummary> cycles() {
        return cycle == null ? List.of() : List.of(cycle);
    }

    List<Alert> alerts() {
        return alert == null ? List.of() : List.of(alert);
    }
}
