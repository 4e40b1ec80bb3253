package io.cellwatch.streams.metrics;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.HealthReading;
import io.cellwatch.streams.pipeline.SequenceEvent;
import java.util.Collection;
import java.util.List;

/** Tells several telemetries the same thing, in order (the metrics, and the query API's recent samples). */
final class TelemetryFanOut implements PipelineTelemetry {
    private final List<PipelineTelemetry> targets;

    TelemetryFanOut(List<PipelineTelemetry> targets) {
        this.targets = List.copyOf(targets);
    }

    @Override
    public void onSample(Sample sample, ChannelInfo info) {
        targets.forEach(t -> t.onSample(sample, info));
    }

    @Override
    public void onStaleSample(String channelId) {
        targets.forEach(t -> t.onStaleSample(channelId));
    }

    @Override
    public void onCycle(CycleSummary cycle) {
        targets.forEach(t -> t.onCycle(cycle));
    }

    @Override
    public void onSequenceEvent(SequenceEvent event) {
        targets.forEach(t -> t.onSequenceEvent(event));
    }

    @Override
    public void onIgnoredExternalCycle(String channelId) {
        targets.forEach(t -> t.onIgnoredExternalCycle(channelId));
    }

    @Override
    public void onAlert(Alert alert) {
        targets.forEach(t -> t.onAlert(alert));
    }

    @Override
    public void onActiveAlerts(String channelId, Collection<Alert> firing) {
        targets.forEach(t -> t.onActiveAlerts(channelId, firing));
    }

    @Override
    public void onChannelForgotten(String channelId) {
        targets.forEach(t -> t.onChannelForgotten(channelId));
    }

    @Override
    public void onDeadLetter(String stage, int records) {
        targets.forEach(t -> t.onDeadLetter(stage, records));
    }

    @Override
    public void report(String channelId, HealthReading reading, double value) {
        targets.forEach(t -> t.report(channelId, reading, value));
    }
}
