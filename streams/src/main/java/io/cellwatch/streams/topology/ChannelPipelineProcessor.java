package io.cellwatch.streams.topology;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.ChannelInfoHeader;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.model.TestEndedHeader;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.detect.quality.StallState;
import io.cellwatch.streams.detect.replicate.GroupCycle;
import io.cellwatch.streams.metrics.PipelineTelemetry;
import io.cellwatch.streams.pipeline.ChannelOutput;
import io.cellwatch.streams.pipeline.ChannelPipeline;
import io.cellwatch.streams.pipeline.PipelineState;
import io.cellwatch.streams.pipeline.SequenceEvent;
import io.cellwatch.streams.state.LivePipelineStates;
import java.time.Duration;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka shell around {@link ChannelPipeline}: takes the channel's state from its store, runs
 * the input (a sample, a cycle made elsewhere, a row ingest could not read) through the pipeline
 * with the channel's current metadata, marks the state changed and forwards the cycles and alerts,
 * telling the telemetry as they go. The store keeps states decoded between samples and writes them
 * at each commit ({@link LivePipelineStates}). A sample the pipeline fails on leaves the channel's
 * state as far as the pipeline got, as {@code replay} would. A new test on the channel, or a counter
 * the cycler restarted, is logged (INFO) and counted. Beside it, the wall-clock stall watch
 * ({@link StallPunctuation}).
 */
final class ChannelPipelineProcessor implements Processor<String, ChannelInput, String, ChannelEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelPipelineProcessor.class);
    static final Duration SILENCE_CHECK_EVERY = Duration.ofMinutes(10);

    /** Longest end-of-test reason kept, in characters: it travels in every resolution's message. */
    static final int MAX_REASON_CHARS = 200;

    private final DetectorSet detectors;
    private final ChannelTable channelTable;
    private final PipelineTelemetry telemetry;
    /** A channel silent this long has its test ended; zero: never ({@link TopologySettings#endTestsSilentFor}). */
    private final Duration endTestsSilentFor;

    /** When data arrived on the channels of this instance, shared by its tasks (wall clock). */
    private final InstanceArrivals arrivals;

    private long nextSilenceCheckMs;
    /** When this task began listening (wall clock): silence before it is cellwatch's, not the channel's. */
    private long listeningSinceMs;

    private ProcessorContext<String, ChannelEvent> context;
    private LivePipelineStates states;
    private ChannelDirectory channels;
    private InBandChannels inBand;
    private StallPunctuation stalls;

    ChannelPipelineProcessor(
            DetectorSet detectors,
            ChannelTable channelTable,
            PipelineTelemetry telemetry,
            Duration endTestsSilentFor,
            InstanceArrivals arrivals) {
        this.detectors = detectors;
        this.channelTable = channelTable;
        this.telemetry = telemetry;
        this.endTestsSilentFor = endTestsSilentFor;
        this.arrivals = arrivals;
    }

    @Override
    public void init(ProcessorContext<String, ChannelEvent> context) {
        this.context = context;
        this.listeningSinceMs = context.currentSystemTimeMs();
        this.states = context.getStateStore(CellwatchTopology.PIPELINE_STATE_STORE);
        this.channels = channelTable.directory(context);
        this.inBand = new InBandChannels(channels::stamped);
        detectors.dataQuality().ifPresent(watch -> {
            KeyValueStore<String, StallState> stallStore = context.getStateStore(StallPunctuation.STORE);
            stalls = new StallPunctuation(watch.stallWatch(), stallStore);
            context.schedule(StallPunctuation.EVERY, PunctuationType.WALL_CLOCK_TIME, this::punctuate);
        });
    }

    @Override
    public void process(Record<String, ChannelInput> record) {
        ChannelInput input = record.value();
        if (input == null) {
            Header ended = record.headers().lastHeader(TestEndedHeader.NAME);
            if (ended != null && record.key() != null) {
                String reason = TestEndedHeader.decode(ended.value());
                endTest(
                        record.key(),
                        "ended by the operator: " + reason.substring(0, Math.min(reason.length(), MAX_REASON_CHARS)),
                        record);
            }
            return;
        }
        String channelId = input.channelId();
        inBand.read(channelId, record.headers(), record.timestamp());
        ChannelPipeline pipeline = pipeline(channelId);
        Forward out = new Forward(withoutChannelInfo(record.withKey(channelId)), pipeline.info());
        boolean changed = true;
        try {
            if (input.sample() != null) {
                changed = pipeline.accept(input.sample(), out);
                noteArrival(context.currentSystemTimeMs());
                if (stalls != null) {
                    String profile = detectors.profileName(pipeline.info());
                    stalls.onSample(
                                    input.sample(),
                                    pipeline.info(),
                                    context.currentSystemTimeMs(),
                                    pipeline.state().sequence().alertIdSuffix())
                            .forEach(resolved -> out.onAlert(resolved.withProfile(profile)));
                }
            } else if (input.externalCycle() != null) {
                if (pipeline.acceptCycle(input.externalCycle(), out) && stalls != null) {
                    // A channel known by its cycle summaries alone is silent when they stop coming.
                    long nowMs = context.currentSystemTimeMs();
                    noteArrival(nowMs);
                    stalls.onCycleArrived(channelId, nowMs);
                }
            } else {
                pipeline.acceptUnreadable(input.unreadable(), out);
            }
        } finally {
            // A stale sample changed nothing; a cycle or an unreadable row may have. An input the pipeline
            // failed on is marked too: the error handler goes on past it, its offset is committed, and the
            // state as far as the pipeline got must be committed with it, or a restart would restore the
            // state from before it while the live run went on from after it.
            if (changed) {
                states.changed(channelId, pipeline.state());
            }
        }
    }

    /**
     * The operator ended the channel's test ({@link TestEndedHeader}): its open cycle, firing episodes
     * and stall end as the pipeline ends a test, a cell in a replicate group leaves it, and then the
     * channel's state (all but its count of tests), its series and (downstream) its cycle and alert
     * history are forgotten. What the channel produced stays on the cycles and alerts topics.
     */
    private void endTest(String channelId, String reason, Record<String, ChannelInput> record) {
        // A channel never seen here (a mistyped id) gets no state: only what a stall or a history kept goes. One
        // whose stored state cannot be read is known: its state is written over.
        boolean known = states.holds(channelId);
        ChannelPipeline pipeline = pipeline(channelId);
        Forward out = new Forward(withoutChannelInfo(record), pipeline.info());
        PipelineState kept = pipeline.endTest(reason, out);
        if (stalls != null) {
            String profile = detectors.profileName(pipeline.info());
            stalls.onTestEnded(channelId, reason).forEach(alert -> out.onAlert(alert.withProfile(profile)));
        }
        if (known) {
            // Written over the state, not deleted: a delete decodes the old value, which fails for a state this
            // version cannot read, the very case an operator ends a test for after an upgrade.
            states.changed(channelId, kept);
        }
        telemetry.onChannelForgotten(channelId);
        context.forward(record.withKey(channelId).withValue(ChannelEvent.testEnded(channelId)));
        LOG.info(
                "Test ended on {} ({}): its firing alerts are resolved, its state and history forgotten",
                channelId,
                reason);
    }

    /** {@link #endTestsSilentFor} as a person reads it: days, else hours, else minutes. */
    private String silence() {
        if (endTestsSilentFor.toDays() >= 1) {
            return endTestsSilentFor.toDays() + " d";
        }
        return endTestsSilentFor.toHours() >= 1
                ? endTestsSilentFor.toHours() + " h"
                : endTestsSilentFor.toMinutes() + " min";
    }

    /** The record without its in-band metadata: what the pipeline sends on is about the channel, not its producer. */
    private static Record<String, ChannelInput> withoutChannelInfo(Record<String, ChannelInput> record) {
        if (record.headers().lastHeader(ChannelInfoHeader.NAME) == null) {
            return record;
        }
        RecordHeaders kept = new RecordHeaders();
        record.headers().forEach(h -> {
            if (!h.key().equals(ChannelInfoHeader.NAME)) {
                kept.add(h);
            }
        });
        return record.withHeaders(kept);
    }

    private ChannelPipeline pipeline(String channelId) {
        ChannelInfo info = inBand.lookup(channelId);
        PipelineState kept = states.live(channelId);
        return kept == null
                ? ChannelPipeline.start(detectors, info, telemetry)
                : ChannelPipeline.resume(detectors, info, kept, telemetry);
    }

    /** Data arrived now: noted for the silence check alone, so not at all (per sample) where it is off. */
    private void noteArrival(long nowMs) {
        if (!endTestsSilentFor.isZero()) {
            arrivals.arrived(nowMs);
        }
    }

    private void punctuate(long nowMs) {
        stalls.punctuate(nowMs, inBand::lookup, (channelId, alert) -> {
            Alert named = alert.withProfile(detectors.profileName(inBand.lookup(channelId)));
            telemetry.onAlert(named);
            context.forward(new Record<>(channelId, ChannelEvent.of(named), nowMs));
        });
        // Silence is counted in days: looked for every ten minutes, not at every punctuation.
        if (!endTestsSilentFor.isZero() && nowMs >= nextSilenceCheckMs) {
            nextSilenceCheckMs = nowMs + SILENCE_CHECK_EVERY.toMillis();
            for (String channelId : stalls.silentFor(nowMs, arrivals, endTestsSilentFor, listeningSinceMs)) {
                try {
                    endTest(
                            channelId,
                            "ended after " + silence() + " without data (--end-tests-silent-for)",
                            new Record<>(channelId, null, nowMs));
                } catch (RuntimeException e) {
                    // One channel that fails must not keep the others from ending: it is tried again next time.
                    LOG.error("could not end the silent test of {}", channelId, e);
                }
            }
        }
    }

    /** Sends what the pipeline produced for one input record downstream, with that record's timestamp. */
    private final class Forward implements ChannelOutput {
        private final Record<String, ChannelInput> input;
        private final ChannelInfo info;

        Forward(Record<String, ChannelInput> input, ChannelInfo info) {
            this.input = input;
            this.info = info;
        }

        @Override
        public void onSample(Sample sample) {
            telemetry.onSample(sample, info);
        }

        @Override
        public void onStaleSample(Sample sample) {
            telemetry.onStaleSample(sample.channelId());
        }

        @Override
        public void onSequenceEvent(SequenceEvent event) {
            telemetry.onSequenceEvent(event);
            if (event.kind() == SequenceEvent.Kind.NEW_TEST) {
                LOG.info("New test: {}", event.describe());
            } else {
                LOG.info("Cycler counter restarted: {}", event.describe());
            }
        }

        @Override
        public void onIgnoredCycle(CycleSummary cycle) {
            telemetry.onIgnoredExternalCycle(cycle.channelId());
        }

        @Override
        public void onCycle(CycleSummary cycle) {
            telemetry.onCycle(cycle);
            context.forward(input.withValue(ChannelEvent.of(cycle)));
        }

        @Override
        public void onAlert(Alert alert) {
            telemetry.onAlert(alert);
            context.forward(input.withValue(ChannelEvent.of(alert)));
        }

        @Override
        public void onGroupCycle(GroupCycle cycle) {
            context.forward(input.withValue(ChannelEvent.of(cycle)));
        }
    }
}
