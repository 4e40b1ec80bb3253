package io.cellwatch.streams.detect;

/** Where detectors report their {@link HealthReading}s (metrics in the live topology, nowhere in replay). */
@FunctionalInterface
public interface ReadingSink {
    ReadingSink NONE = (channelId, reading, value) -> {};

    void report(String channelId, HealthReading reading, double value);
}
