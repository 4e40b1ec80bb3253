package io.cellwatch.streams.topology;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.streams.detect.CycleDetector;
import io.cellwatch.streams.metrics.PipelineTelemetry;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Thin Kafka shell around one {@link CycleDetector}: per-channel state in its own named store. */
final class CycleDetectorProcessor<S> implements Processor<String, CycleSummary, String, Alert> {
    private final CycleDetector<S> detector;
    private final PipelineTelemetry telemetry;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, S> states;
    private ChannelDirectory channels;

    CycleDetectorProcessor(CycleDetector<S> detector, PipelineTelemetry telemetry) {
        this.detector = detector;
        this.telemetry = telemetry;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.states = context.getStateStore(CellwatchTopology.storeName(detector));
        this.channels = new ChannelDirectory(context);
    }

    @Override
    public void process(Record<String, CycleSummary> record) {
        CycleSummary cycle = record.value();
        ChannelInfo channel = channels.lookup(cycle.channelId());
        if (!detector.appliesTo(channel)) {
            return;
        }
        S state = states.get(cycle.channelId());
        if (state == null) {
            state = detector.newState(channel);
        }
        var alerts = detector.onCycle(state, cycle, channel, telemetry);
        states.put(cycle.channelId(), state);
        for (Alert alert : alerts) {
            telemetry.onAlert(alert);
            context.forward(record.withKey(cycle.channelId()).withValue(alert));
        }
    }
}
