package io.cellwatch.streams.pipeline;

import io.cellwatch.model.Alert;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.replicate.GroupCycle;

/**
 * Hears what a {@link ChannelPipeline} makes of a sample or a cycle, in the order it happens: a
 * break in the channel's sequence it showed (a new test), the sample folded in (or found stale),
 * the cycle it closed, then the alerts of the cycle detectors,
 * then those of the sample detectors.
 */
public interface ChannelOutput {

    void onCycle(CycleSummary cycle);

    void onAlert(Alert alert);

    /**
     * A complete cycle of a channel in a replicate group, for the group's comparison (heard right
     * after the cycle itself). Only channels whose metadata names a group.
     */
    default void onGroupCycle(GroupCycle cycle) {}

    /** The sample was folded into its channel's open cycle (it comes before anything it caused). */
    default void onSample(Sample sample) {}

    /** The sample was not newer than the channel's last one (a redelivered row) and changed nothing. */
    default void onStaleSample(Sample sample) {}

    /**
     * The sample broke the channel's sequence: a new test began (heard before anything the sample
     * caused, after the old test's open cycle was summarized as incomplete), or the cycler restarted
     * a counter inside the test.
     */
    default void onSequenceEvent(SequenceEvent event) {}

    /** A cycle made elsewhere was not judged: the channel sends samples, whose own cycles are judged. */
    default void onIgnoredCycle(CycleSummary cycle) {}
}
