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
import io.cellwatch.streams.detect.quality.DataQualityState;
import io.cellwatch.streams.detect.quality.DataQualityWatch;
import io.cellwatch.streams.detect.quality.UnreadableRow;
import io.cellwatch.streams.detect.replicate.GroupCycle;
import java.util.List;
import java.util.function.Function;

/**
 * One channel's pipeline: the cycle summarizer and every detector that applies to the channel,
 * over the channel's {@link PipelineState}. The live topology, {@code replay}, {@code evaluate} and
 * the tests all run a channel through this class, so they agree by construction.
 *
 * <p>A sample is first read against the channel's {@link TestSequence}: a redelivered one goes
 * nowhere; one that starts a new test on the channel (test clock and cycle index back at a test's
 * start, or another cell described) ends the old test (its open cycle is summarized as incomplete,
 * its firing alert episodes are resolved), clears the summarizer and every detector, and is heard
 * as a {@link SequenceEvent}; record numbers or a test clock the cycler
 * restarted inside a test are heard as one too, and the test goes on. Then the sample goes to the
 * summarizer; if it closed a cycle, every applicable cycle detector
 * judges that cycle; then every applicable sample detector judges the sample. The data-quality watch
 * hears a restart of the record numbers from the sequence (the one place that tells it from a
 * redelivery) and every row of the channel's export that could not be read. A cycle summary read as such (files that only exist at
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
     * follow it. A description that differs from one given before (another cell) starts a new test
     * at the channel's next sample, exactly as the live topology does when the channels table
     * changes; a first description, or a change of group only, keeps the detectors' state.
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
    public boolean accept(Sample raw, ChannelOutput out) {
        TestSequence sequence = state.sequence();
        TestSequence.Reading reading = sequence.read(raw, info);
        if (reading.verdict() == TestSequence.Verdict.STALE) {
            out.onStaleSample(raw);
            return false;
        }
        if (reading.verdict() == TestSequence.Verdict.NEW_TEST) {
            // The old test ends here: its open cycle, incomplete, and its firing episodes, resolved.
            SUMMARIZER.flush(state.cycle(), info.ceConvention()).ifPresent(cycle -> judge(cycle, out));
            // No profile named: no threshold ended these episodes, and the cell may be another now.
            sequence.endTest(info.channelId(), reading.reason()).forEach(out::onAlert);
            state.startNewTest();
        }
        sequence.advance(raw, info, reading);
        switch (reading.verdict()) {
            case NEW_TEST -> out.onSequenceEvent(event(raw, SequenceEvent.Kind.NEW_TEST, reading));
            case RECORD_NUMBERS_RESTARTED -> {
                out.onSequenceEvent(event(raw, SequenceEvent.Kind.RECORD_NUMBERS_RESTARTED, reading));
                detectors.dataQuality().ifPresent(watch -> emit(onRecordRestart(watch, raw, reading), out));
            }
            case TEST_CLOCK_RESET -> out.onSequenceEvent(event(raw, SequenceEvent.Kind.TEST_CLOCK_RESET, reading));
            default -> {
                // the test continues
            }
        }
        Sample sample = sequence.rebased(raw);
        CycleSummarizer.Result result = SUMMARIZER.accept(state.cycle(), sample, info.ceConvention());
        if (result.outcome() == CycleSummarizer.Outcome.STALE) {
            out.onStaleSample(raw); // cannot happen after the sequence let it through; kept as a guard
            return false;
        }
        out.onSample(sample);
        result.closedCycle().ifPresent(cycle -> judge(cycle, out));
        for (SampleDetector<?> detector : detectors.sampleDetectors()) {
            emit(onSample(detector, sample), out);
        }
        return true;
    }

    /**
     * A row of the channel's export that could not be read (it never became a sample): the
     * data-quality watch counts it and warns.
     */
    public void acceptUnreadable(UnreadableRow row, ChannelOutput out) {
        detectors.dataQuality().ifPresent(watch -> {
            DataQualityState kept = detectorState(watch.name(), watch.stateType(), watch::newState);
            emit(watch.onUnreadableRow(kept, row, info, readings), out);
        });
    }

    /**
     * A cycle summary made elsewhere (a per-cycle summary file): judged by the cycle detectors as a
     * summarized cycle would be, unless the channel sends samples. A channel's cycles are then the
     * ones its samples make, and a summary of the same cycles must not be counted a second time.
     *
     * @return false when ignored because the channel sends samples
     */
    public boolean acceptCycle(CycleSummary cycle, ChannelOutput out) {
        if (state.cycle().started()) {
            out.onIgnoredCycle(cycle);
            return false;
        }
        judge(cycle, out);
        return true;
    }

    /**
     * The data ended (a recorded file, a replay): summarizes the open cycle, marked incomplete, and
     * judges it; the next sample starts a cycle of its own.
     */
    public void finish(ChannelOutput out) {
        SUMMARIZER.flush(state.cycle(), info.ceConvention()).ifPresent(cycle -> judge(cycle, out));
        state.restartCycle();
    }

    /**
     * The operator ended the channel's test ({@code cellwatch end-test}: finished, aborted, the cell taken
     * off): the test ends where its data ended, as a new test would end it. Its open cycle is summarized
     * (incomplete) and judged, its firing episodes are resolved with {@code reason}, and a cell in a
     * replicate group leaves it.
     *
     * @return what the caller keeps of the channel instead of its state: its count of tests alone, so a
     *     sample that comes later starts the channel afresh as its next test, with alert ids of its own
     */
    public PipelineState endTest(String reason, ChannelOutput out) {
        TestSequence sequence = state.sequence();
        SUMMARIZER.flush(state.cycle(), info.ceConvention()).ifPresent(cycle -> judge(cycle, out));
        sequence.endTest(info.channelId(), reason).forEach(out::onAlert);
        // The group it joined; a state stored before that was kept names none, and the metadata's group stands in.
        String group = sequence.joinedGroup != null ? sequence.joinedGroup : info.group();
        if (group != null) {
            out.onGroupCycle(GroupCycle.departure(
                    group,
                    info,
                    Math.max(1, sequence.tests()),
                    sequence.lastCycleIndex,
                    sequence.lastTestTimeS,
                    sequence.lastWallTimeMs));
            sequence.joinedGroup = null;
        }
        return state.endedByOperator();
    }

    private SequenceEvent event(Sample raw, SequenceEvent.Kind kind, TestSequence.Reading reading) {
        return new SequenceEvent(
                info.channelId(), kind, reading.reason(), raw, state.sequence().tests());
    }

    private void judge(CycleSummary cycle, ChannelOutput out) {
        out.onCycle(cycle);
        TestSequence sequence = state.sequence();
        if (sequence.joinedGroup != null && !sequence.joinedGroup.equals(info.group())) {
            // The metadata no longer name the group the cell's cycles went to: it leaves that group, whose
            // episode on it would otherwise stay firing with nothing left to resolve it.
            out.onGroupCycle(GroupCycle.departure(
                    sequence.joinedGroup,
                    info,
                    Math.max(1, sequence.tests()),
                    cycle.cycleIndex(),
                    cycle.endTestTimeS(),
                    cycle.endWallTimeMs()));
            sequence.joinedGroup = null;
        }
        if (info.group() != null && cycle.complete()) {
            out.onGroupCycle(GroupCycle.of(cycle, info, Math.max(1, sequence.tests()), sequence.alertIdSuffix()));
            sequence.joinedGroup = info.group();
        }
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

    private List<Alert> onRecordRestart(DataQualityWatch watch, Sample raw, TestSequence.Reading reading) {
        DataQualityState kept = detectorState(watch.name(), watch.stateType(), watch::newState);
        return watch.onRecordRestart(kept, raw, reading.reason(), info, readings);
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

    /**
     * Hands the alerts on, each naming the profile whose thresholds decided it; the sequence keeps
     * track of the episodes still firing, to resolve them when the test ends.
     */
    private void emit(List<Alert> alerts, ChannelOutput out) {
        if (alerts.isEmpty()) {
            return;
        }
        String profile = detectors.profileName(info);
        String ofThisTest = state.sequence().alertIdSuffix();
        for (Alert alert : alerts) {
            Alert named = profile == null ? alert : alert.withProfile(profile);
            if (!ofThisTest.isEmpty()) {
                named = named.withAlertId(named.alertId() + ofThisTest);
            }
            state.sequence().heard(named);
            out.onAlert(named);
        }
    }
}
