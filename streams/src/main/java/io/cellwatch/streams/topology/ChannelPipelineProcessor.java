package io.cellwatch.streams.topology;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.detect.replicate.GroupCycle;
import io.cellwatch.streams.metrics.PipelineTelemetry;
import io.cellwatch.streams.pipeline.ChannelOutput;
import io.cellwatch.streams.pipeline.ChannelPipeline;
import io.cellwatch.streams.pipeline.PipelineState;
import io.cellwatch.streams.pipeline.SequenceEvent;
import io.cellwatch.streams.state.LivePipelineStates;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka shell around {@link ChannelPipeline}: takes the channel's state from its store, runs
 * the sample through the pipeline with the channel's current metadata, marks the state changed and
 * forwards the cycles and alerts, telling the telemetry as they go. The store keeps states decoded
 * between samples and writes them at each commit ({@link LivePipelineStates}). A sample the
 * pipeline fails on leaves the channel's state as far as the pipeline got, as {@code replay} would.
 * A new test on the channel, or a counter the cycler restarted, is logged (INFO) and counted.
 */
final class ChannelPipelineProcessor implements Processor<String, Sample, String, ChannelEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelPipelineProcessor.class);

    private final DetectorSet detectors;
    private final ChannelTable channelTable;
    private final PipelineTelemetry telemetry;
    private ProcessorContext<String, ChannelEvent> context;
    private LivePipelineStates states;
    private ChannelDirectory channels;

    ChannelPipelineProcessor(DetectorSet detectors, ChannelTable channelTable, PipelineTelemetry telemetry) {
        this.detectors = detectors;
        this.channelTable = channelTable;
        this.telemetry = telemetry;
    }

    @Override
    public void init(ProcessorContext<String, ChannelEvent> context) {
        this.context = context;
        this.states = context.getStateStore(CellwatchTopology.PIPELINE_STATE_STORE);
        this.channels = channelTable.directory(context);
    }

    @Override
    public void process(Record<String, Sample> record) {
        Sample sample = record.value();
        if (sample == null) {
            return;
        }
        // The sample names its channel; the key only decides the partition.
        String channelId = sample.channelId();
        ChannelInfo info = channels.lookup(channelId);
        PipelineState kept = states.live(channelId);
        ChannelPipeline pipeline = kept == null
                ? ChannelPipeline.start(detectors, info, telemetry)
                : ChannelPipeline.resume(detectors, info, kept, telemetry);
        if (pipeline.accept(sample, new Forward(record.withKey(channelId), info))) {
            states.changed(channelId, pipeline.state());
        }
    }

    /** Sends what the pipeline produced for one input record downstream, with that record's timestamp. */
    private final class Forward implements ChannelOutput {
        private final Record<String, Sample> input;
        private final ChannelInfo info;

        Forward(Record<String, Sample> input, ChannelInfo info) {
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
