package io.cellwatch.streams.topology;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.cycle.CycleState;
import io.cellwatch.streams.cycle.CycleSummarizer;
import io.cellwatch.streams.metrics.PipelineTelemetry;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Thin Kafka shell around {@link CycleSummarizer}: loads the channel's state, folds, stores, forwards. */
final class CycleSummarizerProcessor implements Processor<String, Sample, String, CycleSummary> {
    private final CycleSummarizer summarizer = new CycleSummarizer();
    private final PipelineTelemetry telemetry;
    private ProcessorContext<String, CycleSummary> context;
    private KeyValueStore<String, CycleState> states;
    private ChannelDirectory channels;

    CycleSummarizerProcessor(PipelineTelemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public void init(ProcessorContext<String, CycleSummary> context) {
        this.context = context;
        this.states = context.getStateStore(CellwatchTopology.CYCLE_STATE_STORE);
        this.channels = new ChannelDirectory(context);
    }

    @Override
    public void process(Record<String, Sample> record) {
        Sample sample = record.value();
        if (sample == null) {
            return;
        }
        // The sample names its channel; the key only decides the partition.
        String channelId = sample.channelId();
        CycleState state = states.get(channelId);
        if (state == null) {
            state = CycleState.newChannel(channelId);
        }
        ChannelInfo channel = channels.lookup(channelId);
        CycleSummarizer.Result result = summarizer.accept(state, sample, channel.ceConvention());
        if (result.outcome() == CycleSummarizer.Outcome.STALE) {
            telemetry.onStaleSample(channelId);
            return;
        }
        states.put(channelId, state);
        telemetry.onSample(sample);
        result.closedCycle().ifPresent(cycle -> {
            telemetry.onCycle(cycle);
            context.forward(record.withKey(channelId).withValue(cycle));
        });
    }
}
