package io.cellwatch.streams.replay;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.cycle.CycleState;
import io.cellwatch.streams.cycle.CycleSummarizer;
import io.cellwatch.streams.detect.CycleDetector;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.detect.ReadingSink;
import io.cellwatch.streams.detect.SampleDetector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live pipeline's core without Kafka: the same summarizer and detectors, fed sample by sample
 * from recorded data, holding each channel's state in memory. Used by {@code replay} and
 * {@code evaluate}, and by tests that check the detectors on whole scenarios.
 *
 * <p>Per sample, in the order the live topology produces them: the summarizer first (a sample that
 * opens a cycle closes the previous one, whose cycle detectors then run), then the sample
 * detectors. Samples the summarizer finds stale (not newer than the channel's last one) go nowhere.
 */
public final class OfflinePipeline {

    /** Receives results in the order they are produced. */
    public interface Listener {
        void onCycle(CycleSummary cycle);

        void onAlert(Alert alert);
    }

    private final CycleSummarizer summarizer = new CycleSummarizer();
    private final DetectorSet detectors;
    private final Listener listener;
    private final ReadingSink readings;
    private final Map<String, ChannelSlot> channels = new LinkedHashMap<>();
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
        this.listener = listener;
        this.readings = readings;
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
        ChannelSlot slot = slot(sample.channelId());
        CycleSummarizer.Result result = summarizer.accept(slot.cycleState, sample, slot.info.ceConvention());
        if (result.outcome() == CycleSummarizer.Outcome.STALE) {
            staleSamples++;
            return;
        }
        result.closedCycle().ifPresent(cycle -> onCycle(slot, cycle));
        for (SampleDetectorSlot<?> detector : slot.sampleDetectors) {
            for (Alert alert : detector.onSample(sample, slot.info, readings)) {
                listener.onAlert(alert);
            }
        }
    }

    /**
     * A cycle summary read as such (files that only exist at cycle level): goes straight to the
     * cycle detectors, as a summary built from samples would. Sample detectors need samples and
     * have nothing to say about it.
     */
    public void acceptCycle(CycleSummary cycle) {
        onCycle(slot(cycle.channelId()), cycle);
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

    private ChannelSlot slot(String channelId) {
        return channels.computeIfAbsent(channelId, id -> new ChannelSlot(ChannelInfo.defaultsFor(id), detectors));
    }

    private void onCycle(ChannelSlot slot, CycleSummary cycle) {
        listener.onCycle(cycle);
        for (CycleDetectorSlot<?> detector : slot.cycleDetectors) {
            for (Alert alert : detector.onCycle(cycle, slot.info, readings)) {
                listener.onAlert(alert);
            }
        }
    }

    private static final class ChannelSlot {
        ChannelInfo info;
        CycleState cycleState;
        final List<CycleDetectorSlot<?>> cycleDetectors = new ArrayList<>();
        final List<SampleDetectorSlot<?>> sampleDetectors = new ArrayList<>();

        ChannelSlot(ChannelInfo info, DetectorSet detectors) {
            this.info = info;
            this.cycleState = CycleState.newChannel(info.channelId());
            for (CycleDetector<?> detector : detectors.cycleDetectors()) {
                cycleDetectors.add(new CycleDetectorSlot<>(detector));
            }
            for (SampleDetector<?> detector : detectors.sampleDetectors()) {
                sampleDetectors.add(new SampleDetectorSlot<>(detector));
            }
        }
    }

    private static final class CycleDetectorSlot<S> {
        final CycleDetector<S> detector;
        S state;

        CycleDetectorSlot(CycleDetector<S> detector) {
            this.detector = detector;
        }

        List<Alert> onCycle(CycleSummary cycle, ChannelInfo info, ReadingSink readings) {
            if (!detector.appliesTo(info)) {
                return List.of();
            }
            if (state == null) {
                state = detector.newState(info);
            }
            return detector.onCycle(state, cycle, info, readings);
        }
    }

    private static final class SampleDetectorSlot<S> {
        final SampleDetector<S> detector;
        S state;

        SampleDetectorSlot(SampleDetector<S> detector) {
            this.detector = detector;
        }

        List<Alert> onSample(Sample sample, ChannelInfo info, ReadingSink readings) {
            if (!detector.appliesTo(info)) {
                return List.of();
            }
            if (state == null) {
                state = detector.newState(info);
            }
            return detector.onSample(state, sample, info, readings);
        }
    }
}
