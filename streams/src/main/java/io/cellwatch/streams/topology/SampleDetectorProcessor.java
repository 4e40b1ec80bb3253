package io.cellwatch.streams.topology;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.SampleDetector;
import io.cellwatch.streams.metrics.PipelineTelemetry;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Thin Kafka shell around one {@link SampleDetector}: per-channel state in its own named store,
 * read and written only for channels the detector applies to (a full cell's samples never touch the
 * symmetric-cell stores).
 */
final class SampleDetectorProcessor<S> implements Processor<String, Sample, String, Alert> {
    private final SampleDetector<S> detector;
    private final PipelineTelemetry telemetry;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, S> states;
    private ChannelDirectory channels;

    SampleDetectorProcessor(SampleDetector<S> detector, PipelineTelemetry telemetry) {
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
    public void process(Record<String, Sample> record) {
        Sample sample = record.value();
        if (sample == null) {
            return;
        }
        ChannelInfo channel = channels.lookup(sample.channelId());
        if (!detector.appliesTo(channel)) {
            return;
        }
        S state = states.get(sample.channelId());
        if (state == null) {
            state = detector.newState(channel);
        }
        var alerts = detector.onSample(state, sample, channel, telemetry);
        states.put(sample.channelId(), state);
        for (Alert alert : alerts) {
            telemetry.onAlert(alert);
            context.forward(record.withKey(sample.channelId()).withValue(alert));
        }
    }
}
