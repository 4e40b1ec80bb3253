package io.cellwatch.streams.pipeline;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.cycle.CycleSummarizer;
import io.cellwatch.streams.detect.CycleDetector;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.detect.ReadingSink;
import io.cellwatch.streams.detect.SampleDetector;
import java.util.List;
import java.util.function.Function;

/**
 * One channel's pipeline: the cycle summarizer and every detector that applies to the channel,
 * over the channel's {@link PipelineState}. The live topology, {@code replay}, {@code evaluate} and
 * the tests all run a channel through this class, so they agree by construction.
 *
 * <p>A sample goes to the summarizer first; if it closed a cycle, every applicable cycle detector
 * judges that cycle; then every applicable sample detector judges the sample. A sample not newer
 * than the channel's last one goes nowhere. A cycle summary read as such (files that only exist at
 * cycle level) goes to the cycle detectors alone. Everything produced reaches the
 * {@link ChannelOutput} in that order, and detectors report their health readings to the
 * {@link ReadingSink}.
 *
 * <p>Pure Java and single-threaded: the Kafka Streams processor loads the state from its store,
 * makes a pipeline around it for one record, and stores the state again.
 */
public final class ChannelPipeline {
    private static final CycleSummarizer SUMMARIZER = new CycleSummarizer();

    private final DetectorSet detectors;
    private final PipelineState state;
    private final ReadingSink readings;
    private ChannelInfo info;

    private ChannelPipeline(DetectorSet detectors, ChannelInfo info, PipelineState state, ReadingSink readings) {
        this.detectors = detectors;
        this.info = info;
        this.state = state;
        this.readings = readings;
    }

    /** A channel seen for the first time. */
    public static ChannelPipeline start(DetectorSet detectors, ChannelInfo info, ReadingSink readings) {
        return new ChannelPipeline(detectors, info, PipelineState.newChannel(info.channelId()), readings);
    }

    /** A channel whose state was kept (in a state store) since its previous record. */
    public static ChannelPipeline resume(
            DetectorSet detectors, ChannelInfo info, PipelineState state, ReadingSink readings) {
        if (!state.channelId().equals(info.channelId())) {
            throw new IllegalArgumentException(
                    "state of channel " + state.channelId() + " given with metadata of " + info.channelId());
        }
        return new ChannelPipeline(detectors, info, state, readings);
    }

    /**
     * What is known about the cell now; from here on the CE convention and which detectors apply
     * follow it. Detectors keep the state they have.
     */
    public void describe(ChannelInfo newInfo) {
        if (!newInfo.channelId().equals(info.channelId())) {
            throw new IllegalArgumentException(
                    "metadata of channel " + newInfo.channelId() + " given to " + info.channelId());
        }
        this.info = newInfo;
    }

    public ChannelInfo info() {
        return info;
    }

    public PipelineState state() {
        return state;
    }

    /**
     * Folds one sample in and runs the detectors.
     *
     * @return false when the sample was stale and changed nothing
     */
    public boolean accept(Sample sample, ChannelOutput out) {
        CycleSummarizer.Result result = SUMMARIZER.accept(state.cycle(), sample, info.ceConvention());
        if (result.outcome() == CycleSummarizer.Outcome.STALE) {
            out.onStaleSample(sample);
            return false;
        }
        out.onSample(sample);
        result.closedCycle().ifPresent(cycle -> judge(cycle, out));
        for (SampleDetector<?> detector : detectors.sampleDetectors()) {
            emit(onSample(detector, sample), out);
        }
        return true;
    }

    /** A cycle summary read as such: judged by the cycle detectors as a summarized cycle would be. */
    public void acceptCycle(CycleSummary cycle, ChannelOutput out) {
        judge(cycle, out);
    }

    /**
     * The data ended (a recorded file, a replay): summarizes the open cycle, marked incomplete, and
     * judges it; the next sample starts a cycle of its own.
     */
    public void finish(ChannelOutput out) {
        SUMMARIZER.flush(state.cycle(), info.ceConvention()).ifPresent(cycle -> judge(cycle, out));
        state.restartCycle();
    }

    private void judge(CycleSummary cycle, ChannelOutput out) {
        out.onCycle(cycle);
        for (CycleDetector<?> detector : detectors.cycleDetectors()) {
            emit(onCycle(detector, cycle), out);
        }
    }

    private <S> List<Alert> onCycle(CycleDetector<S> detector, CycleSummary cycle) {
        if (!detector.appliesTo(info)) {
            return List.of();
        }
        S detectorState = detectorState(detector.name(), detector.stateType(), detector::newState);
        return detector.onCycle(detectorState, cycle, info, readings);
    }

    private <S> List<Alert> onSample(SampleDetector<S> detector, Sample sample) {
        if (!detector.appliesTo(info)) {
            return List.of();
        }
        S detectorState = detectorState(detector.name(), detector.stateType(), detector::newState);
        return detector.onSample(detectorState, sample, info, readings);
    }

    private <S> S detectorState(String name, Class<S> type, Function<ChannelInfo, S> fresh) {
        Object kept = state.detectorState(name);
        if (kept != null) {
            return type.cast(kept);
        }
        S created = fresh.apply(info);
        state.putDetectorState(name, created);
        return created;
    }

    private static void emit(List<Alert> alerts, ChannelOutput out) {
        for (Alert alert : alerts) {
            out.onAlert(alert);
        }
    }
}
