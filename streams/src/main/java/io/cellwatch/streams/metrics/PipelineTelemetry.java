package io.cellwatch.streams.metrics;

import io.cellwatch.model.Alert;
import io.cellwatch.model.CycleSummary;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.HealthReading;
import io.cellwatch.streams.detect.ReadingSink;

/**
 * What the processors report as they go, for metrics. Implementations must be cheap and
 * thread-safe: they are called on the stream threads for every sample.
 */
public interface PipelineTelemetry extends ReadingSink {

    PipelineTelemetry NONE = new PipelineTelemetry() {
    };

    default void onSample(Sample sample) {
    }

    /** A sample not newer than the channel's last one (redelivered or out of order) was ignored. */
    default void onStaleSample(String channelId) {
    }

    default void onCycle(CycleSummary cycle) {
    }

    default void onAlert(Alert alert) {
    }

    @Override
    default void report(String channelId, HealthReading reading, double value) {
    }
}
