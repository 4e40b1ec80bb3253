package io.cellwatch.streams.metrics;

import java.time.Duration;

/**
 * When a channel's series leave the registry, so a fleet whose channels come and go keeps a
 * bounded number of series ({@link ChannelSweep} applies it).
 *
 * <p>A channel is retired when nothing was heard from it for {@code quietFor} (no sample, cycle,
 * reading or alert change) and no alert is firing on it: a firing alert stays visible until it
 * resolves. Keep {@code quietFor} well above any "channel silent" alert threshold: a retired
 * channel has no series, so an alert on its sample age would resolve by itself.
 *
 * @param quietFor   how long a channel must be quiet before its series are removed (zero: never)
 * @param sweepEvery how often quiet channels are looked for
 */
public record ChannelRetirement(Duration quietFor, Duration sweepEvery) {
    public static final Duration DEFAULT_QUIET_FOR = Duration.ofHours(24);

    public ChannelRetirement {
        if (quietFor.isNegative() || sweepEvery.isNegative() || sweepEvery.isZero()) {
            throw new IllegalArgumentException(
                    "quietFor must be >= 0 and sweepEvery > 0, were " + quietFor + " and " + sweepEvery);
        }
    }

    /** Retire after {@code quietFor}, sweeping about ten times per period (at most every minute, at least every second). */
    public static ChannelRetirement after(Duration quietFor) {
        long sweepMs = Math.max(1_000, Math.min(60_000, quietFor.toMillis() / 10));
        return new ChannelRetirement(quietFor, Duration.ofMillis(sweepMs));
    }

    public static ChannelRetirement defaults() {
        return after(DEFAULT_QUIET_FOR);
    }

    public static ChannelRetirement never() {
        return new ChannelRetirement(Duration.ZERO, Duration.ofMinutes(1));
    }

    public boolean enabled() {
        return !quietFor.isZero();
    }
}
