package io.cellwatch.streams.metrics;

/** What the registry last heard of a channel: what a retirement decision looks at. */
public interface ChannelActivity {

    /** Wall time (ms, from the telemetry's clock) of the last sample, cycle, reading or alert change. */
    long lastActivityMs();

    /** Whether an alert episode is firing on the channel. */
    boolean hasFiringAlerts();
}
