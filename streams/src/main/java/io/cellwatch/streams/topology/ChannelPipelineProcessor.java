package io.cellwatch.streams.topology;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.DetectorSet;
import io.cellwatch.streams.metrics.PipelineTelemetry;
import io.cellwatch.streams.pipeline.ChannelOutput;
import io.cellwatch.streams.pipeline.ChannelPipeline;
import io.cellwatch.streams.pipeline.PipelineState;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The Kafka shell around {@link ChannelPipeline}: loads the channel's state from its store, runs
 * the sample through the pipeline with the channel's current metadata, stores the state again and
 * forwards the cycles and alerts, telling the telemetry as they go.
 */
final class ChannelPipelineProcessor implements Processor<String, Sample, String, ChannelEvent> {
    private final DetectorSet detectors;
    private final ChannelTable channelTable;
    private final PipelineTelemetry telemetry;
    private ProcessorContext<String, ChannelEvent> context;
    private KeyValueStore<String, PipelineState> states;
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
        PipelineState stored = states.get(channelId);
        ChannelPipeline pipeline = stored == null
                ? ChannelPipeline.start(detectors, info, telemetry)
                : ChannelPipeline.resume(detectors, info, stored, telemetry);
        if (pipeline.accept(sample, new Forward(record.withKey(channelId)))) {
            states.put(channelId, pipeline.state());
        }
    }

    /** Sends what the pipeline produced for one input record downstream, with that record's timestamp. */
    private final class Forward implements ChannelOutput {
        private final Record<String, Sample> input;

        Forward(Record<String, Sample> input) {
            this.input = input;
        }

        @Override
        public void onSample(Sample sample) {
            telemetry.onSample(sample);
        }

        @Override
        public void onStaleSample(Sample sample) {
            telemetry.onStaleSample(sample.channelId());
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
    }
}
