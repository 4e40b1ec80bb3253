package io.cellwatch.streams.query;

import io.cellwatch.model.ChannelInfo;
import io.cellwatch.model.Sample;
import io.cellwatch.streams.detect.HealthReading;
import io.cellwatch.streams.metrics.PipelineTelemetry;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last hours of each channel this instance runs, for the live page: voltage and current
 * thinned to at most {@value ChannelTrace#POINTS} points over {@value #WINDOW_HOURS} hours of test
 * time, the overpotential of the last {@value ChannelTrace#HALF_CYCLES} half-cycles, and when the
 * last sample arrived (wall clock). Fed by the pipeline as it goes (a telemetry), held in memory
 * only: about 6 KB per channel, rebuilt from new samples after a restart or when a channel moves to
 * another instance, and dropped with the channel's series when they retire ({@link #forget}). The data the
 * detectors judge never comes from here.
 */
public final class RecentSamples implements PipelineTelemetry {
    static final int WINDOW_HOURS = 6;

    private final Clock clock;
    private final Map<String, ChannelTrace> channels = new ConcurrentHashMap<>();

    public RecentSamples(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void onSample(Sample sample, ChannelInfo info) {
        channels.computeIfAbsent(sample.channelId(), id -> new ChannelTrace(WINDOW_HOURS * 3600.0))
                .add(sample, clock.millis());
    }

    @Override
    public void report(String channelId, HealthReading reading, double value) {
        if (reading == HealthReading.OVERPOTENTIAL_V) {
            ChannelTrace trace = channels.get(channelId);
            if (trace != null) {
                trace.halfCycle(value);
            }
        }
    }

    @Override
    public void onChannelForgotten(String channelId) {
        forget(channelId);
    }

    /** Drops the channel's trace: its series were retired (quiet, or another instance runs it now). */
    public void forget(String channelId) {
        channels.remove(channelId);
    }

    /** The channel's trace as it stands, if this instance has seen a sample of it since it started. */
    Optional<ChannelTrace.Snapshot> of(String channelId) {
        ChannelTrace trace = channels.get(channelId);
        return trace == null ? Optional.empty() : Optional.of(trace.snapshot(clock.millis()));
    }

    /** Seconds since the channel's last sample arrived, or null when none arrived here. */
    Double secondsSinceLastSample(String channelId) {
        ChannelTrace trace = channels.get(channelId);
        return trace == null ? null : trace.secondsSinceLastSample(clock.millis());
    }
}
