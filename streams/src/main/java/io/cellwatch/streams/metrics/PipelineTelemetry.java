package io.cellwatch.streams.metrics;

import io.cellwatch.model.Alert;
import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.HealthReading;
import io.cellwatch.streams.detect.ReadingSink;
import io.cellwatch.streams.pipeline.SequenceEvent;
import java.util.Collection;

/**
 * What the processors report as they go, for metrics. Implementations must be cheap and
 * thread-safe: they are called on the stream threads for every sample.
 */
public interface PipelineTelemetry extends ReadingSink {

    PipelineTelemetry NONE = new PipelineTelemetry() {};

    /** Tells {@code first}, then {@code second}, everything. */
    static PipelineTelemetry both(PipelineTelemetry first, PipelineTelemetry second) {
        return new TelemetryFanOut(java.util.List.of(first, second));
    }

    /** A sample was folded into its channel's open cycle, under this metadata of the channel. */
    default void onSample(Sample sample, ChannelInfo info) {}

    /** A sample not newer than the channel's last one (redelivered or out of order) was ignored. */
    default void onStaleSample(String channelId) {}

    default void onCycle(CycleSummary cycle) {}

    /** A channel's samples broke its sequence: a new test on the channel, or a counter restarted inside one. */
    default void onSequenceEvent(SequenceEvent event) {}

    /** A cycle made elsewhere was not judged because its channel sends samples (their cycles count). */
    default void onIgnoredExternalCycle(String channelId) {}

    /** An alert event (firing, escalated or resolved) left a detector. */
    default void onAlert(Alert alert) {}

    /**
     * The alert episodes firing on a channel now, replacing what was reported before (empty: none).
     * Reported from the active-alerts store whenever it changes and when a task takes a channel
     * over after a restart or rebalance, so the numbers survive both.
     */
    default void onActiveAlerts(String channelId, Collection<Alert> firing) {}

    /** The operator ended the channel's test: what is kept of the channel goes now (its last alerts came before). */
    default void onChannelForgotten(String channelId) {}

    /** Records sent to the dead-letter topic by a stage ({@code deserialization} or {@code processing}). */
    default void onDeadLetter(String stage, int records) {}

    @Override
    default void report(String channelId, HealthReading reading, double value) {}
}
