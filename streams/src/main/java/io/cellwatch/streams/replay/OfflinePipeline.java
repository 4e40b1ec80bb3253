package io.cellwatch.streams.replay;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.CycleDetector;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.detect.ReadingSink;
import io.cellwatch.streams.detect.quality.UnreadableRow;
import io.cellwatch.streams.detect.replicate.GroupCycle;
import io.cellwatch.streams.pipeline.ChannelOutput;
import io.cellwatch.streams.pipeline.ChannelPipeline;
import io.cellwatch.streams.pipeline.SequenceEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live pipeline without Kafka: one {@link ChannelPipeline} per channel, its state in memory,
 * fed sample by sample from recorded data. Used by {@code replay} and {@code evaluate}, and by tests
 * that check the detectors on whole scenarios. What a channel's samples produce here is what the
 * live topology produces from them (the same runner; {@code ReplayEqualsTopologyIT} holds them
 * to it).
 */
public final class OfflinePipeline {

    /** Receives results in the order they are produced. */
    public interface Listener extends ChannelOutput {
        /**
         * An alert of a replicate group's stage, raised as the group took in {@code judgedOn} (live, that
         * cycle's arrival is the alert's moment). By default an alert like any other.
         */
        default void onGroupAlert(GroupCycle judgedOn, Alert alert) {
            onAlert(alert);
        }
    }

    private final DetectorSet detectors;
    private final ReadingSink readings;
    private final Map<String, ChannelPipeline> channels = new LinkedHashMap<>();
    private final Listener listener;
    private final Listener output;
    private final GroupCyclesInOrder groups;
    private long staleSamples;

    /** Cycle detectors only. */
    public OfflinePipeline(List<CycleDetector<?>> cycleDetectors, Listener listener) {
        this(DetectorSet.ofCycleDetectors(cycleDetectors), listener, ReadingSink.NONE);
    }

    public OfflinePipeline(DetectorSet detectors, Listener listener) {
        this(detectors, listener, ReadingSink.NONE);
    }

    /** With the detectors' health readings reported to {@code readings} (as the live topology's gauges get them). */
    public OfflinePipeline(DetectorSet detectors, Listener listener, ReadingSink readings) {
        this.detectors = detectors;
        this.readings = readings;
        this.listener = listener;
        this.groups = new GroupCyclesInOrder(detectors.replicateGroups());
        this.output = new Listener() {
            @Override
            public void onCycle(CycleSummary cycle) {
                listener.onCycle(cycle);
            }

            @Override
            public void onAlert(Alert alert) {
                listener.onAlert(alert);
            }

            @Override
            public void onSample(Sample sample) {
                listener.onSample(sample);
            }

            @Override
            public void onStaleSample(Sample sample) {
                listener.onStaleSample(sample);
            }

            @Override
            public void onSequenceEvent(SequenceEvent event) {
                listener.onSequenceEvent(event);
            }

            @Override
            public void onIgnoredCycle(CycleSummary cycle) {
                listener.onIgnoredCycle(cycle);
            }

            @Override
            public void onGroupCycle(GroupCycle cycle) {
                groups.add(cycle);
                listener.onGroupCycle(cycle);
            }
        };
    }

    /** Declares a channel's metadata; channels never declared get {@link ChannelInfo#defaultsFor}. */
    public void describe(ChannelInfo info) {
        ChannelPipeline known = channels.get(info.channelId());
        if (known == null) {
            channels.put(info.channelId(), ChannelPipeline.start(detectors, info, readings));
        } else {
            known.describe(info);
        }
    }

    public void accept(Sample sample) {
        if (!channel(sample.channelId()).accept(sample, output)) {
            staleSamples++;
        }
    }

    /**
     * A cycle summary read as such (files that only exist at cycle level): goes straight to the
     * cycle detectors, as a summary built from samples would. Sample detectors need samples and
     * have nothing to say about it.
     */
    public void acceptCycle(CycleSummary cycle) {
        channel(cycle.channelId()).acceptCycle(cycle, output);
    }

    /** A row of a channel's export that could not be read: the data-quality watch counts it. */
    public void acceptUnreadable(UnreadableRow row) {
        channel(row.channelId()).acceptUnreadable(row, output);
    }

    /**
     * The data ended: summarizes every channel's open cycle (marked incomplete) and runs the
     * detectors on it, then judges the replicate groups ({@link #judgeGroups}).
     */
    public void finish() {
        for (ChannelPipeline channel : channels.values()) {
            channel.finish(output);
        }
        judgeGroups();
    }

    /**
     * Compares the cycles of each replicate group's cells kept so far with each other, in the order
     * they ended (as they reach the live topology's group stage), and hands the alerts to the
     * listener. Files are read one after another, so this waits for the end of the data.
     */
    public void judgeGroups() {
        groups.judge(listener::onGroupAlert);
    }

    /**
     * What the channel's running test adds to its episodes' ids ({@code /test-…}, empty for its first test):
     * for a watch played beside the pipeline (the stall warning) to name its episodes as live does.
     */
    public String alertIdSuffix(String channelId) {
        ChannelPipeline channel = channels.get(channelId);
        return channel == null ? "" : channel.state().sequence().alertIdSuffix();
    }

    /** Samples ignored because they were not newer than their channel's previous sample. */
    public long staleSamples() {
        return staleSamples;
    }

    private ChannelPipeline channel(String channelId) {
        return channels.computeIfAbsent(
                channelId, id -> ChannelPipeline.start(detectors, ChannelInfo.defaultsFor(id), readings));
    }
}
