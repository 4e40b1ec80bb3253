package io.cellwatch.streams.replay;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.cycle.CycleState;
import io.cellwatch.streams.cycle.CycleSummarizer;
import io.cellwatch.streams.detect.CycleDetector;
import io.cellwatch.streams.detect.ReadingSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live pipeline's core without Kafka: the same summarizer and detectors, fed sample by sample
 * from recorded data, holding each channel's state in memory. Used by {@code replay} and
 * {@code evaluate}, and by tests that check the detectors on whole scenarios.
 */
public final class OfflinePipeline {

    /** Receives results in the order they are produced. */
    public interface Listener {
        void onCycle(CycleSummary cycle);

        void onAlert(Alert alert);
    }

    private final CycleSummarizer summarizer = new CycleSummarizer();
    private final List<CycleDetector<?>> detectors;
    private final Listener listener;
    private final Map<String, ChannelSlot> channels = new LinkedHashMap<>();
    private long staleSamples;

    public OfflinePipeline(List<CycleDetector<?>> detectors, Listener listener) {
        this.detectors = List.copyOf(detectors);
        this.listener = listener;
    }

    /** Declares a channel's metadata; channels never declared get {@link ChannelInfo#defaultsFor}. */
    public void describe(ChannelInfo info) {
        ChannelSlot slot = channels.get(info.channelId());
        if (slot == null) {
            channels.put(info.channelId(), new ChannelSlot(info, detectors));
        } else {
            slot.info = info;
        }
    }

    public void accept(Sample sample) {
        ChannelSlot slot = channels.computeIfAbsent(sample.channelId(),
                id -> new ChannelSlot(ChannelInfo.defaultsFor(id), detectors));
        CycleSummarizer.Result result = summarizer.accept(slot.cycleState, sample, slot.info.ceConvention());
        if (result.outcome() == CycleSummarizer.Outcome.STALE) {
            staleSamples++;
            return;
        }
        result.closedCycle().ifPresent(cycle -> onCycle(slot, cycle));
    }

    /**
     * A cycle summary read as such (files that only exist at cycle level): goes straight to the
     * detectors, as a summary built from samples would.
     */
    public void acceptCycle(CycleSummary cycle) {
        ChannelSlot slot = channels.computeIfAbsent(cycle.channelId(),
                id -> new ChannelSlot(ChannelInfo.defaultsFor(id), detectors));
        onCycle(slot, cycle);
    }

    /** The data ended: summarizes every channel's open cycle (marked incomplete) and runs the detectors on it. */
    public void finish() {
        for (ChannelSlot slot : channels.values()) {
            summarizer.flush(slot.cycleState, slot.info.ceConvention()).ifPresent(cycle -> onCycle(slot, cycle));
            slot.cycleState = CycleState.newChannel(slot.info.channelId());
        }
    }

    /** Samples ignored because they were not newer than their channel's previous sample. */
    public long staleSamples() {
        return staleSamples;
    }

    private void onCycle(ChannelSlot slot, CycleSummary cycle) {
        listener.onCycle(cycle);
        for (DetectorSlot<?> detector : slot.detectors) {
            for (Alert alert : detector.onCycle(cycle, slot.info)) {
                listener.onAlert(alert);
            }
        }
    }

    private static final class ChannelSlot {
        ChannelInfo info;
        CycleState cycleState;
        final List<DetectorSlot<?>> detectors = new ArrayList<>();

        ChannelSlot(ChannelInfo info, List<CycleDetector<?>> detectors) {
            this.info = info;
            this.cycleState = CycleState.newChannel(info.channelId());
            for (CycleDetector<?> detector : detectors) {
                this.detectors.add(new DetectorSlot<>(detector));
            }
        }
    }

    private static final class DetectorSlot<S> {
        final CycleDetector<S> detector;
        S state;

        DetectorSlot(CycleDetector<S> detector) {
            this.detector = detector;
        }

        List<Alert> onCycle(CycleSummary cycle, ChannelInfo info) {
            if (!detector.appliesTo(info)) {
                return List.of();
            }
            if (state == null) {
                state = detector.newState(info);
            }
            return detector.onCycle(state, cycle, info, ReadingSink.NONE);
        }
    }
}
