package io.cellwatch.streams.topology;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.SampleDetector;
import io.cellwatch.streams.metrics.PipelineTelemetry;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Thin Kafka shell around the {@link SampleDetector}s: one processor for all of them, so a sample
 * costs one channel-metadata lookup, and each detector keeps its per-channel state in its own named
 * store, read and written only for channels it applies to (a full cell's samples never touch the
 * symmetric-cell stores).
 */
final class SampleDetectorsProcessor implements Processor<String, Sample, String, Alert> {
    private final List<Slot<?>> slots = new ArrayList<>();
    private final PipelineTelemetry telemetry;
    private ProcessorContext<String, Alert> context;
    private ChannelDirectory channels;

    SampleDetectorsProcessor(List<SampleDetector<?>> detectors, PipelineTelemetry telemetry) {
        for (SampleDetector<?> detector : detectors) {
            slots.add(new Slot<>(detector));
        }
        this.telemetry = telemetry;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.channels = new ChannelDirectory(context);
        for (Slot<?> slot : slots) {
            slot.init(context);
        }
    }

    @Override
    public void process(Record<String, Sample> record) {
        Sample sample = record.value();
        if (sample == null) {
            return;
        }
        ChannelInfo channel = channels.lookup(sample.channelId());
        for (Slot<?> slot : slots) {
            for (Alert alert : slot.onSample(sample, channel, telemetry)) {
                telemetry.onAlert(alert);
                context.forward(record.withKey(sample.channelId()).withValue(alert));
            }
        }
    }

    private static final class Slot<S> {
        final SampleDetector<S> detector;
        KeyValueStore<String, S> states;

        Slot(SampleDetector<S> detector) {
            this.detector = detector;
        }

        void init(ProcessorContext<String, Alert> context) {
            states = context.getStateStore(CellwatchTopology.storeName(detector));
        }

        List<Alert> onSample(Sample sample, ChannelInfo channel, PipelineTelemetry telemetry) {
            if (!detector.appliesTo(channel)) {
                return List.of();
            }
            S state = states.get(sample.channelId());
            if (state == null) {
                state = detector.newState(channel);
            }
            List<Alert> alerts = detector.onSample(state, sample, channel, telemetry);
            states.put(sample.channelId(), state);
            return alerts;
        }
    }
}
